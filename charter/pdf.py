"""The board pack: the dashboard for one period as a PDF, one commitment to a page or more.

It carries the same figures, status words, trends and directorate breakdowns as the page, from
the same `BoardView`, so the pack can never show a figure the page hid.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from charter.board import BoardIndicator, BoardView, short_period
from charter.charts import layout

__all__ = ["board_pack_pdf"]

NHS_BLUE = colors.HexColor("#005eb8")
TEXT = colors.HexColor("#212b32")
GREY = colors.HexColor("#4c6272")
PALE_GREY = colors.HexColor("#d8dde0")
# Background and text of each status, as the NHS.UK tags; the word is always printed too.
TAG = {
    "green": (colors.HexColor("#cce3cc"), colors.HexColor("#004000")),
    "amber": (colors.HexColor("#fff59d"), colors.HexColor("#33302e")),
    "red": (colors.HexColor("#f7d4d1"), colors.HexColor("#6b140e")),
    "suppressed": (colors.HexColor("#dbe0e3"), TEXT),
    "none": (colors.white, TEXT),
}
CHART_WIDTH = 160 * mm


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("Body", parent=base["BodyText"], fontName="Helvetica", fontSize=10, leading=14)
    return {
        "title": ParagraphStyle(
            "Title", parent=base["Title"], alignment=TA_LEFT, textColor=TEXT, fontSize=22
        ),
        "h2": ParagraphStyle("H2", parent=base["Heading1"], textColor=TEXT, fontSize=16, leading=20),
        "h3": ParagraphStyle("H3", parent=base["Heading2"], textColor=TEXT, fontSize=13, leading=16),
        "caption": ParagraphStyle("Caption", parent=body, textColor=GREY, fontSize=8.5, leading=11),
        "small": ParagraphStyle("Small", parent=body, fontSize=9, leading=12),
        "body": body,
    }


class _Chart(Flowable):
    """The page's trend chart, drawn from the same layout with y turned upwards."""

    def __init__(self, item: BoardIndicator) -> None:
        super().__init__()
        self.chart = layout(item)
        self.scale = CHART_WIDTH / self.chart.width
        self.width = CHART_WIDTH
        self.height = self.chart.height * self.scale

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        chart = self.chart
        drawing = Drawing(chart.width, chart.height)

        def up(y: float) -> float:
            return chart.height - y

        for y, label in chart.ticks:
            if y < chart.bottom:
                drawing.add(Line(chart.left, up(y), chart.right, up(y), strokeColor=PALE_GREY, strokeWidth=1))
            drawing.add(
                String(chart.left - 8, up(y) - 4, label, fontName="Helvetica", fontSize=12, textAnchor="end")
            )
        drawing.add(Line(chart.left, up(chart.top), chart.left, up(chart.bottom), strokeColor=GREY))
        drawing.add(Line(chart.left, up(chart.bottom), chart.right, up(chart.bottom), strokeColor=GREY))
        if chart.target_y is not None:
            drawing.add(
                Line(
                    chart.left,
                    up(chart.target_y),
                    chart.right,
                    up(chart.target_y),
                    strokeColor=TEXT,
                    strokeWidth=2,
                    strokeDashArray=[8, 5],
                )
            )
            for offset, text in ((2, "Target"), (-13, chart.target_value)):
                drawing.add(
                    String(
                        chart.right + 8,
                        up(chart.target_y) + offset,
                        text,
                        fontName="Helvetica-Bold",
                        fontSize=12,
                    )
                )
        for run in chart.runs:
            if len(run) > 1:
                points = [value for x, y in run for value in (x, up(y))]
                drawing.add(PolyLine(points, strokeColor=NHS_BLUE, strokeWidth=3))
        for point in chart.points:
            if point.y is not None:
                drawing.add(Circle(point.x, up(point.y), 5, fillColor=NHS_BLUE, strokeColor=colors.white))
                drawing.add(
                    String(
                        point.x,
                        up(point.y) + 10,
                        point.text,
                        fontName="Helvetica",
                        fontSize=11,
                        textAnchor="middle",
                    )
                )
            elif point.suppressed:
                drawing.add(
                    Rect(point.x - 9, up(point.marker_y), 18, 18, fillColor=colors.white, strokeColor=GREY)
                )
                drawing.add(
                    String(
                        point.x,
                        up(point.marker_y) + 5,
                        "S",
                        fontName="Helvetica-Bold",
                        fontSize=12,
                        textAnchor="middle",
                        fillColor=GREY,
                    )
                )
            else:
                drawing.add(
                    String(
                        point.x,
                        up(point.marker_y) + 5,
                        "-",
                        fontName="Helvetica",
                        fontSize=14,
                        textAnchor="middle",
                        fillColor=GREY,
                    )
                )
            drawing.add(
                String(
                    point.x,
                    up(chart.bottom + 20),
                    point.axis_label,
                    fontName="Helvetica",
                    fontSize=11,
                    textAnchor="middle",
                )
            )
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        drawing.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


def _table(rows: list[list], widths: list[float], header_rows: int = 1) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
                ("FONT", (0, 0), (-1, header_rows - 1), "Helvetica-Bold", 9),
                ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, PALE_GREY),
                ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1, GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _indicator(item: BoardIndicator, period_name: str, styles) -> list:
    current = item.current
    figure = current.text + (f" ({current.counts})" if current.counts else "")
    background, ink = TAG[current.state]
    summary = Table(
        [
            [period_name, "Status", "Target"],
            [figure, current.status, f"{item.target} ({item.direction.lower()})"],
        ],
        colWidths=[45 * mm, 40 * mm, 75 * mm],
        hAlign="LEFT",
    )
    summary.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica", 8.5),
                ("TEXTCOLOR", (0, 0), (-1, 0), GREY),
                ("FONT", (0, 1), (-1, 1), "Helvetica-Bold", 12),
                ("TEXTCOLOR", (0, 1), (-1, 1), TEXT),
                ("BACKGROUND", (1, 1), (1, 1), background),
                ("TEXTCOLOR", (1, 1), (1, 1), ink),
                ("BOX", (1, 1), (1, 1), 0.75, ink),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    parts: list = [
        Paragraph(escape(item.indicator.name), styles["h3"]),
        Paragraph(escape(item.indicator.definition), styles["body"]),
        Spacer(1, 2 * mm),
        summary,
    ]
    if current.state == "suppressed":
        parts.append(
            Paragraph(
                "Suppressed: the figure rests on between 1 and 7 people, too few to show.", styles["small"]
            )
        )
    parts += [
        Spacer(1, 3 * mm),
        _Chart(item),
        Paragraph(
            "The dashed line is the target. S marks a suppressed quarter; a dash marks a quarter with "
            "nothing to measure.",
            styles["caption"],
        ),
        Spacer(1, 2 * mm),
    ]
    rows = [["Quarter", "Figure", "Status"]]
    rows += [[f.period_name, f.text if f.shown else "-", f.status] for f in item.trend]
    parts.append(_table(rows, [40 * mm, 40 * mm, 50 * mm]))
    parts.append(Spacer(1, 2 * mm))
    if item.breakdown:
        rows = [["By directorate", "Figure"]]
        rows += [
            [row.directorate, row.figure.text + (f" ({row.figure.counts})" if row.figure.counts else "")]
            for row in item.breakdown
        ]
        parts.append(_table(rows, [100 * mm, 60 * mm]))
    parts.append(Paragraph(item.breakdown_note, styles["small"]))
    parts.append(Spacer(1, 8 * mm))
    return [KeepTogether(parts)]


def board_pack_pdf(board: BoardView, *, trust_name: str, generated: datetime) -> bytes:
    """The pack as PDF bytes."""
    styles = _styles()
    buffer = io.BytesIO()
    title = f"{board.charter_name}: board pack, {board.period_name}"

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(GREY)
        canvas.drawString(18 * mm, 10 * mm, f"{trust_name}. {title}.")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=trust_name,
        subject="Lived Experience Charter figures for the trust board",
        lang="en-GB",
    )
    story: list = [
        Paragraph(escape(board.charter_name), styles["title"]),
        Paragraph(f"Board pack, {escape(board.period.name)}", styles["h2"]),
        Paragraph(
            f"{escape(trust_name)}. Produced {generated:%d %B %Y at %H:%M}. Trends cover the eight quarters "
            f"from {short_period(board.quarters[0].label)} to {short_period(board.quarters[-1].label)}.",
            styles["body"],
        ),
        Spacer(1, 4 * mm),
        Paragraph("<b>How to read this pack</b>", styles["body"]),
        Paragraph(
            "Each figure has a status in words, and a colour that repeats it: <b>On target</b> (green), "
            "<b>Close to target</b> (yellow: short of the target but within the agreed margin), "
            "<b>Off target</b> (red), <b>Suppressed</b> (grey: too few people behind the figure to show it "
            "safely) and <b>No figure</b> (nothing to measure in the period).",
            styles["body"],
        ),
        Paragraph(
            "To keep people from being identified, counts from 1 to 7 are never shown and every other count "
            "is rounded to the nearest 5; percentages are worked out from the rounded counts, and a figure "
            "built on a hidden count is hidden too.",
            styles["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    contents = [
        [
            Paragraph(f"<b>{text}</b>", styles["small"])
            for text in (
                "",
                "Commitment",
                "On target",
                "Close to target",
                "Off target",
                "Suppressed or no figure",
            )
        ]
    ]
    for commitment in board.commitments:
        states = [item.current.state for item in commitment.indicators]
        contents.append(
            [
                str(commitment.number),
                Paragraph(escape(commitment.title), styles["small"]),
                str(states.count("green")),
                str(states.count("amber")),
                str(states.count("red")),
                str(states.count("suppressed") + states.count("none")),
            ]
        )
    story.append(_table(contents, [8 * mm, 86 * mm, 18 * mm, 18 * mm, 18 * mm, 26 * mm]))
    for commitment in board.commitments:
        story.append(PageBreak())
        story.append(Paragraph(f"Commitment {commitment.number}: {escape(commitment.title)}", styles["h2"]))
        if commitment.description:
            story.append(Paragraph(escape(commitment.description), styles["body"]))
        if not commitment.indicators:
            story.append(Paragraph("No indicator measures this commitment yet.", styles["body"]))
        for item in commitment.indicators:
            story += _indicator(item, board.period_name, styles)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
