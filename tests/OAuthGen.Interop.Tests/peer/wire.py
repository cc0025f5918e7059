"""How an incoming Flask request is handed to Authlib 1.2.0.

Authlib checks signatures, grants and tokens; this module only decides *what it is shown*, because
Debian's Authlib 1.2.0 mishandles some perfectly valid requests (see
/work/shared/research/authlib-peer-notes.md). Nothing here changes a verdict Authlib reaches on a
well-formed request: every rewrite keeps the decoded parameters (and so the signature base string)
exactly as the client sent them.
"""
import base64
import binascii
import re
from urllib.parse import parse_qsl, unquote_plus

from flask import request
from werkzeug.datastructures import Headers

# The characters authlib.common.urls.url_decode accepts unescaped; anything else makes it raise.
_AUTHLIB_SAFE = frozenset(
    b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-=&;:%+~,*@!()/?')
_VALID_ESCAPE = re.compile(rb'%[0-9A-Fa-f]{2}')
FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded'


def authlib_safe(raw):
    """Percent-encode the octets Authlib's url_decode rejects (RFC 3986 allows `$ ' [ ]` and more
    unescaped, and a stray `%` is legal in form data). `%XX` decodes to the same octet, so the decoded
    pairs, and therefore the OAuth 1 base string, are unchanged."""
    data = raw
    out = bytearray()
    i = 0
    while i < len(data):
        octet = data[i]
        if octet == 0x25 and _VALID_ESCAPE.match(data, i):  # a real %XX escape stays as it is
            out += data[i:i + 3]
            i += 3
            continue
        if octet in _AUTHLIB_SAFE and octet != 0x25:
            out.append(octet)
        else:
            out += b'%%%02X' % octet
        i += 1
    return out.decode('ascii')


def raw_target():
    """The request target exactly as sent: (path, query octets). werkzeug's request.url re-quotes it.
    WSGI hands the target over as latin-1 text, so encoding it back to latin-1 restores the octets."""
    target = request.environ.get('RAW_URI') or request.environ.get('REQUEST_URI')
    if not target:
        return request.path, request.query_string
    path, _, query = target.partition('?')
    return path, query.encode('latin-1')


def raw_body():
    """The entity body as sent (cached, so Flask can still read it afterwards)."""
    return request.get_data(cache=True)


def is_form_body():
    return request.mimetype == FORM_CONTENT_TYPE


def decoded_pairs(raw):
    """All name/value pairs of a query or form body, repeats and order kept."""
    if isinstance(raw, bytes):
        raw = raw.decode('utf-8', 'surrogateescape')
    return parse_qsl(raw, keep_blank_values=True, encoding='utf-8', errors='replace')


def request_url(query):
    """Absolute URL Authlib sees: the raw path, the Host header's authority, and the given query."""
    path, _ = raw_target()
    url = 'http://' + request.host + path
    return url + '?' + query if query else url


def oauth1_parts():
    """(method, uri, body, headers) for Authlib's OAuth1Request: the raw query and the raw form body,
    so repeated parameters reach the base string (Flask's glue passes form.to_dict(flat=True) and the
    re-quoted request.url)."""
    _, query = raw_target()
    body = authlib_safe(raw_body()) if is_form_body() else None
    return request.method, request_url(authlib_safe(query)), body, request.headers


def oauth2_parts(decode_basic=True):
    """(method, uri, form, headers) for Authlib's OAuth2Request, with client_secret_basic credentials
    form-urldecoded first: RFC 6749 section 2.3.1 has clients form-urlencode id and secret before
    Basic, and Authlib 1.2.0 never decodes them. decode_basic=False shows Authlib the header as sent
    (the many servers that, like Authlib, take the raw id:secret)."""
    _, query = raw_target()
    form = {}
    if is_form_body():
        for name, value in decoded_pairs(raw_body()):
            form.setdefault(name, value)
    headers = Headers(request.headers)
    decoded = _decoded_basic(headers.get('Authorization')) if decode_basic else None
    if decoded is not None:
        headers['Authorization'] = decoded
    return request.method, request_url(authlib_safe(query)), form, headers


def _decoded_basic(authorization):
    if not authorization:
        return None
    scheme, _, credentials = authorization.partition(' ')
    if scheme.lower() != 'basic':
        return None
    try:
        text = base64.b64decode(credentials.strip(), validate=True).decode('utf-8')
    except (binascii.Error, UnicodeDecodeError):
        return None  # left for Authlib to reject as invalid_client
    client_id, colon, secret = text.partition(':')
    if not colon:
        return None
    plain = unquote_plus(client_id) + ':' + unquote_plus(secret)
    return 'Basic ' + base64.b64encode(plain.encode('utf-8')).decode('ascii')

