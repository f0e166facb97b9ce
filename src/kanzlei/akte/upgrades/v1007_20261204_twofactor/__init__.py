"""Issue 12, section 2: two-factor login. The firm's setting "Zwei-Faktor-Anmeldung
für die Kanzlei verlangen" (``kanzlei.akte.second_factor_staff``, off) and the
personal menu's "Anmeldung absichern". Users' second factors live on the PAS plugin
(created when the first user sets one up): nothing to migrate."""

from plone import api


PROFILE = "profile-kanzlei.akte:default"


def upgrade(setup_tool):
    for step in ("plone.app.registry", "actions"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    record = "kanzlei.akte.second_factor_staff"
    if api.portal.get_registry_record(record, default=None) is None:
        api.portal.set_registry_record(record, False)
