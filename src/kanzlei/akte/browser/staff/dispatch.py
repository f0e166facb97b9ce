"""The default view (``view``) of Mandant and Mandat: staff page or client page.

Staff (permission ``kanzlei.akte: Manage clients`` in the context) get the staff page.
Everyone else gets the client page (``akte-mandat``, ``akte-mandant``), never the
staff page.
"""

from kanzlei.akte.accounts.staff import is_staff
from Products.Five.browser import BrowserView
from zope.component import getMultiAdapter


class DispatchView(BrowserView):
    staff_view = None
    client_view = None

    def __call__(self):
        name = self.staff_view if is_staff(self.context) else self.client_view
        return getMultiAdapter((self.context, self.request), name=name)()


class MandantDispatch(DispatchView):
    staff_view = "mandant-staff"
    client_view = "akte-mandant"


class MandatDispatch(DispatchView):
    staff_view = "mandat-staff"
    client_view = "akte-mandat"
