"""The demo firm's look (``make start``'s demo site and the browser tests)."""

from kanzlei.akte.branding.settings import PREFIX
from pathlib import Path
from plone import api
from plone.formwidget.namedfile.converter import b64encode_file


DEMO_LOGO = Path(__file__).parent / "demo-logo.svg"

DEMO = {
    "phone": "0221 123 456 0",
    "email": "kanzlei@example.org",
    "imprint_url": "https://www.example.org/impressum",
    "privacy_url": "https://www.example.org/datenschutz",
}


def set_demo_branding():
    logo = b64encode_file(DEMO_LOGO.name, DEMO_LOGO.read_bytes())
    api.portal.set_registry_record(f"{PREFIX}.logo", logo)
    for name, value in DEMO.items():
        api.portal.set_registry_record(f"{PREFIX}.{name}", value)
    address = "Domkloster 1\n50667 Köln"
    if not api.portal.get_registry_record(f"{PREFIX}.firm_address", default=""):
        api.portal.set_registry_record(f"{PREFIX}.firm_address", address)
