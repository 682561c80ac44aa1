"""Page language: chosen with the English | Cymraeg toggle, kept in the session."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, redirect, request, session, url_for
from flask_babel import get_locale

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


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.register_blueprint(bp)

    @app.context_processor
    def inject():
        return {"t": page_translator(), "current_lang": str(get_locale())}
