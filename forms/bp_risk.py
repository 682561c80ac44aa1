"""The Blackpool joint risk grading (BP section 6 and Appendix 2): impact × likelihood on a 5 × 5
matrix, 1–3 Low, 4–6 Moderate, 8–12 High, 15–25 Extreme. Kept apart from ``scoring`` (the 4 × 4
CM bands) because the bands and their words differ."""

from __future__ import annotations

from .i18n import N_

LEVELS = {
    "low": N_("Low risk"),
    "moderate": N_("Moderate risk"),
    "high": N_("High risk"),
    "extreme": N_("Extreme risk"),
}
# The colour each level is shaded with, in the house's four colour names.
COLOURS = {"low": "green", "moderate": "yellow", "high": "amber", "extreme": "red"}


def bp_level(score: int) -> str:
    """BP Appendix 2: 1–3 Low, 4–6 Moderate, 8–12 High, 15–25 Extreme."""
    if score >= 15:
        return "extreme"
    if score >= 8:
        return "high"
    if score >= 4:
        return "moderate"
    return "low"


def grading(impact: str, likelihood: str):
    """A row's compute function: the score, its level and colour, or None until both are given."""

    def compute(row: dict):
        if row.get(impact) is None or row.get(likelihood) is None:
            return None
        score = int(row[impact]) * int(row[likelihood])
        level = bp_level(score)
        return {"score": score, "level": level, "colour": COLOURS[level]}

    return compute


def show_grading(value, t) -> str:
    if not value:
        return ""
    return f"{value['score']} – {t(LEVELS[value['level']])}"
