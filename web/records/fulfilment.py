"""Letters a record calls for, and whether the case holds them: final (with its date), a draft,
or neither (then the page offers to start it).

Two kinds of form opt in: a checklist whose items are fulfilled by letters (CM Appendix L,
``item_letters``: item key -> letter id), and a form whose finalising calls for letters
(CM Appendices J and K, ``offers_letters``: the embargo placed / lifted letters)."""

from __future__ import annotations

from ..core.registry import all_letters


def _row(case, letter_id: str, letters: dict, **extra) -> dict:
    held = [r for r in case.records if r.doc_type == "letter" and r.doc_id == letter_id]
    finals = sorted((r for r in held if r.is_final), key=lambda r: r.finalised_at)
    return {
        "letter_id": letter_id,
        "title": letters[letter_id].title,
        "final": finals[-1] if finals else None,
        "draft": next((r for r in held if not r.is_final), None),
        **extra,
    }


def item_letters(defn, case) -> list[dict]:
    links = getattr(defn, "item_letters", None) or {}
    if not links:
        return []
    letters = all_letters()
    checklist = next(m for m in defn.members() if getattr(m, "kind", "") == "checklist")
    return [
        _row(case, links[item.key], letters, num=num, item=item.text)
        for num, item in enumerate(checklist.items, start=1)
        if links.get(item.key) in letters
    ]


def offered_letters(defn, case) -> list[dict]:
    letters = all_letters()
    wanted = getattr(defn, "offers_letters", None) or ()
    return [_row(case, letter_id, letters) for letter_id in wanted if letter_id in letters]
