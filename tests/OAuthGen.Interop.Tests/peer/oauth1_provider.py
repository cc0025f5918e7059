"""OAuth 1.0a (RFC 5849) provider on Authlib 1.2.0: temporary credentials, resource owner
authorization, token credentials, and signed resources that echo what they received.

Signature methods HMAC-SHA1, RSA-SHA1 and PLAINTEXT; signatures in the header, the query or a form
body. Verification is Authlib's own; this module only hands it the request as sent (wire.py), shields
an escaped oauth_callback from Authlib's second decoding, and turns its crashes on garbage signatures
into the 401 they should have been.
"""
import json

from authlib.common.security import generate_token
from authlib.common.urls import url_encode
from authlib.integrations.flask_oauth1 import AuthorizationServer, ResourceProtector
from authlib.oauth1 import OAuth1Request
from authlib.oauth1.errors import InvalidRequestError, InvalidSignatureError, OAuth1Error
from flask import Blueprint, Response, g, request

import consent
import store
import wire

SIGNATURE_METHODS = ['HMAC-SHA1', 'RSA-SHA1', 'PLAINTEXT']
JSON = 'application/json'


def _build_request():
    """Authlib's OAuth1Request from the request as sent; a malformed Authorization header is a 400
    invalid_request (Authlib raises a bare ValueError, which Flask would turn into a 500)."""
    try:
        req = OAuth1Request(*wire.oauth1_parts())
    except ValueError as error:
        raise InvalidRequestError(str(error)) from None
    _shield_callback(req)
    return req


def _shield_callback(req):
    """Authlib's construct_base_string percent-decodes every oauth_* value a second time, so a callback
    such as http://c/cb?next=%2Fhome (flask-oauthlib's usual `next`) would be signed over .../cb?next=/home
    and never verify. Escaping its '%' once more lets that second decoding restore what the client
    signed; _create_temporary_credential undoes it before storing the callback."""
    callback = req.oauth_params.get('oauth_callback')
    if callback and '%' in callback:
        shielded = callback.replace('%', '%25')
        req.oauth_params['oauth_callback'] = shielded
        req.params = [(k, shielded if k == 'oauth_callback' else v) for k, v in req.params]


class _SignatureCrashGuard:
    """Authlib 1.2.0 raises (→ HTTP 500) on a non-ASCII or non-base64 signature, or on RSA-SHA1 from a
    client with no key. Each is simply a signature that does not verify: 401 invalid_signature."""

    def validate_oauth_signature(self, request):
        try:
            super().validate_oauth_signature(request)
        except (ValueError, TypeError):
            raise InvalidSignatureError() from None


class PeerAuthorizationServer(_SignatureCrashGuard, AuthorizationServer):
    SUPPORTED_SIGNATURE_METHODS = SIGNATURE_METHODS

    def create_oauth1_request(self, request):
        return request if isinstance(request, OAuth1Request) else _build_request()

    def handle_response(self, status_code, payload, headers):
        # RFC 5849 section 2.1 requires the literal "true"; Authlib sends Python's "True".
        if isinstance(payload, list):
            payload = [(k, 'true' if k == 'oauth_callback_confirmed' and v is True else v)
                       for k, v in payload]
        return super().handle_response(status_code, payload, headers)


class PeerResourceProtector(_SignatureCrashGuard, ResourceProtector):
    SUPPORTED_SIGNATURE_METHODS = SIGNATURE_METHODS

    def acquire_credential(self):
        # Authlib's Flask glue passes form.to_dict(flat=True) and werkzeug's re-quoted URL, which
        # loses repeated parameters; validate_request gets the raw query and body instead.
        try:
            req = self.validate_request(*wire.oauth1_parts())
        except ValueError as error:
            raise InvalidRequestError(str(error)) from None
        g.oauth1_request = req
        return req.credential


def _query_client(client_id):
    return store.OAUTH1_CLIENTS.get(client_id)


def _query_token(client_id, oauth_token):
    with store.LOCK:
        token = store.OAUTH1_TOKENS.get(oauth_token)
    return token if token and token.client_id == client_id else None


def _create_temporary_credential(token, client_id, redirect_uri):
    redirect_uri = redirect_uri.replace('%25', '%')  # undo _shield_callback
    credential = store.TemporaryCredential(
        token['oauth_token'], token['oauth_token_secret'], client_id, redirect_uri)
    with store.LOCK:
        store.OAUTH1_TEMPORARY[credential.token] = credential
    return credential


def _get_temporary_credential(oauth_token):
    with store.LOCK:
        return store.OAUTH1_TEMPORARY.get(oauth_token)


def _delete_temporary_credential(oauth_token):
    with store.LOCK:
        store.OAUTH1_TEMPORARY.pop(oauth_token, None)


def _create_authorization_verifier(credential, user, verifier):
    credential.user, credential.verifier = user, verifier


def _create_token_credential(token, temporary):
    credential = store.TokenCredential(
        token['oauth_token'], token['oauth_token_secret'], temporary.client_id, temporary.user)
    with store.LOCK:
        store.OAUTH1_TOKENS[credential.token] = credential
    return credential


def _create_server(temporary_credentials_method):
    created = PeerAuthorizationServer(
        query_client=_query_client,
        token_generator=lambda: {'oauth_token': generate_token(30), 'oauth_token_secret': generate_token(40)})
    created.TEMPORARY_CREDENTIALS_METHOD = temporary_credentials_method
    for name, hook in [('exists_nonce', store.nonce_seen),
                       ('create_temporary_credential', _create_temporary_credential),
                       ('get_temporary_credential', _get_temporary_credential),
                       ('delete_temporary_credential', _delete_temporary_credential),
                       ('create_authorization_verifier', _create_authorization_verifier),
                       ('create_token_credential', _create_token_credential)]:
        created.register_hook(name, hook)
    return created


server = _create_server('POST')
# RFC 5849 section 2.1: POST "unless the server advertises another HTTP request method"; this twin
# advertises GET, as Twitter-era providers did (and flask-oauthlib's request_token_method default).
get_server = _create_server('GET')

protector = PeerResourceProtector(query_client=_query_client, query_token=_query_token,
                                  exists_nonce=store.nonce_seen)

blueprint = Blueprint('oauth1', __name__, url_prefix='/oauth1')


@blueprint.route('/request_token', methods=['GET', 'POST'])
def request_token():
    return server.create_temporary_credentials_response()


@blueprint.route('/request_token/get', methods=['GET', 'POST'])
def request_token_by_get():
    return get_server.create_temporary_credentials_response()


@blueprint.route('/authorize', methods=['GET', 'POST'])
def authorize():
    try:
        req = server.check_authorization_request()
    except OAuth1Error as error:
        return server.handle_error_response(error)
    choice = consent.decision()
    if choice is None:
        return consent.page(req.credential.get_client_id(), None)
    user = consent.end_user()
    if choice == 'approve' and user is None:
        return Response('unknown user', 400, content_type='text/plain')
    return server.create_authorization_response(req, user if choice == 'approve' else None)


@blueprint.route('/access_token', methods=['POST'])
def access_token():
    response = server.create_token_response()
    if response.status_code != 200:
        return response
    # Like Twitter, name the user in the token response (flask-oauthlib's seed reads screen_name).
    pairs = wire.decoded_pairs(response.get_data())
    with store.LOCK:
        user = store.OAUTH1_TOKENS[dict(pairs)['oauth_token']].user
    pairs += [('user_id', str(user['id'])), ('screen_name', user['username'])]
    response.set_data(url_encode(pairs))
    return response


def _signed(view):
    return protector()(view)


def _echo():
    """What the resource received: decoded query and form pairs (repeats and order kept), the raw
    octets, and who signed it."""
    _, query = wire.raw_target()
    body = wire.raw_body()
    form = wire.decoded_pairs(body) if wire.is_form_body() else []
    query_pairs = wire.decoded_pairs(query)
    req = g.oauth1_request
    parsed_json = None
    if request.mimetype == JSON and body:
        try:
            parsed_json = json.loads(body)
        except ValueError:
            parsed_json = None
    return {
        'method': request.method,
        'path': request.path,
        'query': query_pairs,
        'form': form,
        'params': [[k, v] for k, v in query_pairs + form if not k.startswith('oauth_')],
        'json': parsed_json,
        'content_type': request.headers.get('Content-Type'),
        'raw_query': query.decode('latin-1'),
        'raw_body': body.decode('utf-8', 'replace'),
        'client_id': req.client_id,
        'user': req.credential.user['username'],
        'signature_method': req.signature_method,
        'signature_type': req.signature_type.lower(),
    }


def _json(payload, status=200):
    return Response(json.dumps(payload, ensure_ascii=False), status,
                    content_type='application/json; charset=utf-8')


@blueprint.route('/api/echo', methods=['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
@_signed
def echo():
    return _json(_echo())


@blueprint.route('/api/me', methods=['GET', 'POST'])
@_signed
def me():
    user = g.oauth1_request.credential.user
    return _json({'id': user['id'], 'screen_name': user['username'], 'name': user['name']})


@blueprint.route('/api/statuses/update.json', methods=['POST'])
@_signed
def statuses_update():
    received = _echo()
    status = next((v for k, v in received['params'] if k == 'status'), None)
    if status is None:
        return _json({'errors': [{'message': 'Missing required parameter: status.'}]}, 400)
    return _json({'id': 1, 'text': status, 'user': {'screen_name': received['user']},
                  'received': received})
