"""Views: the client's notification setting, and the clock's HTTP trigger."""

from kanzlei.akte import _
from kanzlei.akte.mail import preferences
from kanzlei.akte.mail import tick
from kanzlei.akte.mail.settings import INotificationSettings
from kanzlei.akte.mail.settings import REGISTRY_PREFIX
from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlparse
from zExceptions import Forbidden


class NotificationPreferencesView(BrowserView):
    """``@@benachrichtigungen``: how often the current user is e-mailed.

    ``@@benachrichtigungen-formular`` is the bare form, for inclusion in other pages
    (e.g. "Meine Daten"); it posts here and comes back via ``came_from``.
    """

    page = ViewPageTemplateFile("templates/preferences.pt")
    fragment = ViewPageTemplateFile("templates/preferences_form.pt")
    error = None
    saved = False

    def __call__(self):
        self.userid = api.user.get_current().getId()
        stored = preferences.get_preference(self.userid)
        self.mode = stored["mode"]
        self.minutes = str(stored["minutes"])
        form = self.request.form
        if self.request.method == "POST" and "form.submitted" in form:
            CheckAuthenticator(self.request)
            if self.save(form):
                api.portal.show_message(
                    _("mail_prefs_saved", default="Ihre Einstellung ist gespeichert."),
                    request=self.request,
                )
                came_from = self.safe_came_from(form.get("came_from"))
                if came_from:
                    return self.request.response.redirect(came_from)
                self.saved = True
        if self.__name__ == "benachrichtigungen-formular":
            return self.fragment()
        return self.page()

    def safe_came_from(self, url):
        if not url:
            return None
        portal_url = api.portal.get().absolute_url()
        if not url.startswith(portal_url + "/") and url != portal_url:
            return None
        parsed = urlparse(url)
        return url if parsed.scheme in ("http", "https") else None

    def save(self, form):
        mode = form.get("mode", "")
        minutes = (form.get("minutes") or "").strip()
        self.mode = mode if mode in preferences.MODES else self.mode
        self.minutes = minutes
        if mode not in preferences.MODES:
            self.error = _(
                "mail_prefs_error_mode",
                default="Bitte wählen Sie eine der Möglichkeiten.",
            )
            return False
        if mode == preferences.INTERVALL:
            try:
                value = int(minutes)
            except ValueError:
                value = 0
            if not preferences.MIN_MINUTES <= value <= preferences.MAX_MINUTES:
                self.error = _(
                    "mail_prefs_error_minutes",
                    default="Bitte geben Sie eine ganze Zahl von Minuten zwischen 1 "
                    "und 1440 (ein Tag) ein.",
                )
                return False
            preferences.set_preference(self.userid, mode, value)
        else:
            preferences.set_preference(self.userid, mode)
        return True

    def modes(self):
        return [
            {
                "value": term.value,
                "title": term.title,
                "checked": term.value == self.mode,
            }
            for term in preferences.MODES
        ]

    @property
    def action_url(self):
        return api.portal.get().absolute_url() + "/@@benachrichtigungen"

    @property
    def came_from(self):
        if self.__name__ == "benachrichtigungen-formular":
            return self.request.get("ACTUAL_URL", "")
        return ""


class SendNowView(BrowserView):
    """``@@akte-benachrichtigungen-senden``: one clock beat over HTTP (for cron/curl).

    POST only (with Basic auth of an administrator), so that no link or crawler sends.
    """

    def __call__(self):
        if self.request.method != "POST":
            raise Forbidden("POST only")
        portal = api.portal.get()
        counts = tick.sender.flush(portal)
        tick.maintenance(portal)
        self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return "sent={sent} failed={failed} dropped={dropped}\n".format(**counts)


class NotificationSettingsForm(RegistryEditForm):
    schema = INotificationSettings
    schema_prefix = REGISTRY_PREFIX
    label = _("mail_controlpanel_title", default="Online-Akte: Benachrichtigungen")
    description = _(
        "mail_controlpanel_description",
        default="Wie und wann Mandanten und Kanzlei per E-Mail benachrichtigt werden. "
        "Betreff und Text bearbeiten Sie unter Inhaltsregeln.",
    )


class NotificationSettingsControlPanel(ControlPanelFormWrapper):
    form = NotificationSettingsForm
