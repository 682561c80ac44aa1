"""Page language: chosen with the English | Cymraeg toggle, kept in the session."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, redirect, request, session, url_for
from flask_babel import get_locale, get_translations
from jinja2 import pass_context

from forms.i18n import Translator

from .extensions import babel

bp = Blueprint("lang", __name__)


def select_locale() -> str:
    lang = session.get("lang")
    if lang in ("en", "cy"):
        return lang
    return request.accept_languages.best_match(["en", "cy"]) or "en"


def page_translator() -> Translator:
    """Translator for definition msgids in the page's language (same catalogs as templates)."""
    return Translator(str(get_locale()))


def safe_next(target: str | None) -> str:
    """Only paths on this site: never an absolute URL (no open redirects), and nothing a browser
    or a header could misread (controls such as CR/LF, which Werkzeug refuses in a Location, or a
    backslash, which browsers read as ``/``): anything else goes home."""
    if not target or not target.isprintable() or "\\" in target:
        return url_for("cases.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("cases.index")
    return target


@bp.get("/language/<code>")
def switch(code: str):
    if code in ("en", "cy"):
        session["lang"] = code
        _remember(code)
    return redirect(safe_next(request.args.get("next")))


def _remember(code: str) -> None:
    """A signed-in user's choice is also their language for emails (``dogfen remind``)."""
    from flask_login import current_user

    from .extensions import db

    if getattr(current_user, "is_authenticated", False) and current_user.language != code:
        current_user.language = code
        db.session.commit()


TRANSLATIONS = "_page_translations"


def _catalog(ctx):
    """The page's catalog, looked up once per render: a case page has some 300 strings, and
    Flask-Babel finds the request context, locale and catalog afresh for each (about 3 ms).
    Macros imported without context fall back to Flask-Babel's own lookup."""
    return ctx.get(TRANSLATIONS) or get_translations()


@pass_context
def _gettext(ctx, s: str) -> str:
    return _catalog(ctx).ugettext(s)


@pass_context
def _ngettext(ctx, s: str, p: str, n: int) -> str:
    return _catalog(ctx).ungettext(s, p, n)


@pass_context
def _pgettext(ctx, c: str, s: str) -> str:
    return _catalog(ctx).upgettext(c, s)


@pass_context
def _npgettext(ctx, c: str, s: str, p: str, n: int) -> str:
    return _catalog(ctx).unpgettext(c, s, p, n)


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=_gettext,
        ngettext=_ngettext,
        newstyle=True,
        pgettext=_pgettext,
        npgettext=_npgettext,
    )
    app.register_blueprint(bp)

    @app.context_processor
    def inject():
        return {
            "t": page_translator(),
            "current_lang": str(get_locale()),
            TRANSLATIONS: get_translations(),
        }
