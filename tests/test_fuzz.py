"""Fuzzing every form's and letter's save and finalise: random Unicode (controls, non-characters,
right-to-left marks, emoji), huge values, missing and duplicated keys and row numbers out of
range must never make a server error. One app per module keeps each example cheap."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from forms import all_forms
from forms.fields import Checklist, Computed, Date, Group, Text
from web.core.extensions import db
from web.core.models import Record
from web.core.registry import all_letters

from .conftest import make_app, open_case, sign_in
from .helpers import form_post

pytestmark = pytest.mark.db  # CI runs it again on PostgreSQL, which refuses NUL and big ids

DEFINITIONS = [("form", k, d) for k, d in all_forms().items()] + [
    ("letter", k, d) for k, d in all_letters().items()
]
NASTY = ["\x00", "\x0b", "\x0c", "\x1f", "\x7f", "\ufffe", "\uffff", "\u202e", "\r\n", "\t", "😀"]
ROW_INDEXES = st.one_of(
    st.integers(0, 3),
    st.sampled_from(["-1", "99999", "²", "١", "9" * 5000, "", "0x1", " 1"]),
    st.integers(200, 10**6),
)
# Surrogates cannot be sent as UTF-8 at all: the browser (and the test client) cannot post them.
CHARS = st.characters(exclude_categories=("Cs",))
TEXT = st.one_of(
    st.text(CHARS, max_size=40),
    st.lists(st.sampled_from(NASTY) | st.text(CHARS, max_size=5), max_size=8).map("".join),
    st.sampled_from(["x" * 501, "y" * 10_001, "9" * 5000, "31/12/9999", "-1", "1e9", "٣"]),
)
SETTINGS = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def input_names(defn) -> list[str]:
    """The names a page for ``defn`` posts, with ``{i}`` where a row number goes."""
    names = []
    for m in defn.members():
        if isinstance(m, Group | Checklist):
            names += [f"{m.name}-{{i}}-{f.name}" for f in m.fields if not isinstance(f, Computed)]
            if isinstance(m, Checklist):
                names.append(f"{m.name}-{{i}}-key")
        elif isinstance(m, Date):
            names += [m.name, *(f"{m.name}-{p}" for p in ("day", "month", "year"))]
        elif not isinstance(m, Computed):
            names.append(m.name)
    return names


def actions(defn) -> list[str]:
    out = ["save", "finalise", "add:nothing", "remove:", "remove:x:1", "anything"]
    for m in defn.members():
        if isinstance(m, Group):
            out += [f"add:{m.name}", f"remove:{m.name}:0", f"remove:{m.name}:²"]
            out.append(f"remove:{m.name}:{'9' * 5000}")
    return out


@st.composite
def posts(draw, defn):
    """A form post for ``defn``: any subset of the page's inputs, some twice, some with row
    numbers out of range, plus keys no page has, and any action."""
    pairs = []
    for name in draw(st.lists(st.sampled_from(input_names(defn)), max_size=12)):
        if "{i}" in name:
            name = name.replace("{i}", str(draw(ROW_INDEXES)))
        pairs.append((name, draw(TEXT)))
    pairs += draw(st.lists(st.tuples(st.text(CHARS, max_size=12), TEXT), max_size=3))
    pairs.append(("action", draw(st.sampled_from(actions(defn)))))
    return MultiDict(pairs)


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("fuzz"))
    client = sign_in(app.test_client())
    case_id = open_case(client)
    yield app, client, case_id
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def draft(web, kind: str, doc_id: str, drafts: dict) -> str:
    """A draft for ``doc_id``: the last one, unless it was finalised."""
    app, client, case_id = web
    url = drafts.get(doc_id)
    if url:
        with app.app_context():
            rid = int(re.search(r"/records/(\d+)", url).group(1))
            if not db.session.get(Record, rid).is_final:
                return url
    r = client.post(f"/cases/{case_id}/records", data={"doc_type": kind, "doc_id": doc_id})
    assert r.status_code == 302
    drafts[doc_id] = r.location
    return r.location


@pytest.fixture(scope="module")
def drafts() -> dict:
    return {}


@pytest.mark.parametrize("kind,doc_id,defn", DEFINITIONS, ids=[d[1] for d in DEFINITIONS])
@settings(SETTINGS, max_examples=25)
@given(data=st.data())
def test_fuzzed_saves_never_fail(web, drafts, kind, doc_id, defn, data):
    post = data.draw(posts(defn), label="post")
    url = draft(web, kind, doc_id, drafts)
    r = web[1].post(url, data=post)
    assert r.status_code < 500, (doc_id, post)
    assert web[1].get(url, follow_redirects=True).status_code < 500, (doc_id, post)


def text_names(defn, post: dict) -> list[str]:
    """The posted names of free-text answers (``LongText`` is a ``Text``) in a complete post."""
    scalar = {m.name for m in defn.members() if isinstance(m, Text)}
    in_rows = {
        f.name
        for m in defn.members()
        if isinstance(m, Group | Checklist)
        for f in m.fields
        if isinstance(f, Text)
    }
    return sorted(k for k in post if k in scalar or k.rsplit("-", 1)[-1] in in_rows)


@st.composite
def complete_posts(draw):
    """A complete, valid post with one or two free-text answers replaced by fuzz."""
    kind, doc_id, defn = draw(st.sampled_from(DEFINITIONS))
    post = form_post(defn, defn.example())
    for name in draw(st.lists(st.sampled_from(text_names(defn, post)), min_size=1, max_size=2)):
        post[name] = draw(TEXT)
    return kind, doc_id, post


@settings(SETTINGS, max_examples=12)
@given(post=complete_posts())
def test_fuzzed_text_in_complete_data_finalises_or_is_refused(web, drafts, post):
    """Finalising renders every language and format: slow, so fewer examples."""
    kind, doc_id, data = post
    url = draft(web, kind, doc_id, drafts)
    r = web[1].post(url, data={**data, "action": "finalise"})
    event(f"status {r.status_code}")  # --hypothesis-show-statistics: most reach 302
    assert r.status_code in (302, 400), (doc_id, data, r.status_code)


@settings(SETTINGS, max_examples=40)
@given(
    target=st.tuples(st.sampled_from(["", "/", "//", "/\\"]), TEXT).map(lambda p: p[0] + p[1][:60]),
    n=st.integers(0, 2**80),
)
def test_fuzzed_next_and_ids_never_fail(web, target, n):
    client = web[1]
    assert client.get("/language/en", query_string={"next": target}).status_code == 302
    for url in (f"/cases/{n}", f"/records/{n}/edit", f"/records/{n}/files/{n}"):
        assert client.get(url).status_code < 500, url
