"""What the audit log records: one id per kind, with its title for staff and clients.

Kinds in ``DELIVERY`` make up a document's proof of delivery (Zustellnachweis) and
are kept longer (setting ``audit_retention_delivery_years``).
"""

from kanzlei.akte import _


KINDS = {
    "login": _("audit_kind_login", default="Anmeldung"),
    "login_failed": _("audit_kind_login_failed", default="Fehlgeschlagene Anmeldung"),
    "logout": _("audit_kind_logout", default="Abmeldung"),
    "mandate_viewed": _("audit_kind_mandate_viewed", default="Akte angesehen"),
    "document_viewed": _("audit_kind_document_viewed", default="Dokument angesehen"),
    "document_previewed": _(
        "audit_kind_document_previewed", default="Dokument in der Vorschau"
    ),
    "document_downloaded": _(
        "audit_kind_document_downloaded", default="Dokument heruntergeladen"
    ),
    "uploaded": _("audit_kind_uploaded", default="Datei hochgeladen"),
    "upload_refused": _("audit_kind_upload_refused", default="Upload abgewiesen"),
    "message": _("audit_kind_message", default="Nachricht geschrieben"),
    "questionnaire_answered": _(
        "audit_kind_questionnaire_answered", default="Fragebogen beantwortet"
    ),
    "released": _("audit_kind_released", default="Freigegeben"),
    "withdrawn": _("audit_kind_withdrawn", default="Freigabe zurückgenommen"),
    "notified": _("audit_kind_notified", default="Benachrichtigung versandt"),
    "invitation_sent": _("audit_kind_invitation_sent", default="Einladung versandt"),
    "invitation_renewed": _(
        "audit_kind_invitation_renewed", default="Einladung erneuert"
    ),
    "invitation_revoked": _(
        "audit_kind_invitation_revoked", default="Einladung widerrufen"
    ),
    "registered": _("audit_kind_registered", default="Registrierung"),
    "account_disabled": _("audit_kind_account_disabled", default="Zugang gesperrt"),
    "account_deleted": _("audit_kind_account_deleted", default="Zugang gelöscht"),
    "settings_changed": _(
        "audit_kind_settings_changed", default="Einstellung geändert"
    ),
    "token_created": _("audit_kind_token_created", default="API-Token erstellt"),
    "token_revoked": _("audit_kind_token_revoked", default="API-Token widerrufen"),
    "api_write": _("audit_kind_api_write", default="Schnittstelle: Änderung"),
    "second_factor_enabled": _(
        "audit_kind_second_factor_enabled", default="Zweiter Faktor eingerichtet"
    ),
    "second_factor_disabled": _(
        "audit_kind_second_factor_disabled", default="Zweiter Faktor abgeschaltet"
    ),
    "second_factor_reset": _(
        "audit_kind_second_factor_reset", default="Zweiter Faktor zurückgesetzt"
    ),
    "second_factor_failed": _(
        "audit_kind_second_factor_failed", default="Falscher Code (zweiter Faktor)"
    ),
}

# the proof of delivery of a document: kept for ``audit_retention_delivery_years``
DELIVERY = frozenset(
    {"released", "withdrawn", "notified", "document_previewed", "document_downloaded"}
)
# what a client sees of their own entries under "Meine Daten" (GDPR Art. 15)
OWN = frozenset(
    {
        "login",
        "login_failed",
        "logout",
        "document_viewed",
        "document_previewed",
        "document_downloaded",
        "uploaded",
        "message",
        "questionnaire_answered",
        "registered",
        "second_factor_enabled",
        "second_factor_disabled",
        "second_factor_reset",
    }
)
# who acted: the role kind of an entry
ROLES = {
    "client": _("audit_role_client", default="Mandant"),
    "staff": _("audit_role_staff", default="Kanzlei"),
    "integration": _("audit_role_integration", default="Schnittstelle"),
    "anonymous": _("audit_role_anonymous", default="Nicht angemeldet"),
    "system": _("audit_role_system", default="System"),
}
RESULTS = {
    "ok": _("audit_result_ok", default="erfolgreich"),
    "refused": _("audit_result_refused", default="abgewiesen"),
    "failed": _("audit_result_failed", default="fehlgeschlagen"),
}
