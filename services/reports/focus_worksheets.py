"""The focus group on paper: the facilitator's guide and the participant packet.

One builder makes both; the packet is the guide without the facilitator's notes and planning
pages, as seed 004 hands participants "a copy of the materials" and keeps the notes for the
facilitator. Blank from a template (to photocopy), or filled in from a session: its attendees,
agenda, invitation, and whatever results were already typed in. Real boxes to tick, write-in
lines spaced for handwriting, and table rows that never split across pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from models.focus_template import Attribute, FocusTemplate
from services import district_profile
from services.date_style import DateStyle, style_for
from services.focus_groups import focus_results, focus_sessions, focus_templates, provider_need
from services.focus_groups.focus_results import SessionData
from services.priorities import prioritization
from services.reports.document import (
    HEADER_FILL,
    RULE,
    STRIPE_FILL,
    Cancelled,
    Checkbox,
    DocumentInfo,
    KeptTable,
    WriteInLines,
    build_pdf,
    centered_checkbox,
    data_table,
    frame_width,
    styles,
    text,
)
from services.reports.matrix_chart import MatrixPoint, matrix_drawing
from services.wording import counted

DEFAULT_TEMPLATE = "retain-mh-staff"
PARTNERSHIP_MARK = "\u25c6"
# A ruled blank to write on, sized for what goes there: a date and time take more than a length.
_BLANK_CHARS = {"district": 26, "date": 30, "place": 26, "duration": 10, "facilitator": 24}


def blank(key: str) -> str:
    """A write-in line inside a sentence: a run of underscores, which prints as a ruled blank."""
    return "_" * _BLANK_CHARS.get(key, 20)


def resolve(db: Session, session: str | None, template: str | None,
            style: DateStyle | None = None) -> tuple[FocusTemplate, SessionData | None]:
    """What to print: a session's template and results, or a shipped template left blank."""
    if session:
        found = focus_sessions.find_session(db, session)
        data = focus_results.load(db, found.id, style) if style else focus_results.load(db, found.id)
        if template and template != data.template.key:
            raise focus_templates.TemplateError(
                f"Session '{found.title}' uses the template '{data.template.key}', not '{template}'.")
        return data.template, data
    return focus_templates.get_template(template or DEFAULT_TEMPLATE)[0], None


class _Section(KeepTogether):
    """A worksheet part kept on one page when it fits; a long part starts where at least ``room``
    is left and runs on, so a heading and its instructions never sit alone at a page's foot."""

    def __init__(self, flowables: list[Flowable], room: float = 5.5 * inch):
        super().__init__(flowables)
        self.room = room

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        content = self._content[:]
        if self._H > avail_height and avail_height < self.room:
            return [self.FrameBreak(), *content]
        if len(content) == 1:  # a lone flowable splits itself (the frame can't place it whole)
            content[0].wrapOn(self.canv, avail_width, avail_height)
            return content[0].splitOn(self.canv, avail_width, avail_height)
        return content


def _grid(rows: list[list], widths: list[float], header_rows: int = 1) -> Table:
    # Split over two pages, never one row alone under its header (the shared rule for tables). Every
    # row's height measured: with spans, reportlab otherwise stops measuring at the page's foot.
    table = KeptTable(rows, colWidths=widths, repeatRows=header_rows, splitInRow=0, longTableOptimize=0)
    commands = [
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    table.setStyle(TableStyle(commands))
    return table


STEPS_TITLE = "Steps for using this guide"
NEED_TITLE = "Open positions and how hard each role is to fill"
VIEW_TITLE = "The group's view of the framework"
GROUP_INTENTION = "The group's version"


class _Worksheets:
    def __init__(self, template: FocusTemplate, data: SessionData | None, width: float, facilitator: bool,
                 values: dict[str, str | None], style: DateStyle, guide: focus_templates.TemplateGuide,
                 needs: list[provider_need.NeedRecord]):
        self.t, self.data, self.width, self.facilitator = template, data, width, facilitator
        self.guide, self.needs = guide, needs  # the steps and provider roles; the district's need for each
        self.values = values  # the invitation's placeholders: what the plan knows, None to write in
        self.style = style
        self.st = styles()
        self.write_in = ParagraphStyle("write_in", parent=self.st.body, leading=22)

    # -- shared pieces --------------------------------------------------------------------------
    def p(self, value: str, style=None) -> Paragraph:
        return Paragraph(text(value), style or self.st.body)

    def heading(self, part_key: str, title: str | None = None) -> list[Flowable]:
        part = self.t.part(part_key)
        out: list[Flowable] = [Paragraph(text(title or part.title), self.st.h1)]
        if self.facilitator and part.note:
            out.append(Paragraph(f"<b>Facilitator's guide:</b> {text(part.note)}", self.st.note))
        if part.instructions:
            out.append(self.p(part.instructions))
        return out

    def reminder(self) -> list[Flowable]:
        """The guide's reminder about contracts and collective bargaining, in bold as the guide prints it."""
        if not self.t.reminder:
            return []
        return [Paragraph(f"<b>Reminder: {text(self.t.reminder)}</b>", self.st.note)]

    def answer(self, value: str, lines: int, width: float | None = None) -> Flowable:
        """What the session recorded, or ruled lines to write it on (a blank guide, or nothing yet)."""
        return self.p(value) if value else WriteInLines(lines, width or self.width)

    def contract_text(self, key: tuple[str | None, int | None]) -> str:
        return self.data.contract_of(key).text if self.data else ""

    # -- parts ----------------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        kind = "Facilitator's guide" if self.facilitator else "Participant packet"
        out: list[Flowable] = [Paragraph(text(f"{kind}: {self.t.title}"), self.st.title)]
        # What the session (or nothing, on a blank guide) knows; a line to write on for the rest. The
        # session's name is a line of these, so a blank and a filled guide have the same headings.
        known = {**self.values, "session": self.data.record.title if self.data else None}
        rows = [[Paragraph(f"<b>{label}:</b>", self.st.body),
                 self.p(known[key]) if known.get(key) else WriteInLines(1, self.width * 0.55)]
                for label, key in (("Session", "session"), ("Date", "date"), ("Place", "place"),
                                   ("Facilitator", "facilitator"))]
        details = Table(rows, colWidths=[1.0 * inch, self.width - 1.0 * inch], hAlign="LEFT")
        details.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        out += [details, Spacer(1, 10)]
        out.append(self.p(self.t.purpose))
        if self.facilitator:
            out += [Paragraph("Who this is for", self.st.h2), self.p(self.t.audience)]
        out.append(Paragraph(text(f"Source: {self.t.source}."), self.st.small))
        return out

    def steps(self) -> list[Flowable]:
        """The guide's "steps for using this tool", then its reminder in bold, as the source prints them."""
        if not self.guide.steps:
            return []
        out: list[Flowable] = [Paragraph(STEPS_TITLE, self.st.h1)]
        for n, step in enumerate(self.guide.steps, 1):
            out.append(Paragraph(text(step), self.st.body, bulletText=f"{n}."))
        out.append(Spacer(1, 6))
        return out + self.reminder()

    def attendees(self) -> list[Flowable]:
        out = self.heading("attendees")
        invited: dict[str, list[str]] = {}
        for a in self.data.attendees if self.data else ():
            name = text(a.name + (f" ({a.role_detail})" if a.role_detail else ""))
            hours = self.data.hours.get(a.id)
            if hours:  # the session's time falls outside their usual hours
                name += f" <i>— {text(hours)}</i>"
            invited.setdefault(a.role_key, []).append(name)
        rows = [[role.name, Paragraph("<br/>".join(invited[role.key]), self.st.cell) if role.key in invited
                 else WriteInLines(1)] for role in self.t.roles]
        out.append(data_table(["Role", "Name of attendee(s)"], rows, [self.width * 0.4, self.width * 0.6]))
        if self.data:
            missing = focus_sessions.missing_roles(self.t, self.data.attendees)
            if missing:
                out.append(Spacer(1, 6))
                out.append(Paragraph(f"<b>Not yet invited:</b> {text(', '.join(missing))}.", self.st.note))
            if self.data.need_gaps:
                out.append(Spacer(1, 4))
                out.append(Paragraph(f"<b>The district's need:</b> {text(' '.join(self.data.need_gaps))}", self.st.note))
            if self.data.hours:
                out.append(Spacer(1, 4))
                out.append(Paragraph(f"<b>Usual hours:</b> {counted(len(self.data.hours), 'attendee', 'attendees')} "
                                     "can't be expected at this time (marked above): choose another time or arrange "
                                     "cover.", self.st.note))
        return out

    def need(self) -> list[Flowable]:
        """The district's need for each type of provider: what the district recorded, or columns to fill in."""
        if not self.needs:
            return []
        st = self.st
        out: list[Flowable] = [Paragraph(NEED_TITLE, st.h2)]
        widths = [self.width * 0.3, self.width * 0.13, self.width * 0.14, self.width * 0.13, self.width * 0.3]
        out.append(self.p("Record the district's need for each type of provider, so the group includes people who "
                          "can speak to the roles hardest to fill or with open positions."))
        rows = []
        for n in self.needs:
            # A session's guide prints what the district recorded; a blank one has lines to write on.
            cells = [n.vacancies, n.hard_to_fill_rank, f"{n.student_share}%" if n.student_share is not None else None,
                     n.note or None] if self.data else [None] * 4
            rows.append([Paragraph(text(n.role_name), st.cell),
                         *[self.p(str(v), st.cell) if v is not None else WriteInLines(1, w - 12)
                           for v, w in zip(cells, widths[1:], strict=True)]])
        out.append(data_table(["Type of provider", "Open positions", "Hard to fill (1 = hardest)", "Students served",
                               "Note"], rows, widths))
        return out

    def context(self) -> list[Flowable]:
        need = self.need()
        if self.t.part("context") is None or not (self.t.context_tables or need):
            return [Paragraph("The district's need for each type of provider", self.st.h1), *need] if need else []
        out = self.heading("context") + need
        for table in self.t.context_tables:
            columns = len(table.columns)
            widths = [self.width * 0.16] + [self.width * 0.84 / (columns - 1)] * (columns - 1)
            block = [Paragraph(text(table.title), self.st.h2),
                     data_table(list(table.columns), [list(r) for r in table.rows], widths)]
            out += block
        return out

    def scheduling(self) -> list[Flowable]:
        out = self.heading("scheduling")
        out.append(self.p(self.t.scheduling))
        subject, body = focus_sessions.fill_invitation(self.t, self.values, blank)
        letter: list[Flowable] = [Paragraph("Invitation", self.st.h2),
                                  Paragraph(f"<b>Subject:</b> {text(subject)}", self.st.body)]
        for paragraph in body.split("\n\n"):
            # A line holding a blank gets room above it for handwriting.
            style = self.write_in if "___" in paragraph else self.st.body
            letter.append(Paragraph(text(paragraph).replace("\n", "<br/>"), style))
        # The letter is read (and photocopied) whole: it never runs over onto the next page.
        out.append(KeepTogether(letter))
        return out

    def agenda(self) -> list[Flowable]:
        out = self.heading("agenda")
        items = [(a.title, a.minutes) for a in self.data.agenda] if self.data else \
            [(a.title, a.minutes) for a in self.t.agenda]
        rows = [[title, f"{minutes} min"] for title, minutes in items]
        total = sum(m for _, m in items)
        booked = self.data.record.booked_minutes if self.data else self.t.booked_minutes
        rows.append([Paragraph("<b>Total</b>", self.st.cell), Paragraph(f"<b>{total} min</b>", self.st.cell)])
        out.append(data_table(["Agenda item", "Time"], rows, [self.width * 0.8, self.width * 0.2]))
        if self.facilitator and total > booked:
            out.append(Paragraph(f"The agenda runs {total - booked} minutes over the {booked} booked.", self.st.note))
        return out

    def intention(self) -> list[Flowable]:
        """The intention the facilitator reads (the session's own, or the guide's sample), and room
        for the group's own version of it."""
        out = self.heading("intention")
        own = self.data is not None and bool(self.data.record.intention)
        label = "Our intention" if own else "Sample intention"
        out.append(Paragraph(f"<b>{label}:</b> <i>{text(self.data.intention if self.data else self.t.intention)}</i>",
                             self.st.body))
        out.append(Paragraph(GROUP_INTENTION, self.st.h2))
        out.append(self.answer(self.data.record.group_intention if self.data else "", 3))
        return out

    def framework(self) -> list[Flowable]:
        out = self.heading("framework")
        if self.facilitator:
            out += self.reminder()
        rows = []
        for attribute in self.t.attributes:
            aspects = "<br/>".join(f"<b>{text(a.name)}:</b> {text(a.text)}" for a in attribute.aspects)
            rows.append([Paragraph(f"<b>{text(attribute.title)}</b>", self.st.cell), Paragraph(aspects, self.st.cell)])
        out.append(data_table(["Attribute", "What it covers"], rows, [self.width * 0.22, self.width * 0.78]))
        if self.t.framework_source:
            out.append(Paragraph(text(self.t.framework_source), self.st.small))
        out.append(Paragraph(VIEW_TITLE, self.st.h2))
        record = self.data.record if self.data else None
        for question, value in (("Which attributes matter most?", record.attributes_matter if record else ""),
                                ("What would you add or remove?", record.attributes_change if record else "")):
            out.append(Paragraph(f"<b>{question}</b>", self.st.body))
            out.append(self.answer(value, 2))
        return out

    def aspiration(self) -> list[Flowable]:
        out = self.heading("aspiration")
        st = self.st
        half = (self.width * 0.78) / 2
        rows = [[Paragraph("Attribute", st.header_cell), Paragraph("Where are we now?", st.header_cell),
                 Paragraph("Where do we want to be?", st.header_cell)]]
        for attribute in self.t.attributes:
            now, want = self.data.aspirations.get(attribute.key, ("", "")) if self.data else ("", "")
            rows.append([
                Paragraph(f"<b>{text(attribute.title)}</b>", st.cell),
                [Paragraph(f"<i>{text(attribute.now_prompt)}</i>", st.small),
                 self.p(now, st.cell) if now else WriteInLines(5, half - 10)],
                [Paragraph(f"<i>{text(attribute.want_prompt)}</i>", st.small),
                 self.p(want, st.cell) if want else WriteInLines(5, half - 10)],
            ])
        out.append(_grid(rows, [self.width * 0.22, half, half]))
        return out

    def initiatives(self, attribute: Attribute, n: int) -> list[Flowable]:
        st = self.st
        count = len(self.t.attributes)
        out = self.heading("initiatives", f"{n}/{count}: {attribute.title}")
        if self.facilitator and attribute.example:
            out.append(Paragraph(f"<b>What other employers offer:</b> {text(attribute.example)}", st.note))
        if self.t.partnership_legend:
            out.append(Paragraph(text(self.t.partnership_legend), st.small))
            out.append(Spacer(1, 4))
        box_w = 0.8 * inch
        rows = [[Paragraph("Example initiative", st.header_cell), Paragraph("Action to consider", st.header_cell),
                 Paragraph("The district does this", st.header_cell),
                 Paragraph("Explore further", st.header_cell),
                 Paragraph("Limited by contract", st.header_cell)]]
        spans = []
        for initiative in self.t.initiatives_for(attribute.key):
            first = len(rows)
            for i, action in enumerate(initiative.actions):
                does, explore = self.data.marks.get(action.key, (False, False)) if self.data else (False, False)
                mark = f"{PARTNERSHIP_MARK} " if action.partnership else ""
                limit = self.contract_text((action.key, None))
                note = f"<br/><i>{text(limit)}</i>" if limit else ""
                rows.append([
                    Paragraph(f"<b>{initiative.number}. {text(initiative.title)}</b>", st.cell) if i == 0 else "",
                    Paragraph(f"{text(action.key)}&nbsp; {mark}{text(action.text)}{note}", st.cell),
                    centered_checkbox(does, 12), centered_checkbox(explore, 12), centered_checkbox(bool(limit), 12),
                ])
            spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
        text_w = self.width - 3 * box_w
        table = _grid(rows, [text_w * 0.34, text_w * 0.66, box_w, box_w, box_w])
        table.setStyle(TableStyle(spans + [("ALIGN", (2, 1), (-1, -1), "CENTER")]))
        # An initiative's rows stay together: a span can't break, so each group keeps its page.
        out.append(table)
        return out

    def brainstorm(self, attribute: Attribute) -> list[Flowable]:
        out = self.heading("brainstorm", f"{attribute.title}: other actions")
        st = self.st
        half = self.width / 2
        ideas = [i for i in self.data.ideas if i.attribute_key == attribute.key] if self.data else []
        def worded(idea) -> str:  # with its contract limit, as the guide's reminder asks
            limit = self.contract_text((None, idea.id))
            return f"{idea.text} ({limit[0].lower() + limit[1:].rstrip('.')})" if limit else idea.text

        taken = [worded(i) for i in ideas if i.kind == focus_results.TAKEN]
        could = [worded(i) for i in ideas if i.kind == focus_results.COULD]

        def column(items: list[str]) -> list[Flowable]:
            return [self.p(f"\u2022 {x}", st.cell) for x in items] + [WriteInLines(6 if not items else 3, half - 12)]

        rows = [[Paragraph("Other actions the district is already taking", st.header_cell),
                 Paragraph(text(attribute.brainstorm_prompt), st.header_cell)],
                [column(taken), column(could)]]
        out.append(_grid(rows, [half, half]))
        return out

    def prioritize(self) -> list[Flowable]:
        out = self.heading("prioritize")
        out += self.reminder()
        st = self.st
        targets = self.data.targets() if self.data else []
        subgroups = self.data.subgroups if self.data else []
        rows = [[Paragraph("Action marked \u201cexplore further\u201d", st.header_cell),
                 Paragraph("Impact (1-5)", st.header_cell), Paragraph("Ease (1-5)", st.header_cell)]]
        for target in targets:
            summary = self.data.summary(target)
            impact = f"{summary.impact.mean:.1f}" if summary.impact.mean is not None else ""
            ease = f"{summary.ease.mean:.1f}" if summary.ease.mean is not None else ""
            rows.append([Paragraph(f"<b>{text(target.label)}</b> {text(target.text)}", st.cell), impact, ease])
        for _ in range(max(0, 8 - len(targets))):
            rows.append([WriteInLines(1), "", ""])
        out.append(_grid([[c if not isinstance(c, str) else self.p(c, st.cell) for c in r] for r in rows],
                         [self.width * 0.7, self.width * 0.15, self.width * 0.15]))
        if subgroups:
            out.append(Paragraph(text(f"Means over {len(subgroups)} subgroup(s): "
                                      + ", ".join(g.name for g in subgroups) + "."), st.small))
        return out

    def illustrative(self) -> list[Flowable]:
        placed = [i for i in self.t.initiatives if i.impact is not None]
        if not placed:
            return []
        st = self.st
        out: list[Flowable] = [Paragraph("Illustrative prioritization of the example initiatives", st.h1)]
        if self.facilitator:
            out.append(Paragraph("<b>Facilitator's guide:</b> start from this picture and adjust it to the "
                                 "district's own needs and capacity.", st.note))
        else:
            out.append(self.p("A starting point: adjust it to fit the district's needs and capacity."))
        size = min(self.width * 0.62, 4.3 * inch)
        drawing = matrix_drawing([MatrixPoint(i.number, i.impact, i.ease) for i in placed], size,
                                 prioritization.DEFAULT_MIDPOINT, prioritization.DEFAULT_MIDPOINT)
        legend = [Paragraph(f"<b>{i.number}</b> {text(i.short)}", st.cell) for i in placed]
        table = Table([[drawing, legend]], colWidths=[size + 10, self.width - size - 10])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        out.append(table)
        return [KeepTogether(out)]

    def proposals(self) -> list[Flowable]:
        out = self.heading("proposals")
        st = self.st
        header = [Paragraph(x, st.header_cell) for x in
                  ("Category", "Initiative idea", "Proposed owner", "Possible deadline")]
        rows = [header]

        def category(chosen: str | None) -> Table:
            cell = Table([[Checkbox(chosen == focus_results.NOW, 10), Paragraph("Do it now!", st.cell)],
                          [Checkbox(chosen == focus_results.NEXT, 10), Paragraph("Do it next", st.cell)]],
                         colWidths=[14, 0.95 * inch])
            cell.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                      ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
            return cell

        example = self.t.proposal_example
        if example:
            rows.append([category(None), Paragraph(f"<i>Example: {text(example.idea)}</i>", st.cell),
                         Paragraph(f"<i>{text(example.owner)}</i>", st.cell),
                         Paragraph(f"<i>{text(example.deadline)}</i>", st.cell)])
        written = self.data.proposals if self.data else []
        for proposal in written:
            rows.append([category(proposal.category), self.p(proposal.idea, st.cell), self.p(proposal.owner, st.cell),
                         self.p(proposal.deadline, st.cell)])
        w = self.width - 1.35 * inch
        for _ in range(max(2, self.t.proposal_rows - len(written))):
            rows.append([category(None), WriteInLines(2, w * 0.5 - 12), WriteInLines(2, w * 0.28 - 12),
                         WriteInLines(2, w * 0.22 - 12)])
        table = _grid(rows, [1.35 * inch, w * 0.5, w * 0.28, w * 0.22])
        if example:
            table.setStyle(TableStyle([("BACKGROUND", (0, 1), (-1, 1), STRIPE_FILL)]))
        out.append(table)
        return out

    def story(self, check: Callable[[int, int], None]) -> list[Flowable]:
        steps: list[Callable[[], list[Flowable]]] = [self.cover]
        if self.facilitator:
            steps += [self.steps, self.attendees, self.context, self.scheduling]
        steps += [self.agenda]
        if self.facilitator:
            steps.append(self.intention)
        steps += [self.framework, self.aspiration]
        for n, attribute in enumerate(self.t.attributes, 1):
            steps.append(lambda a=attribute, n=n: self.initiatives(a, n))
            steps.append(lambda a=attribute: self.brainstorm(a))
        steps += [self.prioritize, self.illustrative, self.proposals]
        story: list[Flowable] = []
        for n, step in enumerate(steps):
            check(n, len(steps))
            part = step()
            if part:
                story.append(_Section(part))
        return story


def _build(db: Session, out_path: str | Path, facilitator: bool, progress, cancel, session, template) -> Path:
    profile = district_profile.get_profile(db)
    style = style_for(profile)
    tmpl, data = resolve(db, session, template, style)
    text_of = focus_sessions.template_text(db, data.record.id) if data else focus_templates.get_template(tmpl.key)[1]
    # A blank guide has the provider roles with lines to write on; a session's, what the district recorded.
    needs = data.needs if data else provider_need.list_needs(db, tmpl, text_of)
    values = focus_sessions.invitation_values(tmpl, profile.name, data.record if data else None, style)
    sheets = _Worksheets(tmpl, data, frame_width(profile.paper_size), facilitator, values, style,
                         focus_templates.guide_for(tmpl.key, text_of), needs)

    def check(n: int, total: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, total)

    story = sheets.story(check)
    kind = "Facilitator's guide" if facilitator else "Participant packet"
    return build_pdf(out_path, DocumentInfo(title=f"{kind}: {tmpl.title}", district=profile.display_name,
                                            paper=profile.paper_size), story, cancel=cancel)


def build_focus_guide_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                          cancel: Callable[[], bool] | None = None, session: str | None = None,
                          template: str | None = None) -> Path:
    """The facilitator's guide: every worksheet with the facilitator's notes and planning pages."""
    return _build(db, out_path, True, progress, cancel, session, template)


def build_focus_packet_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                           cancel: Callable[[], bool] | None = None, session: str | None = None,
                           template: str | None = None) -> Path:
    """The participant packet: the worksheets alone, to hand to each member of the group."""
    return _build(db, out_path, False, progress, cancel, session, template)
