"""CM Appendix E: the attendance list of a provider performance meeting. Signing it signs up to
the confidentiality statement, so the statement is the notice printed on every copy."""

from __future__ import annotations

from ..bilingual import BilingualText
from ..definition import FormDefinition
from ..fields import Computed, Group, LongText, Section, Text
from ..i18n import N_
from ..paper import Column, Grid, Paper
from .cm_common import CONFIDENTIALITY, provider_fields

ATTENDEES = Group(
    name="attendees",
    label=N_("Attendance list"),
    row_label=N_("Attendee %(num)s"),
    min_rows=1,
    fields=[
        Text("name", N_("Name"), example_value="Siân Hughes"),
        # Signed by hand on the printed list: a blank cell on paper, nothing to type here.
        Computed(
            "signature",
            N_("Signature"),
            help=N_("Signed on the printed attendance list."),
            compute=lambda row: None,
        ),
        BilingualText(
            "organisation",
            N_("Department/ Organisation"),
            example_value="Carmarthenshire County Council, Commissioning Team",
            example_cy="Cyngor Sir Caerfyrddin, y Tîm Comisiynu",
        ),
        BilingualText(
            "job_title",
            N_("Job title"),
            example_value="Contracting Officer",
            example_cy="Swyddog Contractau",
        ),
        LongText(
            "contact",
            N_("Contact details"),
            example_value="01267 000000\nsian.hughes@example.gov.uk",
        ),
    ],
)

# The printed copy: the seed's grid, with a blank column for each person's signature.
PAPER = Paper(
    source=N_("Carmarthenshire — Appendix E"),
    grids={
        "attendees": Grid(
            columns=[
                Column(N_("Name"), ["name"], width=1.3),
                Column(N_("Signature"), ["signature"], width=1.3),
                Column(N_("Department/ Organisation"), ["organisation"], width=1.5),
                Column(N_("Job title"), ["job_title"]),
                Column(N_("Contact details"), ["contact"], width=1.5),
            ]
        )
    },
)


FORM = FormDefinition(
    id="cm-pp-attendance",
    title=N_("Provider Performance Meeting Attendance list"),
    source="CM Appendix E",
    paper=PAPER,
    sections=[
        Section(N_("About the meeting"), provider_fields()),
        Section(
            N_("Attendance list"),
            [ATTENDEES],
            intro=N_(
                "Each person attending signs the printed list beside their name (Name Signature)."
            ),
        ),
    ],
    notice=CONFIDENTIALITY,
)
# CM App E / G: the statement is confirmed on the attendance list and the minutes, so every
# page of every copy carries it (in the running header after the first page).
FORM.notice_every_page = True
