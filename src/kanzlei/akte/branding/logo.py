"""The firm's logo: PNG, or SVG without scripts, events or outside references.

Stored like Plone's site logo (``filenameb64:…;datab64:…``, the NamedImage widget's
format) and served by ``@@akte-logo`` (also the favicon) with a CSP that runs nothing.
"""

from kanzlei.akte import _
from lxml import etree
from plone.formwidget.namedfile.converter import b64decode_file


PNG = b"\x89PNG\r\n\x1a\n"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}href"
# Elements that run code, embed other documents or animate attributes (e.g. into href).
FORBIDDEN = {"script", "foreignObject", "iframe", "embed", "object", "animate", "set",
             "animateMotion", "animateTransform", "handler", "listener"}  # fmt: skip


def decode(value):
    """(filename, data) of a stored logo value, or (None, None)."""
    if not value:
        return None, None
    filename, data = b64decode_file(value)
    return filename, data


def _unsafe(name, value):
    """An event handler, a reference outside the file, or a url() to outside."""
    local = etree.QName(name).localname.lower()
    value = value.strip().lower()
    if local.startswith("on"):
        return True
    if (name == XLINK or local == "href") and not value.startswith("#"):
        return True
    return "url(" in value and "url(#" not in value.replace(" ", "")


def sanitize_svg(data):
    """The SVG without scripts, event attributes and outside references (bytes), or
    None if it is no SVG."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if etree.QName(root).localname != "svg":
        return None
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            if element.getparent() is not None:
                element.getparent().remove(element)
            continue
        if etree.QName(element).localname in FORBIDDEN:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if _unsafe(name, element.attrib[name]):
                del element.attrib[name]
    for style in root.iter(f"{{{SVG_NS}}}style"):
        if "@import" in (style.text or "") or "url(" in (style.text or ""):
            style.getparent().remove(style)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def kind(data):
    """ "png", "svg" or None."""
    if data.startswith(PNG):
        return "png"
    if sanitize_svg(data) is not None:
        return "svg"
    return None


def problem(value):
    """A message if the uploaded logo is neither PNG nor SVG, else None."""
    _filename, data = decode(value)
    if data and kind(data) is None:
        return _(
            "error_brand_logo",
            default="Bitte laden Sie ein Logo als SVG oder PNG hoch.",
        )
    return None


def servable(value):
    """(content type, bytes) to send for the stored logo, or None."""
    _filename, data = decode(value)
    if not data:
        return None
    if data.startswith(PNG):
        return "image/png", data
    clean = sanitize_svg(data)
    return ("image/svg+xml", clean) if clean is not None else None
