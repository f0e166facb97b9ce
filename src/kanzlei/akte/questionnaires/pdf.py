"""A questionnaire's answers as a PDF with the firm's letterhead (fpdf2).

The text is set in DejaVu Sans (Unicode TrueType, Debian package ``fonts-dejavu-core``),
so German umlauts, ß, dashes and quotes come out as typed; long answers wrap and run
over as many pages as they need.
"""

from fpdf import FPDF
from fpdf.enums import XPos
from fpdf.enums import YPos
from pathlib import Path


FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora, RHEL
    Path("/usr/share/fonts/dejavu"),  # Alpine, Arch
)
FONT = "DejaVu"


def font_files():
    """(regular, bold) TrueType files of DejaVu Sans; a clear error if missing."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise RuntimeError(
        "DejaVu Sans not found (install the Debian package fonts-dejavu-core): "
        "questionnaire answers cannot be stored as PDF."
    )


class _Letter(FPDF):
    def __init__(self, letterhead, page_label):
        super().__init__(format="A4")
        self.letterhead = letterhead
        self.page_label = page_label
        regular, bold = font_files()
        self.add_font(FONT, "", str(regular))
        self.add_font(FONT, "B", str(bold))
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=20)

    def header(self):
        name, address_lines = self.letterhead
        self.set_font(FONT, "B", 13)
        self.cell(0, 7, name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", 8.5)
        for line in address_lines:
            self.cell(0, 4.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)
        self.set_draw_color(120, 120, 120)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(5)

    def footer(self):
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        label = self.page_label.replace("${page}", str(self.page_no())).replace(
            "${pages}", "{nb}"
        )
        self.cell(0, 5, label, align="R")


def render(title, heading, meta, answers_heading, answers, letterhead, page_label):
    """The PDF (bytes).

    ``meta`` and ``answers`` are lists of (label, text); ``letterhead`` is
    (firm name, [address lines]); ``page_label`` contains ``${page}`` and ``${pages}``.
    """
    pdf = _Letter(letterhead, page_label)
    pdf.set_title(title)
    pdf.set_author(letterhead[0])
    pdf.set_creator("kanzlei.akte")
    pdf.set_lang("de")
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for label, text in meta:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(45, 6, label)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(width - 45, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 8, answers_heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for question, answer in answers:
        pdf.ln(1.5)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 5.5, question, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 5.5, answer, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_draw_color(200, 200, 200)
        pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
        pdf.ln(2)
    return bytes(pdf.output())
