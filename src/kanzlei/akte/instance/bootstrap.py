"""Prepare the database before the server starts; run on every start.

``instance/start.sh`` runs this through ``instance/setup_site.py`` with
``zconsole run instance/etc/zope.conf instance/setup_site.py`` (with FileStorage
the server must not run: the database is locked while it does; with ZEO or
RelStorage other instances may run). Steps:

1. the Zope admin ``admin`` gets the password from ``AKTE_ADMIN_PASSWORD`` or a
   generated one kept in ``<var>/admin-password``;
2. the firm's Plone site is created with our distribution ``kanzlei`` if it does
   not exist yet (plus demo content unless ``AKTE_DEMO=0``); an existing site is
   kept as it is;
3. the mail settings from the AKTE_SMTP_* / AKTE_MAIL_* variables are applied, and
   the Zope root's user folder (``admin``) gets the same lockout and IP throttle
   as the site's accounts (``pas.install.install_root_plugin``);
4. the login data are written to ``<var>/zugang.txt`` (start.sh prints them).
"""

from AccessControl.SecurityManagement import newSecurityManager
from App.config import getConfiguration
from AuthEncoding import pw_validate
from kanzlei.akte.instance.config import Settings
from kanzlei.akte.instance.config import SINK_HOST
from kanzlei.akte.instance.config import SITE_LANGUAGE
from kanzlei.akte.instance.config import SITE_TIMEZONE
from kanzlei.akte.mail.settings import REGISTRY_PREFIX as MAIL_REGISTRY_PREFIX
from kanzlei.akte.pas import compat
from kanzlei.akte.pas.install import install_root_plugin
from pathlib import Path
from plone import api
from plone.base.interfaces import IMailSchema
from plone.base.interfaces import IPloneSiteRoot
from plone.distribution.api import site as site_api
from plone.registry.interfaces import IRegistry
from Products.PluggableAuthService.interfaces.authservice import IPluggableAuthService
from zope.component import getUtility
from zope.component.hooks import setSite

import secrets
import transaction


ADMIN = "admin"
DISTRIBUTION = "kanzlei"
DEFAULT_MAIL_FROM = "online-akte@localhost"


def say(line: str) -> None:
    print(f"[akte] {line}", flush=True)


def admin_password(settings: Settings) -> str:
    """From the environment, else generated once and kept under var/.

    With ZEO or RelStorage several instances share the database, each with its
    own var/: a generated password per instance would overwrite the others'.
    """
    if settings.admin_password:
        return settings.admin_password
    if settings.shared_storage:
        raise SystemExit(
            "Mit AKTE_ZEO_ADDRESS / AKTE_RELSTORAGE_DSN bitte AKTE_ADMIN_PASSWORD"
            " setzen (alle Instanzen teilen sich den Admin) / set"
            " AKTE_ADMIN_PASSWORD: all instances share the admin user"
        )
    path = settings.admin_password_file
    password = path.read_text().strip() if path.exists() else ""
    if not password:
        password = secrets.token_urlsafe(12)
        write_private(path, password + "\n")
    return password


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner may read (it holds passwords)."""
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(text)


def ensure_admin(app, password: str):
    """Create or update the Zope admin (Manager); return it, wrapped.

    The Zope root's user folder is a plain UserFolder until the first Plone
    site is created; then PlonePAS replaces it with a PAS whose ZODBUserManager
    ``users`` keeps the users (passwords included).
    """
    users = app.acl_users
    if IPluggableAuthService.providedBy(users):
        manager = users["users"]
        if manager.getUserIdForLogin(ADMIN) is None:
            compat.add_root_user(users, ADMIN, password, ["Manager"])
        elif not manager.authenticateCredentials(
            {"login": ADMIN, "password": password}
        ):
            manager.updateUserPassword(manager.getUserIdForLogin(ADMIN), password)
        user = users.getUser(ADMIN)
        if "Manager" not in user.getRoles():
            users["roles"].assignRoleToPrincipal(user.getId(), "Manager")
    else:
        user = users.getUser(ADMIN)
        if (
            user is None
            or "Manager" not in user.getRoles()
            or not pw_validate(compat.root_user_password(user), password)
        ):
            compat.add_root_user(users, ADMIN, password, ["Manager"])
    return users.getUser(ADMIN).__of__(users)


def create_site(app, settings: Settings):
    """Create the firm's site with our distribution (one committed transaction)."""
    answers = {
        "site_id": settings.site_id,
        "title": settings.site_title,
        "description": "",
        "default_language": SITE_LANGUAGE,
        "portal_timezone": SITE_TIMEZONE,
        "setup_content": False,
    }
    return site_api.create(app, DISTRIBUTION, answers)


def apply_mail_settings(site, settings: Settings) -> str:
    """Point Plone at the SMTP server; return a line describing it."""
    mail = getUtility(IRegistry).forInterface(IMailSchema, prefix="plone")
    mail.smtp_host = settings.smtp_host or SINK_HOST
    mail.smtp_port = settings.smtp_port
    mail.smtp_userid = settings.smtp_user or None
    mail.smtp_pass = settings.smtp_password or None
    if settings.mail_from:
        mail.email_from_address = settings.mail_from
    elif not mail.email_from_address:
        mail.email_from_address = DEFAULT_MAIL_FROM
    if settings.mail_from_name:
        mail.email_from_name = settings.mail_from_name
    elif not mail.email_from_name:
        mail.email_from_name = site.Title()
    # The registry has no TLS settings; the MailHost object keeps them.
    # zope.sendmail uses STARTTLS whenever the server offers it; force_tls makes
    # it mandatory. Port 465 is SMTPS (TLS from the first byte).
    mailhost = site.MailHost
    mailhost.force_tls = settings.smtp_starttls
    mailhost.implicit_tls = settings.smtp_port == 465
    server = f"{mail.smtp_host}:{mail.smtp_port}"
    if settings.mail_sink:
        server += " (lokaler Mail-Sammler / local mail sink)"
    sender = f"{mail.email_from_name} <{mail.email_from_address}>"
    return f"Absender / sender: {sender}, SMTP {server}"


def apply_public_url(settings: Settings) -> str:
    """``AKTE_PUBLIC_URL``: the address in links of mails sent outside a request."""
    if not settings.public_url:
        return "Öffentliche Adresse wie eingestellt / public address as configured"
    api.portal.set_registry_record(
        f"{MAIL_REGISTRY_PREFIX}.public_url", settings.public_url
    )
    return f"Öffentliche Adresse / public address: {settings.public_url}"


def apply_cookie_settings(site, settings: Settings) -> str:
    """Behind TLS the login cookie must never travel over plain HTTP."""
    site.acl_users.session.manage_changeProperties(secure=settings.secure_cookies)
    if settings.secure_cookies:
        return "Anmelde-Cookie nur über HTTPS / login cookie HTTPS only"
    return "Anmelde-Cookie auch über HTTP (lokal) / login cookie also over HTTP"


def guard_root_logins(app) -> str:
    """Lockout and IP throttle for the Zope root's accounts (``admin``) too."""
    if install_root_plugin(app):
        return "Sperren gelten auch für 'admin' / lockouts guard 'admin' too"
    return "WARNUNG: keine Sperren für Zope-Root-Konten / no lockout for root accounts"


def demo_content(site) -> list[str]:
    """Demo clients, mandates and logins; returns printable credential lines."""
    from kanzlei.akte.demo import create_demo_content

    return [str(line) for line in create_demo_content(site)]


def write_access_file(settings: Settings, password: str) -> None:
    if settings.admin_password:
        password_line = "(aus / from AKTE_ADMIN_PASSWORD)"
    else:
        kept = settings.admin_password_file
        password_line = f"{password}   (gespeichert in / kept in {kept})"
    lines = [
        f"Online-Akte:              {settings.site_url}",
        f"Anmelden / log in:        {settings.site_url}/login",
        f"  Benutzer / user:        {ADMIN}",
        f"  Passwort / password:    {password_line}",
        f"Zope-Verwaltung / ZMI:    {settings.zope_url}/manage",
    ]
    demo = _demo_file(settings)
    if demo.exists():
        lines += ["", "Demo-Zugänge / demo logins:"]
        lines += [f"  {line}" for line in demo.read_text().splitlines()]
    write_private(settings.access_file, "\n".join(lines) + "\n")


def _demo_file(settings: Settings) -> Path:
    return settings.var_dir / "demo-zugang.txt"


def main(app) -> None:
    settings = Settings.from_env(getConfiguration().instancehome)
    password = admin_password(settings)
    admin = ensure_admin(app, password)
    transaction.commit()
    newSecurityManager(None, admin)  # the site gets a real owner

    site = app.get(settings.site_id)
    created = site is None
    if created:
        say(f"Lege die Plone-Site '{settings.site_id}' an / creating the site ...")
        site = create_site(app, settings)
        _demo_file(settings).unlink(missing_ok=True)
    elif not IPloneSiteRoot.providedBy(site):
        raise SystemExit(
            f"'{settings.site_id}' im Zope-Root ist keine Plone-Site"
            " / is not a Plone site"
        )
    else:
        say(f"Plone-Site '{settings.site_id}' vorhanden, Daten bleiben / site kept")

    setSite(site)
    say(apply_mail_settings(site, settings))
    say(apply_public_url(settings))
    say(apply_cookie_settings(site, settings))
    say(guard_root_logins(app))
    try:
        if created and settings.demo:
            say("Lege Demo-Inhalte an / creating demo content ...")
            demo_lines = demo_content(site)
            text = "".join(f"{line}\n" for line in demo_lines)
            write_private(_demo_file(settings), text)
        transaction.commit()
    except BaseException:
        transaction.abort()
        if created:
            # all or nothing: the next start creates the site again
            setSite(None)
            app.manage_delObjects([settings.site_id])
            transaction.commit()
            _demo_file(settings).unlink(missing_ok=True)
            say(f"Site '{settings.site_id}' wieder entfernt / removed again")
        raise
    if created:
        say(f"Plone-Site '{settings.site_id}' angelegt / created")
    write_access_file(settings, password)
