"""The case list: search by provider, service and address; filter by policy, stage, lead,
"my cases", overdue and due this week; sort; pages; the next deadline; only visible cases."""

from __future__ import annotations

import datetime as dt

from web.core.extensions import db
from web.core.models import Case, CaseKeyDate
from web.process.case_list import PER_PAGE

from .conftest import add_member, open_case, sign_in


def names(response) -> list[str]:
    import re

    return re.findall(r'href="/cases/\d+">([^<]+)</a>', response.text)


def seed(app, client):
    a = open_case(client, provider="Alder & Co <Ltd>", service="Tŷ Alder")
    b = open_case(client, "escalating-concerns", provider="Birch Care", service="Birch House")
    c = open_case(
        client,
        "closure",
        provider="Cedar Homes",
        service="Cedar Lodge",
        provider_address="9 Ffordd Gŵyr\nAbertawe",
        policy="BP",
    )
    today = dt.date.today()
    with app.app_context():
        # b: provider letter after a PECG 30 days ago: overdue. a: decided today: due this week
        # or early next (2 working days), so only b is "overdue".
        db.session.add(CaseKeyDate(case_id=b, kind="pecg_meeting", on=today - dt.timedelta(30)))
        db.session.add(CaseKeyDate(case_id=a, kind="ec_decision", on=today))
        db.session.commit()
    return a, b, c


def test_search_by_provider_service_and_address(app, client):
    seed(app, client)
    assert names(client.get("/?q=alder & co")) == ["Alder &amp; Co &lt;Ltd&gt;"]
    assert names(client.get("/?q=birch house")) == ["Birch Care"]
    assert names(client.get("/?q=gŵyr")) == ["Cedar Homes"]
    assert names(client.get("/?q=%25")) == []  # a wildcard is searched for as itself
    assert "No case files match." in client.get("/?q=nothing-like-this").text


def test_filters_by_policy_stage_and_due(app, client):
    seed(app, client)
    assert names(client.get("/?policy=BP")) == ["Cedar Homes"]
    assert names(client.get("/?stage=escalating")) == ["Birch Care"]
    assert names(client.get("/?due=overdue")) == ["Birch Care"]
    page = client.get("/").text
    assert "Overdue" in page  # Birch's next deadline shows on the list


def test_due_this_week(app, client):
    """WB: the initial JIMP is due 4 weeks after the risk assessment meeting."""
    today = dt.date.today()
    now = open_case(client, "escalating-concerns", provider="Due Today", policy="WB")
    later = open_case(client, "escalating-concerns", provider="Due Later", policy="WB")
    with app.app_context():
        db.session.add(CaseKeyDate(case_id=now, kind="pecg_meeting", on=today - dt.timedelta(28)))
        db.session.add(CaseKeyDate(case_id=later, kind="pecg_meeting", on=today - dt.timedelta(7)))
        db.session.commit()
    assert names(client.get("/?due=week")) == ["Due Today"]
    assert names(client.get("/?due=overdue")) == []


def test_lead_and_my_cases(app, client):
    a, b, c = seed(app, client)
    admin = sign_in(app.test_client(), "admin")
    admin_case = open_case(admin, provider="Derwen Admin Case")
    assert len(names(admin.get("/"))) == 4  # an admin sees every case
    assert names(admin.get("/?mine=1")) == ["Derwen Admin Case"]
    with app.app_context():
        lead = db.session.get(Case, a).created_by_id
    assert len(names(admin.get(f"/?lead={lead}"))) == 3
    assert admin_case not in (a, b, c)


def test_only_visible_cases_are_listed(app, client):
    a, b, c = seed(app, client)
    viewer = sign_in(app.test_client(), "viewer")
    assert names(viewer.get("/")) == []
    add_member(app, b, "viewer")
    assert names(viewer.get("/")) == ["Birch Care"]
    assert names(viewer.get("/?q=alder")) == []


def test_sort_and_pages(app, client):
    seed(app, client)
    assert names(client.get("/?sort=provider")) == [
        "Alder &amp; Co &lt;Ltd&gt;",
        "Birch Care",
        "Cedar Homes",
    ]
    assert names(client.get("/?sort=next"))[0] == "Birch Care"  # overdue first
    for i in range(PER_PAGE):
        open_case(client, provider=f"Extra {i:02d}")
    first, second = client.get("/?sort=provider"), client.get("/?sort=provider&page=2")
    assert len(names(first)) == PER_PAGE and len(names(second)) == 3
    assert "28 case files" in first.text and 'aria-current="page"' in second.text
    assert names(client.get("/?page=abc"))  # a bad page number is page 1
