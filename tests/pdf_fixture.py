"""A statement PDF generated for the tests with fpdf2: wrapped paragraphs, a word hyphenated at
a line end, a list, a page break inside a paragraph and page numbers."""

from __future__ import annotations

from fpdf import FPDF

HEADING = "Joint Statement of the Example Consultative Committee"
WRAPPED = ("The Ministers of the two countries met today and reviewed the progress of their "
           "cooperation since the previous meeting, noting in particular the growing role of "
           "joint planning, the exchange of liaison officers and the shared use of facilities.")
HYPHEN_LINES = ("They welcomed the agreement on the realign-",
                "ment of forces and the timely relocation of the training facility.")
ITEMS = ("- deepen consultation on emerging technologies;",
         "- improve the resilience of supply chains.")
LONG_TERM = ("The Ministers reaffirmed their long-term commitment to the region.")
ACROSS = ("Officials will report on the progress of this work to the Committee at its next "
          "meeting, which is expected to take place in the first half of the coming year.")

EXPECTED = "\n\n".join([
    HEADING, WRAPPED,
    "They welcomed the agreement on the realignment of forces and the timely relocation of the "
    "training facility.",
    "\n".join(ITEMS), LONG_TERM, ACROSS,
]) + "\n"
"""The text extraction must return."""


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, str(self.page_no()), align="C")


def statement_pdf(run_together: bool = False) -> bytes:
    """The statement as a PDF; with run_together, one line has its spaces lost."""
    pdf = _Pdf()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    line = {"new_x": "LMARGIN", "new_y": "NEXT"}
    pdf.multi_cell(0, 6, HEADING, **line)
    pdf.ln(5)
    pdf.multi_cell(0, 6, WRAPPED, **line)
    pdf.ln(5)
    for text in HYPHEN_LINES:
        pdf.cell(0, 6, text, **line)
    pdf.ln(5)
    for item in ITEMS:
        pdf.cell(0, 6, item, **line)
    pdf.ln(5)
    pdf.multi_cell(0, 6, LONG_TERM.replace(" ", "") if run_together else LONG_TERM, **line)
    pdf.ln(5)
    pdf.set_y(pdf.h - 27)  # the last paragraph starts at the foot of page 1 and goes on to page 2
    pdf.multi_cell(0, 6, ACROSS, **line)
    return bytes(pdf.output())
