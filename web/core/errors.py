"""Error pages in the reader's language instead of Werkzeug's English ones."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: (
        _l("Sorry, there is a problem with that request"),
        _l("Go back, reload the page and try again. Nothing you had saved has been lost."),
    ),
    403: (
        _l("You do not have permission to do that"),
        _l("Ask an administrator if you need a different role."),
    ),
    404: (_l("Page not found"), _l("Check the address, or go back to the case files.")),
    413: (_l("The file is too large"), _l("Upload a smaller file.")),
    500: (
        _l("Sorry, there is a problem with the service"),
        _l("Try again later. Nothing you had saved has been lost."),
    ),
}


def _page(code: int, detail=None):
    title, body = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    return render_template("error.html", title=title, body=detail or body), code


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return _page(400, _l("The form had expired. Go back, reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code and exc.code < 400:
            return exc
        return _page(exc.code or 500)
