"""One person's path through the app in headless Chromium (Debian's), with CSRF on: sign in,
switch to Cymraeg, add a row to the action plan, finalise, download the PDF."""

from __future__ import annotations

import io
import os
import re
import shutil
import threading

import pytest
from pypdf import PdfReader
from werkzeug.serving import make_server

from forms.i18n import Translator

from .conftest import PASSWORD, make_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.db]


@pytest.fixture
def live_server(tmp_path):
    if not CHROMIUM:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is needed in CI")
        pytest.skip("no chromium here")
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(accept_downloads=True)
        yield context.new_page()
        browser.close()


def fill_date(page, field_id, day, month, year):
    for part, value in (("day", day), ("month", month), ("year", year)):
        page.locator(f"#{field_id}-{part}").fill(value)


def test_sign_in_welsh_action_plan_finalise_and_download(live_server, page, tmp_path):
    _, base = live_server
    page.goto(base + "/")
    assert "/sign-in" in page.url
    page.get_by_label("Email address").fill("editor@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Open a new case file").click()
    page.get_by_label("Provider", exact=True).fill("O'Brien & Sons <Ltd>")
    page.get_by_label("Service or setting").fill("Tŷ Gwyn")
    page.get_by_label("Provider performance").check()
    page.get_by_role("button", name="Open case file").click()

    page.get_by_role("link", name="Newid yr iaith i’r Gymraeg").click()
    assert page.locator("html").get_attribute("lang") == "cy"
    cy = Translator("cy")
    assert cy("Add another row") != "Add another row"
    page.locator("#start-form").select_option("cm-action-plan")
    page.locator("#start-form").locator("xpath=../..").get_by_role("button").click()

    page.get_by_label(cy("Name of setting or service")).fill("Tŷ Gwyn")
    fill_date(page, "started_on", "2", "3", "2026")
    page.get_by_label(cy("Version number")).fill("1")
    fill_date(page, "last_updated", "2", "3", "2026")
    page.locator("#plan_status-0").check()

    page.get_by_role("button", name=cy("Add another row")).click()  # the row's own page
    page.wait_for_url(re.compile(r"/rows/actions/0$"))
    page.locator("#issue-cy").fill("Meddyginiaeth heb ei chofnodi\nail linell")
    page.locator("#issue-en").fill("Medicines not recorded")
    page.locator("#improvement-cy").fill("Hyfforddiant i’r staff")
    page.locator("#improvement-en").fill("Training for staff")
    page.locator("#action_type-1").check()
    fill_date(page, "by_when", "30", "6", "2026")
    page.get_by_label(cy("Person responsible")).fill("Siân Hughes")
    page.locator("#likelihood-2").check()
    page.locator("#impact-3").check()
    page.locator("#progress-1").check()
    page.get_by_role("button", name=cy("Save and go back to the list")).click()
    page.wait_for_url(re.compile(r"/edit#actions-0$"))

    page.get_by_role("button", name=cy("Finalise"), exact=True).click()
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(
        ".govuk-error-summary"
    ).inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name=f"PDF – {cy('Welsh')}", exact=True).click()
    path = tmp_path / "plan.pdf"
    info.value.save_as(path)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Cynllun gweithredu" in text
    flat = " ".join(text.split())  # a grid cell wraps where it must; the typed break stays
    assert "Meddyginiaeth heb ei chofnodi ail linell" in flat and "chofnodi\nail linell" in text
    assert "O'Brien & Sons <Ltd>" in text


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_pages_pass_axe_wcag_checks_in_both_languages(live_server, page, lang):
    """axe-core's WCAG 2.2 A/AA rules on the pages staff use, including a page with errors."""
    from axe_playwright_python.sync_playwright import Axe

    _, base = live_server
    axe = Axe()
    page.goto(f"{base}/language/{lang}?next=/sign-in")
    pages = {"sign-in": page.url}
    page.locator("#email").fill("admin@example.org")
    page.locator("#password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.goto(base + "/cases/new")
    page.locator("#provider").fill("O'Brien")
    page.locator("#service").fill("Tŷ Gwyn")
    page.locator("#case_process-0").check()
    page.locator("main button[type=submit]").click()
    pages["case"] = page.url
    page.locator("#start-form").select_option("cm-action-plan")
    page.locator("#start-form").locator("xpath=../..").get_by_role("button").click()
    page.locator("button[value='add:actions']").click()
    page.wait_for_url(re.compile(r"/rows/actions/0$"))
    pages["row"] = page.url
    page.locator("a.govuk-back-link").click()
    page.locator("button[value=finalise]").click()  # a page with an error summary
    results = {"form with errors": axe.run(page, options={"runOnly": AXE_TAGS})}
    pages.update(
        {
            "cases": base + "/",
            "users": base + "/admin/users",
            "organisation": base + "/admin/organisation",
            "residents import": pages["case"] + "/residents/import",
            "merge": pages["case"] + "/merge",
            "case details": pages["case"] + "/edit",
        }
    )
    for name, url in pages.items():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == lang
        results[name] = axe.run(page, options={"runOnly": AXE_TAGS})
    problems = {
        name: [(v["id"], v["help"], len(v["nodes"])) for v in r.response["violations"]]
        for name, r in results.items()
        if r.violations_count
    }
    assert not problems, problems
