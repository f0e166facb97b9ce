"""The firm's primary colour: ``#rrggbb``, dark enough for white text (WCAG AA).

Applied as the CSS custom property ``--akte-brand`` to the client pages, the firm's
header and footer (buttons, bars, links use ``var(--akte-brand)``).
"""

from kanzlei.akte import _
from kanzlei.akte.branding import settings as branding

import re


HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT = "#1f4e79"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text (1.4.3)


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour):
    """WCAG relative luminance of ``#rrggbb``."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_with_white(colour):
    return 1.05 / (luminance(colour) + 0.05)


def problem(colour):
    """A German message if ``colour`` is no ``#rrggbb`` or too light; else None."""
    if not colour:
        return None  # the default applies
    if not HEX.match(colour):
        return _(
            "error_brand_color_format",
            default="Bitte geben Sie die Hausfarbe als Hexwert an, z. B. #1f4e79.",
        )
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        return _(
            "error_brand_color_contrast",
            default="Diese Farbe ist zu hell für weiße Schrift: Kontrast "
            "${ratio} : 1, nötig sind mindestens 4,5 : 1 (WCAG AA). Bitte wählen "
            "Sie einen dunkleren Farbton.",
            mapping={"ratio": f"{ratio:.2f}".replace(".", ",")},
        )
    return None


def current():
    """The stored colour if it is valid, else the default."""
    colour = branding.get("brand_color")
    return colour if colour and problem(colour) is None else DEFAULT


def style():
    return f"--akte-brand: {current()};"
