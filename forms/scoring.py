"""Risk scores and their colours, shared by the forms that use the same matrix."""

from __future__ import annotations

from .i18n import N_

RAG_LABELS = {
    "red": N_("Red"),
    "amber": N_("Amber"),
    "yellow": N_("Yellow"),
    "green": N_("Green"),
}


def rag4(score: int) -> str:
    """Colour of a 4 × 4 likelihood × impact score (CM Appendix H matrix): 12–16 red,
    8–9 amber, 4–6 yellow, 1–3 green."""
    if score >= 12:
        return "red"
    if score >= 8:
        return "amber"
    if score >= 4:
        return "yellow"
    return "green"


def product_score(a: str, b: str, colour=rag4):
    """A compute function for a row: the product of two ratings with its colour, or None."""

    def compute(row: dict):
        if row.get(a) is None or row.get(b) is None:
            return None
        score = int(row[a]) * int(row[b])
        return {"score": score, "colour": colour(score)}

    return compute


def show_score(value, t) -> str:
    if not value:
        return ""
    return f"{value['score']} – {t(RAG_LABELS[value['colour']])}"
