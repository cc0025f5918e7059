"""The resource owner's decision at an authorize endpoint, without a browser.

A test approves or denies by adding `auto=approve|deny` to the authorize URL's query, or by sending
the header `X-Auto-Consent: approve|deny`; `user=alice|bob` (or `X-Auto-User`) picks who consents
(default alice). Without either, the endpoint answers a small HTML consent page whose form POSTs the
same URL with `decision=approve|deny` (and `user`), which is what a person would click.
"""
from html import escape

from flask import Response, request

from store import USERS

DECISIONS = ('approve', 'deny')


def decision():
    """'approve', 'deny' or None (ask the page)."""
    value = request.args.get('auto') or request.headers.get('X-Auto-Consent')
    if request.method == 'POST' and not value:
        value = request.form.get('decision')
    return value if value in DECISIONS else None


def end_user():
    """The consenting user's record, or None for an unknown name."""
    name = (request.args.get('user') or request.headers.get('X-Auto-User')
            or (request.form.get('user') if request.method == 'POST' else None) or 'alice')
    return USERS.get(name)


def page(client_id, scope):
    """The consent page for a person (tests use `auto` instead)."""
    action = escape(request.full_path, quote=True)
    body = (
        '<!doctype html><title>Authorize</title>'
        f'<p>{escape(client_id or "")} asks for: {escape(scope or "(default)")}</p>'
        f'<form method="post" action="{action}">'
        '<label>user <input name="user" value="alice"></label>'
        '<button name="decision" value="approve">Approve</button>'
        '<button name="decision" value="deny">Deny</button></form>')
    return Response(body, 200, content_type='text/html; charset=utf-8')
