"""Professionals' feedback form about a service (NW 1.4, 2.2; Appendix 4 is named in the seed but
not given). NW 1.4 asks visiting professionals for "both positive / notable practice and / or any
concerns", so either or both may be given, but not neither."""

from __future__ import annotations

from ..bilingual import BilingualLongText, BilingualText
from ..definition import Error, FormDefinition
from ..fields import Date, Section, Text, YesNo
from ..i18n import N_
from ..paper import Paper


def some_feedback(values: dict):
    if not values.get("positive") and not values.get("concerns"):
        yield Error("positive", N_("Give positive or notable practice, concerns, or both"))


def safeguarding_referred(values: dict):
    if values.get("safeguarding") == "yes" and not values.get("referred_to"):
        yield Error(
            "referred_to",
            N_("A safeguarding concern must be referred to the safeguarding lead officer"),
        )


PAPER = Paper(source=N_("North Wales — 1.4 and 2.2"))


FORM = FormDefinition(
    id="nw-professional-feedback",
    title=N_("Professionals’ feedback form"),
    source="NW 1.4, 2.2 (Appendix 4 named, not given)",
    paper=PAPER,
    sections=[
        Section(
            N_("About you"),
            [
                Text("name", N_("Your name"), example_value="Gwenllian Parry"),
                BilingualText(
                    "role",
                    N_("Your role"),
                    example_value="Nurse assessor",
                    example_cy="Aseswr nyrsio",
                ),
                Text("organisation", N_("Organisation"), example_value="BCUHB"),
                Text(
                    "contact",
                    N_("Telephone or email"),
                    example_value="gwenllian.parry@example.com",
                ),
            ],
        ),
        Section(
            N_("About the service"),
            [
                Text("service", N_("Name of service"), example_value="Tŷ Gwyn Care Home"),
                Text("provider", N_("Name of provider"), required=False),
                Date("visited_on", N_("Date of your visit or contact"), past=True),
                BilingualText(
                    "purpose",
                    N_("Purpose of the visit"),
                    required=False,
                    example_value="Individual service review",
                    example_cy="Adolygiad gwasanaeth unigol",
                ),
            ],
        ),
        Section(
            N_("Your feedback"),
            [
                BilingualLongText(
                    "positive",
                    N_("Positive / notable practice"),
                    required=False,
                    example_value="Residents are offered a choice of meals in Welsh and English.",
                    example_cy="Cynigir dewis o brydau bwyd i breswylwyr yn Gymraeg ac yn Saesneg.",
                ),
                BilingualLongText(
                    "concerns",
                    N_("Concerns"),
                    required=False,
                    example_value="Two care plans had not been reviewed for three months.",
                    example_cy="Nid oedd dau gynllun gofal wedi’u hadolygu ers tri mis.",
                ),
                YesNo("safeguarding", N_("Is any concern a safeguarding concern?"), style="is"),
                Text(
                    "referred_to",
                    N_("Referred to the safeguarding lead officer (name and date)"),
                    required=False,
                ),
                BilingualLongText(
                    "discussed",
                    N_("Discussed with the service?"),
                    required=False,
                    example_value=(
                        "Yes, with the manager, who agreed to review the plans this week."
                    ),
                    example_cy=(
                        "Do, gyda’r rheolwr, a gytunodd i adolygu’r cynlluniau yr wythnos hon."
                    ),
                ),
            ],
            intro=N_(
                "Please forward any feedback on the service to your organisational quality lead: "
                "both positive / notable practice and / or any concerns."
            ),
        ),
    ],
    rules=[some_feedback, safeguarding_referred],
)


def _example(data: dict) -> None:
    data["safeguarding"] = "no"
    data.pop("referred_to", None)


FORM.example_hook = _example
