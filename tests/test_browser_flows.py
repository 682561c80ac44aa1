"""Issue 10's journeys in headless Chromium, in English and Welsh: next-step links after
finalising, letters to families with a resident left out through to "Mark as posted", and every
page at phone width (390 px) with no sideways scrolling and the menu behind a button.

Set DOGFEN_SCREENSHOTS=1 to write the README's screenshots to docs/screenshots/."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from forms.i18n import Translator
from web.core.extensions import db
from web.core.models import Case, Record, User

from .conftest import PASSWORD
from .test_browser import AXE_TAGS, live_server, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.db]
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def sign_in(tab, base, lang="en", who="admin"):
    tab.goto(f"{base}/language/{lang}?next=/sign-in")
    tab.locator("#email").fill(f"{who}@example.org")
    tab.locator("#password").fill(PASSWORD)
    tab.locator("main button[type=submit]").click()


def demo(app) -> dict:
    """The demo home (web/admin/setup.py), plus a final risk assessment and what a run needs."""
    from web.admin.setup import _demo_case, _demo_organisation

    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        _demo_organisation()
        _demo_case(admin)
        db.session.commit()
        case = db.session.scalar(select(Case))
        ids = {r.doc_id: r.id for r in case.records}
        return {"case": case.id, **ids}


def axe_clean(tab) -> list:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(tab, options={"runOnly": AXE_TAGS})
    return [(v["id"], v["help"]) for v in result.response["violations"]]


def finalise_risk_assessment(app, record_id: int) -> None:
    from web.records.archive import finalise

    with app.app_context():
        record = db.session.get(Record, record_id)
        data = dict(record.data)
        data["risks"] = [dict(data["risks"][0], ongoing_risk="red")]
        data.update(overall_level="red", rationale="Medication errors on two nights.")
        user = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        assert finalise(record, data, user) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_next_step_links_after_finalising(live_server, page, lang):  # noqa: F811
    app, base = live_server
    ids = demo(app)
    finalise_risk_assessment(app, ids["wb-risk-assessment"])
    t = Translator(lang)
    sign_in(page, base, lang)
    page.goto(f"{base}/records/{ids['wb-risk-assessment']}")
    steps = page.locator("#next-steps")
    assert steps.is_visible()
    assert t("Notify the All Wales commissioning network") in page.locator("main").inner_text()
    assert "UTC" not in page.locator("main").inner_text()
    assert axe_clean(page) == []
    # the network letter has no draft: "Write this letter" starts it
    item = page.locator("li", has_text=t("Notify the All Wales commissioning network"))
    item.get_by_role("button", name=re.compile(t("Write this letter"))).click()
    assert re.search(r"/records/\d+/edit$", page.url)
    # the provider letter has a draft (demo data): the case page opens it
    page.goto(f"{base}/cases/{ids['case']}")
    due = page.locator("table", has_text=t("What this process requires"))
    due.get_by_role("link", name=re.compile(t("Continue this letter"))).first.click()
    assert page.url.endswith(f"/records/{ids['provider-process-started']}/edit")
    assert "Mrs Catrin Morgan" in page.locator("#recipient_name").input_value()


def _leave_one_out(app, ids) -> None:
    """The shared details of the family letter, and one resident with no address."""
    from forms.letters import get_letter
    from forms.letters.common import RECIPIENTS

    with app.app_context():
        listed = db.session.get(Record, ids["bp-residents-list"])
        residents = [dict(r) for r in listed.data["residents"]]
        residents[1]["representative_address"] = ""
        listed.data = {**listed.data, "residents": residents}
        example = get_letter("family-concerns-raised").example()
        own = {f.name for f in RECIPIENTS["family"]}
        data = {k: v for k, v in example.items() if k not in own and not k.startswith("org_")}
        data.update(provider="Glan Tywi Care Ltd", service="Bryn Hyfryd Care Home")
        db.session.add(
            Record(
                case_id=ids["case"], doc_type="letter", doc_id="family-concerns-raised", data=data
            )
        )
        db.session.commit()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_letters_to_families_with_a_resident_left_out(live_server, page, lang):  # noqa: F811
    app, base = live_server
    ids = demo(app)
    _leave_one_out(app, ids)
    t = Translator(lang)
    sign_in(page, base, lang)
    page.goto(f"{base}/cases/{ids['case']}/merge?letter=family-concerns-raised")
    table = page.locator("#missing + table")
    assert "John Thomas" in table.inner_text() and t("Blank") in table.inner_text()
    assert axe_clean(page) == []
    table.get_by_role("link", name=re.compile(t("Change"))).first.click()
    assert "/edit" in page.url and page.url.endswith("#residents-1")
    page.go_back()
    page.get_by_role("button", name=re.compile("2")).click()  # leave 1 out, create the other 2
    page.wait_for_selector(".govuk-panel--confirmation", timeout=120_000)
    body = page.locator("main").inner_text()
    assert t("Letters to families, run %(num)s", num="") in body
    assert axe_clean(page) == []
    page.get_by_role("link", name=t("Print and post the letters")).click()
    assert axe_clean(page) == []
    page.locator("#posted-day").fill("1")
    page.locator("#posted-month").fill("3")
    page.locator("#posted-year").fill("2026")
    page.get_by_role("button", name=t("Mark as posted")).click()
    body = page.locator("main").inner_text()
    assert t.date(__import__("datetime").date(2026, 3, 1)) in body
    assert "John Thomas" in page.locator("#left-out + p + ul").inner_text()
    assert axe_clean(page) == []
    page.goto(f"{base}/cases/{ids['case']}/merge/family-concerns-raised/shared")
    assert axe_clean(page) == []


PAGES = [
    "/",
    "/cases/{case}",
    "/cases/{case}/edit",
    "/cases/new",
    "/records/{wb-risk-assessment}",
    "/records/{cm-action-plan}/edit",
    "/records/{bp-residents-list}/edit",
    "/records/{provider-process-started}/edit",
    "/cases/{case}/merge?letter=family-concerns-raised",
    "/cases/{case}/merge/family-concerns-raised/shared",
    "/cases/{case}/residents/import",
    "/admin/users",
    "/admin/organisation",
    "/change-password",
]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_phone_width_no_page_scrolls_sideways(live_server, page, lang):  # noqa: F811
    app, base = live_server
    ids = demo(app)
    finalise_risk_assessment(app, ids["wb-risk-assessment"])
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, lang)
    t = Translator(lang)
    menu = page.get_by_role("button", name=t("Menu"))
    menu.wait_for(state="visible", timeout=10_000)  # shown by GOV.UK Frontend's script
    assert not page.get_by_role("link", name=t("Users")).is_visible()
    menu.click()
    assert page.get_by_role("link", name=t("Users")).is_visible()
    wide = {}
    for path in PAGES:
        page.goto(base + re.sub(r"\{([\w-]+)\}", lambda m: str(ids[m.group(1)]), path))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
    assert not wide, wide
    # without JavaScript there is no menu button: the links simply show
    plain = page.context.browser.new_context(java_script_enabled=False)
    tab = plain.new_page()
    tab.set_viewport_size({"width": 390, "height": 844})
    sign_in(tab, base, lang)
    assert tab.get_by_role("link", name=t("Users")).is_visible()
    assert not tab.get_by_role("button", name=t("Menu")).is_visible()
    plain.close()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_radio_labels_do_not_break_inside_a_word(live_server, page, lang):  # noqa: F811
    app, base = live_server
    ids = demo(app)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, lang)
    page.goto(f"{base}/records/{ids['wb-risk-assessment']}/edit")
    broken = page.evaluate(
        """() => [...document.querySelectorAll('.govuk-radios__label')].filter(label => {
            const range = document.createRange();
            for (const node of label.childNodes) {
              if (node.nodeType !== 3) continue;
              const text = node.textContent;
              const re = /[^\\s-]+/g; let m;  // a line may end after a hyphen
              while ((m = re.exec(text))) {
                range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) return true;
              }
            }
            return false;
          }).map(l => l.textContent.trim())"""
    )
    assert broken == []


@pytest.mark.skipif(not os.environ.get("DOGFEN_SCREENSHOTS"), reason="DOGFEN_SCREENSHOTS unset")
def test_screenshots_for_the_readme(live_server, page):  # noqa: F811
    app, base = live_server
    ids = demo(app)
    finalise_risk_assessment(app, ids["wb-risk-assessment"])
    _leave_one_out(app, ids)  # the letters page then shows a resident to fix or leave out
    SHOTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "case-files": "/",
        "case": f"/cases/{ids['case']}",
        "form": f"/records/{ids['cm-action-plan']}/edit",
        "final-record": f"/records/{ids['wb-risk-assessment']}",
        "letters-to-families": f"/cases/{ids['case']}/merge?letter=family-concerns-raised",
    }
    for lang in ("en", "cy"):
        page.set_viewport_size({"width": 1280, "height": 900})
        sign_in(page, base, lang)
        for name, path in shots.items():
            page.goto(base + path)
            tall = name in ("final-record", "letters-to-families")  # the point is further down
            page.screenshot(path=str(SHOTS / f"{name}-{lang}.png"), full_page=tall)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(base + f"/cases/{ids['case']}")
        page.screenshot(path=str(SHOTS / f"phone-case-{lang}.png"), full_page=False)
