"""@@akte-start: the site's start page (the portal root's default view).

Anonymous visitors get a short welcome with the login button; clients are sent to
their "Meine Online-Akte", staff to the client area ``/mandanten``.
"""

from kanzlei.akte.accounts.staff import is_staff
from kanzlei.akte.branding import settings as branding
from kanzlei.akte.browser.client import landing_url
from kanzlei.akte.mail.recipients import inbox_warning
from plone import api
from Products.Five.browser import BrowserView


START_VIEW = "akte-start"
AREA_ID = "mandanten"


def staff_url(portal):
    return portal.absolute_url() + "/" + AREA_ID


class StartView(BrowserView):
    def __call__(self):
        portal = api.portal.get()
        if not api.user.is_anonymous():
            if is_staff(portal):
                warning = inbox_warning()
                if warning is not None:
                    # shown on the client area, where the start page sends staff
                    api.portal.show_message(warning, self.request, type="warning")
                return self.redirect(staff_url(portal))
            target = landing_url(portal, api.user.get_current())
            if target != portal.absolute_url():
                return self.redirect(target)
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        self.request.set("disable_border", 1)
        return self.index()

    def redirect(self, url):
        self.request.response.redirect(url)
        return ""

    @property
    def portal_url(self):
        return api.portal.get().absolute_url()

    def firm_name(self):
        return branding.get("firm_name") or ""

    def anonymous(self):
        return api.user.is_anonymous()
