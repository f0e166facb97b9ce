"""Login at the Zope root for an instance that hosts several firms' sites.

``http://host/@@akte-login`` asks for Kanzlei, Datenbank, Benutzername, Passwort,
finds the Plone site whose settings hold that Kanzlei/Datenbank, authenticates there
(through the site's PAS plugin: same lockouts, same refusals) and sends the user into
that site with a session cookie of that site. An unknown Kanzlei/Datenbank gets the
same generic message as a wrong password. Registered for the Zope application object
(no browser layer exists outside a site).
"""

from kanzlei.akte import _
from kanzlei.akte.accounts import failures
from kanzlei.akte.accounts.names import normalize
from kanzlei.akte.browser.client import landing_url
from kanzlei.akte.browser.login.login import failure_message
from kanzlei.akte.pas import compat
from kanzlei.akte.pas.clientip import client_ip
from kanzlei.akte.pas.lookup import get_plugin
from kanzlei.akte.pas.plugin import FAILED
from kanzlei.akte.pas.plugin import mark_refusal
from kanzlei.akte.twofactor import pending
from plone.base.interfaces import IPloneSiteRoot
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.i18n import translate


LABELS = {
    str(msg): msg
    for msg in (
        _("login_heading", default="Anmeldung zur Online-Akte"),
        _("login_label_kanzlei", default="Kanzlei"),
        _("login_label_datenbank", default="Datenbank"),
        _("login_label_username", default="Benutzername"),
        _("login_label_password", default="Passwort"),
        _("login_button", default="Anmelden"),
    )
}


def firm_sites(app):
    """(site, kanzlei, datenbank) for every site with kanzlei.akte installed."""
    for site in app.objectValues():
        if not IPloneSiteRoot.providedBy(site) or get_plugin(site) is None:
            continue
        registry = getattr(site, "portal_registry", None)
        if registry is None:
            continue
        yield (
            site,
            registry.get("kanzlei.akte.kanzlei_login"),
            registry.get("kanzlei.akte.datenbank"),
        )


class RootLoginView(BrowserView):
    template = ViewPageTemplateFile("templates/root_login.pt")
    error = None

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        form = self.request.form
        if self.request.method == "POST" and "form.submitted" in form:
            target = self.login(
                form.get("kanzlei", ""),
                form.get("datenbank", ""),
                form.get("__ac_name", ""),
                form.get("__ac_password", ""),
            )
            if target:
                self.request.response.redirect(target)
                return ""
        return self.template()

    def value(self, name):
        value = self.request.form.get(name, "")
        return value if isinstance(value, str) else ""

    def login(self, kanzlei, datenbank, login, password):
        matches = [
            site
            for site, k, d in firm_sites(self.context)
            if normalize(k) == normalize(kanzlei)
            and normalize(d) == normalize(datenbank)
        ]
        if len(matches) != 1 or not login:
            failures.record_ip_failure(client_ip(self.request))
            mark_refusal(self.request, FAILED)
            self.error = self.failure_text()
            return None
        site = matches[0]
        previous = getSite()
        setSite(site)
        try:
            plugin = get_plugin(site)
            result = plugin.authenticateCredentials(
                {"login": login, "password": password}
            )
            if not result:
                userid = pending.marked(self.request)
                if userid is not None:  # right password, second factor due
                    return pending.start_second_step(plugin, self.request, userid)
                self.error = self.failure_text()
                return None
            compat.start_session(
                site.acl_users.session, result[0], self.request.response
            )
            return landing_url(site, site.acl_users.getUserById(result[0]))
        finally:
            setSite(previous)

    @property
    def language(self):
        """No site, so no site language here: German unless the browser prefers
        English."""
        accept = self.request.get_header("Accept-Language", "") or ""
        for part in accept.split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in ("de", "en"):
                return code
        return "de"

    def t(self, msgid):
        return translate(LABELS[msgid], target_language=self.language)

    def failure_text(self):
        return translate(failure_message(self.request), target_language=self.language)

    def heading(self):
        return self.t("login_heading")
