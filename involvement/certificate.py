"""A certificate of involvement: one person's hours and activities over a period, as a PDF in the
NHS look, for them to show an employer, a college or a benefits adviser.

It prints what `selectors.hours_certificate_lines` read from the attendance the involvement team
recorded, and nothing else about the person: no contact details, no health or access needs.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from involvement.selectors.hours import CertificateLine

__all__ = ["certificate_pdf", "hours_words"]

NHS_BLUE = colors.HexColor("#005eb8")
NHS_DARK_BLUE = colors.HexColor("#003087")
TEXT = colors.HexColor("#212b32")
GREY = colors.HexColor("#4c6272")
PALE_GREY = colors.HexColor("#d8dde0")
BAND = 30 * mm  # the blue band across the top of the first page
MARGIN = 20 * mm


def hours_words(value: Decimal) -> str:
    """2 hours; 1.5 hours; 1 hour."""
    amount = Decimal(value).normalize()
    text = f"{amount:f}"
    return f"{text} hour" if amount == 1 else f"{text} hours"


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("Body", fontName="Helvetica", fontSize=11, leading=16, textColor=TEXT)
    return {
        "body": body,
        "title": ParagraphStyle(
            "Title", parent=body, fontName="Helvetica-Bold", fontSize=28, leading=34, spaceAfter=6 * mm
        ),
        "name": ParagraphStyle(
            "Name",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=22,
            leading=28,
            textColor=NHS_DARK_BLUE,
            spaceBefore=2 * mm,
            spaceAfter=4 * mm,
        ),
        "h2": ParagraphStyle(
            "H2", parent=body, fontName="Helvetica-Bold", fontSize=14, leading=18, spaceAfter=2 * mm
        ),
        "cell": ParagraphStyle("Cell", parent=body, fontSize=9.5, leading=12),
        "small": ParagraphStyle("Small", parent=body, fontSize=9, leading=12, textColor=GREY),
    }


def _activities_table(lines: Sequence[CertificateLine], total: Decimal, styles) -> Table:
    cell = styles["cell"]
    rows: list[list] = [["Date", "Activity", "Kind of activity", "Role", "Hours"]]
    rows += [
        [
            _day(line.day),
            Paragraph(escape(line.title), cell),
            Paragraph(escape(line.kind), cell),
            Paragraph(escape(line.role), cell),
            f"{line.hours.normalize():f}",
        ]
        for line in lines
    ]
    rows.append(["Total", "", "", "", f"{Decimal(total).normalize():f}"])
    table = Table(rows, colWidths=[30 * mm, 62 * mm, 38 * mm, 25 * mm, 15 * mm], hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 9.5),
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9.5),
                ("LINEABOVE", (0, -1), (-1, -1), 1, GREY),
                ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, PALE_GREY),
                ("LINEBELOW", (0, 0), (-1, 0), 1, GREY),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def certificate_pdf(
    *,
    person_name: str,
    trust_name: str,
    first_day: dt.date,
    last_day: dt.date,
    lines: Sequence[CertificateLine],
    total_hours: Decimal,
    issued_on: dt.date,
    signed_by: str = "",
) -> bytes:
    """The certificate as PDF bytes. `signed_by` is the involvement lead who signs it off; without one
    it says it was produced from the team's records (a person downloading their own)."""
    styles = _styles()
    buffer = io.BytesIO()
    title = f"Certificate of involvement: {person_name}"
    period = f"{_day(first_day)} to {_day(last_day)}"

    def first_page(canvas, doc) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(NHS_BLUE)
        canvas.rect(0, height - BAND, width, BAND, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(MARGIN, height - 14 * mm, trust_name)
        canvas.setFont("Helvetica", 11)
        canvas.drawString(MARGIN, height - 21 * mm, "Lived experience involvement and co-production")
        canvas.restoreState()
        later_pages(canvas, doc)

    def later_pages(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 10 * mm, f"{trust_name}. {title}, {period}.")
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=BAND + 12 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=trust_name,
        subject=f"Involvement from {period}",
        lang="en-GB",
    )
    count = len(lines)
    story: list = [
        Paragraph("Certificate of involvement", styles["title"]),
        Paragraph("This is to certify that", styles["body"]),
        Paragraph(escape(person_name), styles["name"]),
        Paragraph(
            f"took part in involvement activities with {escape(trust_name)} from {period}: "
            f"<b>{hours_words(total_hours)}</b> at {count} {'activity' if count == 1 else 'activities'}.",
            styles["body"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "Involvement means people with lived experience of mental health services, and carers, "
            "working with staff to plan, shape and check the trust's services: sitting on panels and "
            "groups, reviewing documents, training staff and co-producing changes.",
            styles["body"],
        ),
        Spacer(1, 6 * mm),
    ]
    if lines:
        story += [
            Paragraph("Activities taken part in", styles["h2"]),
            _activities_table(lines, total_hours, styles),
        ]
    else:
        story.append(Paragraph("No attendance is recorded in this period.", styles["body"]))
    if signed_by:
        sign_off = [
            Paragraph(f"Signed off by <b>{escape(signed_by)}</b>, involvement lead", styles["body"]),
            Paragraph(f"{escape(trust_name)}, {_day(issued_on)}", styles["body"]),
        ]
    else:
        sign_off = [
            Paragraph(f"Produced from the involvement team's records on {_day(issued_on)}.", styles["body"]),
        ]
    sign_off.append(
        Paragraph(
            f"To confirm anything on this certificate, contact the involvement team at {escape(trust_name)}.",
            styles["small"],
        )
    )
    story += [Spacer(1, 10 * mm), KeepTogether(sign_off)]
    document.build(story, onFirstPage=first_page, onLaterPages=later_pages)
    return buffer.getvalue()
