"""The default view (``view``) of Mandant and Mandat: staff page or client page.

Staff (permission ``kanzlei.akte: Manage clients`` in the context) get the staff page.
Everyone else gets the client page the client views register (``akte-mandat``,
``akte-mandant``); if there is none, a plain "nicht verfügbar" page, never the
staff page.
"""

from kanzlei.akte.accounts.staff import is_staff
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import queryMultiAdapter


class DispatchView(BrowserView):
    staff_view = None
    client_view = None
    unavailable = ViewPageTemplateFile("templates/unavailable.pt")

    def __call__(self):
        name = self.staff_view if is_staff(self.context) else self.client_view
        view = queryMultiAdapter((self.context, self.request), name=name)
        if view is None:
            self.request.response.setStatus(404)
            return self.unavailable()
        return view()


class MandantDispatch(DispatchView):
    staff_view = "mandant-staff"
    client_view = "akte-mandant"


class MandatDispatch(DispatchView):
    staff_view = "mandat-staff"
    client_view = "akte-mandat"
