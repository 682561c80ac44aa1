"""Checklist items fulfilled by letters (CM Appendix L): for each item, the letter in this product
that does it, whether the case already holds it (final, with its date, or a draft), and a way
to start it when not. A form opts in by naming ``item_letters`` (item key -> letter id)."""

from __future__ import annotations

from .registry import all_letters


def item_letters(defn, case) -> list[dict]:
    links = getattr(defn, "item_letters", None) or {}
    if not links:
        return []
    letters = all_letters()
    checklist = next(m for m in defn.members() if getattr(m, "kind", "") == "checklist")
    rows = []
    for num, item in enumerate(checklist.items, start=1):
        letter_id = links.get(item.key)
        if letter_id not in letters:
            continue
        held = [r for r in case.records if r.doc_type == "letter" and r.doc_id == letter_id]
        finals = sorted((r for r in held if r.is_final), key=lambda r: r.finalised_at)
        rows.append(
            {
                "num": num,
                "item": item.text,
                "letter_id": letter_id,
                "title": letters[letter_id].title,
                "final": finals[-1] if finals else None,
                "draft": next((r for r in held if not r.is_final), None),
            }
        )
    return rows
