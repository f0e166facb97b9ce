"""Production mode (``AKTE_MODE=production``): the instance refuses insecure settings.

``render`` (run by ``instance/start.sh`` before anything else) calls ``check``; each
problem stops the start with a German and an English sentence, all of them at once,
so an administrator fixes the environment file in one go.
"""

from kanzlei.akte.instance.config import ConfigError
from kanzlei.akte.instance.config import Settings


# shorter admin passwords are refused in production (the Zope admin is Manager)
ADMIN_PASSWORD_MIN = 12
_WILDCARD_HOSTS = ("", "0.0.0.0", "::", "[::]", "*")


def problems(settings: Settings) -> list[tuple[str, str]]:
    """What is insecure for production: (German, English) per problem."""
    found = []
    if settings.demo:
        found.append(
            (
                "AKTE_DEMO=1: Demo-Inhalte mit bekannten Zugängen gehören nicht in"
                " den Betrieb (AKTE_DEMO=0)",
                "demo content with well-known logins does not belong in production",
            )
        )
    if settings.debug:
        found.append(
            (
                "AKTE_DEBUG=1: der Debug-Modus zeigt Interna und lädt Vorlagen neu",
                "debug mode shows internals and reloads templates",
            )
        )
    if not settings.public_url.startswith("https://"):
        found.append(
            (
                "AKTE_PUBLIC_URL muss die öffentliche https://-Adresse des Portals sein"
                f" (ist: {settings.public_url or 'leer'})",
                "AKTE_PUBLIC_URL must be the portal's public https:// address",
            )
        )
    if not settings.trusted_proxies:
        found.append(
            (
                "AKTE_TRUSTED_PROXIES fehlt: kein TLS-Proxy (nginx) eingetragen; die"
                " Sperren sähen nur dessen Adresse",
                "AKTE_TRUSTED_PROXIES is missing: no TLS proxy configured in front",
            )
        )
    if settings.host in _WILDCARD_HOSTS:
        found.append(
            (
                f"AKTE_HOST={settings.host or 'leer'}: lauscht auf allen Adressen,"
                " am TLS-Proxy vorbei erreichbar (z. B. AKTE_HOST=127.0.0.1)",
                "listens on all addresses, reachable around the TLS proxy",
            )
        )
    if not settings.secure_cookies:
        found.append(
            (
                "AKTE_SECURE_COOKIES=0: das Anmelde-Cookie ginge auch über HTTP",
                "secure cookies are off: the login cookie would travel over HTTP",
            )
        )
    if len(settings.admin_password) < ADMIN_PASSWORD_MIN:
        found.append(
            (
                f"AKTE_ADMIN_PASSWORD fehlt oder hat weniger als {ADMIN_PASSWORD_MIN}"
                " Zeichen (ein erzeugtes Passwort stünde in Dateien und Logs)",
                f"AKTE_ADMIN_PASSWORD is missing or shorter than {ADMIN_PASSWORD_MIN}"
                " characters (a generated one would end up in files and logs)",
            )
        )
    if settings.mail_sink:
        found.append(
            (
                "AKTE_SMTP_HOST fehlt: der lokale Mail-Sammler stellt keine Mail zu",
                "AKTE_SMTP_HOST is missing: the local mail sink delivers nothing",
            )
        )
    return found


def check(settings: Settings) -> None:
    """Raise ConfigError listing every problem (production mode only)."""
    if not settings.production:
        return
    found = problems(settings)
    if not found:
        return
    lines = [
        "AKTE_MODE=production: unsichere Einstellungen, die Instanz startet nicht"
        " / insecure settings, the instance does not start:"
    ]
    for german, english in found:
        lines += [f"  - {german}", f"    {english}"]
    raise ConfigError("\n".join(lines))
