"""Professionals' feedback form about a service (NW 1.4, 2.2; Appendix 4 is named in the seed but
not given). NW 1.4 asks visiting professionals for "both positive / notable practice and / or any
concerns", so either or both may be given, but not neither."""

from __future__ import annotations

from ..definition import Error, FormDefinition
from ..fields import Date, LongText, Section, Text, YesNo
from ..i18n import N_


def some_feedback(values: dict):
    if not values.get("positive") and not values.get("concerns"):
        yield Error("positive", N_("Give positive or notable practice, concerns, or both"))


def safeguarding_referred(values: dict):
    if values.get("safeguarding") == "yes" and not values.get("referred_to"):
        yield Error(
            "referred_to",
            N_("A safeguarding concern must be referred to the safeguarding lead officer"),
        )


FORM = FormDefinition(
    id="nw-professional-feedback",
    title=N_("Professionals’ feedback form"),
    source="NW 1.4, 2.2 (Appendix 4 named, not given)",
    sections=[
        Section(
            N_("About you"),
            [
                Text("name", N_("Your name"), example_value="Gwenllian Parry"),
                Text("role", N_("Your role"), example_value="Nurse assessor"),
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
                Text(
                    "purpose",
                    N_("Purpose of the visit"),
                    required=False,
                    example_value="Individual service review",
                ),
            ],
        ),
        Section(
            N_("Your feedback"),
            [
                LongText(
                    "positive",
                    N_("Positive / notable practice"),
                    required=False,
                    example_value="Residents are offered a choice of meals in Welsh and English.",
                ),
                LongText(
                    "concerns",
                    N_("Concerns"),
                    required=False,
                    example_value="Two care plans had not been reviewed for three months.",
                ),
                YesNo("safeguarding", N_("Is any concern a safeguarding concern?"), style="is"),
                Text(
                    "referred_to",
                    N_("Referred to the safeguarding lead officer (name and date)"),
                    required=False,
                ),
                LongText("discussed", N_("Discussed with the service?"), required=False),
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
    data["discussed"] = "Yes, with the manager, who agreed to review the plans this week."


FORM.example_hook = _example
