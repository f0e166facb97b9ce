"""Safe file names: what a client or integration calls a file is never trusted.

The stored name goes to browsers (Content-Disposition), into ZIPs, into e-mails and
to the law-office software (``@akte-eingang``): no path, no control, format or bidi
characters (a right-to-left override makes ``rechnung<U+202E>fdp.exe`` look like a
PDF), no quotes or characters Windows refuses, bounded length, NFC.
"""

import os
import re
import unicodedata


MAX_LENGTH = 150
_UNSAFE = re.compile(r"[<>:\"'`/\\|?*]+")


def _safe_char(char):
    """Format characters (Cf: bidi overrides, zero-width …) are dropped; control,
    separator (but the plain space), unassigned and private-use ones become "_"."""
    if char == " ":
        return char
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    return "_" if category[0] in ("C", "Z") else char


def sanitize_name(name, fallback="datei"):
    """A file name safe on Windows, macOS and Linux and for every consumer."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(_safe_char(char) for char in name)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"_{2,}", "_", name).strip(" .")
    if not name or set(name) <= {"_", "."}:
        name = fallback
    if len(name) > MAX_LENGTH:
        stem, ext = os.path.splitext(name)
        ext = ext[:20]
        name = stem[: MAX_LENGTH - len(ext)] + ext
    return name


def extension(filename):
    """The lower-case extension without the dot ("" when there is none)."""
    return os.path.splitext(filename or "")[1].lstrip(".").lower()
