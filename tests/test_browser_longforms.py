"""Long forms in headless Chromium, in English and Welsh, with CSRF on: add a row on its own
page, see its score as soon as both ratings are chosen, errors that name the row, "Draft saved",
change and remove a row (after a confirmation), axe-core on the new pages, a 390 px phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from forms.i18n import Translator

from .conftest import PASSWORD
from .test_browser import AXE_TAGS, fill_date, live_server, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.db]


def axe_problems(tab) -> list:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(tab, options={"runOnly": AXE_TAGS})
    return [(v["id"], v["help"], len(v["nodes"])) for v in result.response["violations"]]


def no_sideways_scroll(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def open_plan(tab, base: str, lang: str) -> None:
    tab.goto(f"{base}/language/{lang}?next=/sign-in")
    tab.locator("#email").fill("editor@example.org")
    tab.locator("#password").fill(PASSWORD)
    tab.locator("button[type=submit]").click()
    tab.goto(base + "/cases/new")
    tab.locator("#provider").fill("O'Brien & Sons <Ltd>")
    tab.locator("#service").fill("Tŷ Gwyn")
    tab.locator("#case_process-0").check()
    tab.locator("main button[type=submit]").click()
    tab.locator("#start-form").select_option("cm-action-plan")
    tab.locator("#start-form").locator("xpath=../..").get_by_role("button").click()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_rows_added_changed_and_removed_with_named_errors(live_server, page, lang):  # noqa: F811
    _, base = live_server
    t = Translator(lang)
    open_plan(page, base, lang)

    page.get_by_role("button", name=t("Add another row")).click()
    page.wait_for_url(re.compile(r"/rows/actions/0$"))
    assert page.locator("h1").inner_text() == t("Issue %(num)s", num=1)
    page.locator("#issue-cy").fill("Meddyginiaeth heb ei chofnodi")
    page.locator("#issue-en").fill("O'Brien & Sons <Ltd>: medicines not recorded")
    page.locator("#improvement-cy").fill("Hyfforddiant")
    page.locator("#improvement-en").fill("Training")
    page.locator("#action_type-1").check()
    fill_date(page, "by_when", "30", "6", "2026")
    page.locator("#person_responsible").fill("Siân Hughes")
    assert not page.locator("#original_by_when-day").is_visible()  # until asked for
    page.get_by_label(t("Extend the target date")).check()
    assert page.locator("#original_by_when-day").is_visible()
    page.get_by_label(t("Extend the target date")).uncheck()
    page.locator("#likelihood-3").check()
    page.locator("#impact-2").check()
    score = page.locator("[data-live-value]")
    assert score.inner_text() == f"12 – {t('Red')}"  # before any save
    assert "dogfen-rag-red" in score.get_attribute("class")
    page.locator("#progress-1").check()
    assert axe_problems(page) == []
    page.get_by_role("button", name=t("Save and go back to the list")).click()
    page.wait_for_url(re.compile(r"/edit#actions-0$"))
    expect(page.locator("main")).to_contain_text(
        re.compile(t("Draft saved at %(time)s", time=r"\d\d:\d\d"))
    )
    row = page.locator("#actions-0")
    typed = "Meddyginiaeth heb ei chofnodi" if lang == "cy" else "O'Brien & Sons <Ltd>: medicines"
    assert typed in row.inner_text()  # the page's language
    assert f"12 – {t('Red')}" in row.inner_text()
    assert axe_problems(page) == []

    page.get_by_role("button", name=t("Add another row")).click()
    page.wait_for_url(re.compile(r"/rows/actions/1$"))
    fill_date(page, "by_when", "31", "2", "2026")
    page.get_by_role("button", name=t("Save and go back to the list")).click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    named = t("%(row)s: %(message)s", row=t("Issue %(num)s", num=2), message="")
    assert named in summary.inner_text()
    expect(page.locator("main")).to_contain_text(
        re.compile(t("Draft saved at %(time)s", time=r"\d\d:\d\d"))
    )
    assert axe_problems(page) == []

    page.get_by_role("link", name=t("Back to the list")).click()
    page.locator("#actions-0").get_by_role("link", name=re.compile(t("Change"))).click()
    page.wait_for_url(re.compile(r"/rows/actions/0$"))
    page.locator("#person_responsible").fill("Eleri Jones")
    page.get_by_role("button", name=t("Save and go back to the list")).click()
    page.wait_for_url(re.compile(r"/edit#actions-0$"))

    page.locator("#actions-1").get_by_role("link", name=re.compile(t("Remove"))).click()
    page.wait_for_url(re.compile(r"/remove$"))
    assert page.locator("h1").inner_text() == t("Remove %(row)s?", row=t("Issue %(num)s", num=2))
    assert axe_problems(page) == []
    page.get_by_role("button", name=t("Yes, remove %(row)s", row=t("Issue %(num)s", num=2))).click()
    expect(page.locator("main")).to_contain_text(
        t("%(row)s removed.", row=t("Issue %(num)s", num=2))
    )
    assert page.locator("#actions-1").count() == 0
    assert page.locator("#actions-0").count() == 1


def test_row_pages_fit_a_390px_phone(live_server, page):  # noqa: F811
    _, base = live_server
    page.set_viewport_size({"width": 390, "height": 844})
    open_plan(page, base, "cy")
    page.get_by_role("button", name=Translator("cy")("Add another row")).click()
    page.wait_for_url(re.compile(r"/rows/actions/0$"))
    page.locator("#issue-cy").fill("Meddyginiaeth heb ei chofnodi")
    page.locator("#likelihood-3").check()
    page.locator("#impact-2").check()
    assert no_sideways_scroll(page), "row page"
    page.locator("form button.govuk-button").last.click()
    page.wait_for_url(re.compile(r"/edit#actions-0$"))
    assert no_sideways_scroll(page), "summary"
    page.locator("#actions-0 a").last.click()
    page.wait_for_url(re.compile(r"/remove$"))
    assert no_sideways_scroll(page), "remove page"
    page.locator(".govuk-breadcrumbs__link").last.click()  # back to the case
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    page.locator("#start-form").select_option("wb-risk-assessment")
    page.locator("#start-form").locator("xpath=../..").get_by_role("button").click()
    page.locator("button[value='add:risks']").click()
    page.wait_for_url(re.compile(r"/rows/risks/0$"))
    assert page.locator("#discussed_on-0-day").is_visible()  # dates as date inputs
    assert no_sideways_scroll(page), "risk row page, Welsh, with its long hints"
    assert axe_problems(page) == []
