"""The form page shows the fixed text a form's definition declares (forms.paper), in the page's
language, word for word as the English and Welsh documents print it."""

from __future__ import annotations

import html

import pytest

from forms import get_form
from forms.i18n import Translator
from forms.paper import Note, Prose, Steps


def _declared(defn) -> list[str]:
    """Every fixed-text msgid the paper declares (opening and per-section)."""
    items = list(defn.paper.opening) + [i for v in defn.paper.sections.values() for i in v]
    out = []
    for item in items:
        if isinstance(item, Prose):
            out += ([item.title] if item.title else []) + list(item.paragraphs)
        elif isinstance(item, Steps):
            out += ([item.title] if item.title else []) + list(item.items)
        elif isinstance(item, Note):
            out.append(item.text)
    return out


def _edit_page(client, case_id, form_id: str, lang: str) -> str:
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": "form", "doc_id": form_id})
    assert r.status_code == 302, r.data[:500]
    client.get(f"/language/{lang}")
    page = client.get(r.location)
    assert page.status_code == 200
    return html.unescape(page.get_data(as_text=True))


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("form_id", ["wb-risk-assessment", "cm-action-plan"])
def test_edit_page_shows_the_declared_fixed_text(client, case_id, form_id, lang):
    defn = get_form(form_id)
    msgids = _declared(defn)
    assert len(msgids) >= 3  # the test checks something: key principles, steps, note / DA-CA
    t = Translator(lang)
    page = _edit_page(client, case_id, form_id, lang)
    for msgid in msgids:
        text = t(msgid)
        if lang == "cy":
            assert text != msgid, msgid  # translated, so the Welsh page is really checked
        assert text in page, text


def test_long_opening_folds_into_about_this_form(client, case_id):
    page = _edit_page(client, case_id, "wb-risk-assessment", "cy")
    assert "govuk-details" in page
    assert "Ynglŷn â’r ffurflen hon" in page
    summary = page.index("Ynglŷn â’r ffurflen hon")
    key_principles = Translator("cy")(get_form("wb-risk-assessment").paper.opening[0].title)
    assert summary < page.index(key_principles) < page.index('id="section-1"')


def test_steps_that_number_themselves_are_not_numbered_twice(client, case_id):
    page = _edit_page(client, case_id, "wb-risk-assessment", "cy")
    step_one = Translator("cy")(get_form("wb-risk-assessment").paper.opening[1].items[0])
    assert step_one.startswith("Cam 1.")
    assert f'<ol class="govuk-list"><li>{step_one}</li>' in page
