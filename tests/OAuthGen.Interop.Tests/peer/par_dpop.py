"""Pushed authorization requests (RFC 9126) and DPoP (RFC 9449) on a second issuer, B/fapi.

Authlib 1.2.0 has neither, so both are written here from the RFCs; everything else stays Authlib's:
client authentication at the PAR endpoint is its ClientAuthentication, the authorization and token
endpoints are its AuthorizationServer with the same grant classes as B/oauth2 (authorization_code
with PKCE required, refresh_token with rotation, client_credentials), and DPoP proofs are verified
with authlib.jose (JsonWebKey.import_key, JsonWebSignature.deserialize_compact, Key.thumbprint).

Tokens issued here are DPoP-bound (token_type DPoP, bound to the proof key's RFC 7638 thumbprint)
and live in their own list, so the bearer resources of B/oauth2 never accept them.
"""
import base64
import hashlib
import json
import secrets
import threading
import time
from urllib.parse import urlencode

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.jose import JsonWebKey, JsonWebSignature
from authlib.oauth2 import OAuth2Error, OAuth2Request
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Blueprint, Response, current_app, g, request
from werkzeug.datastructures import MultiDict

import consent
import oauth2_provider
import store
import wire

PREFIX = '/fapi'
REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:'
REQUEST_URI_LIFETIME = 60          # seconds (RFC 9126 section 2.2: short-lived)
PROOF_MAX_AGE = 60                 # seconds an iat may lie in the past or future
ALGORITHMS = ['ES256', 'RS256']

_LOCK = threading.Lock()
_PUSHED = {}                       # request_uri -> {'client_id', 'params', 'expires_at', 'used'}
_SEEN_JTI = {}                     # jti -> time first seen (RFC 9449 section 11.1)
_TOKENS = []                       # DPoP-bound store.Token records
_NONCE = {'value': secrets.token_urlsafe(16)}

blueprint = Blueprint('par_dpop', __name__)


def issuer():
    return current_app.config['ISSUER'] + PREFIX


def _json(body, status, headers=None):
    response = Response(json.dumps(body), status, content_type='application/json')
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


# --- DPoP proofs (RFC 9449 section 4.3) ---------------------------------------------------------

class ProofError(Exception):
    def __init__(self, error, description):
        super().__init__(description)
        self.error = error
        self.description = description


def _b64url_sha256(text):
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode('ascii')).digest()).rstrip(b'=').decode('ascii')


def _segment(value):
    return json.loads(base64.urlsafe_b64decode(value + '=' * (-len(value) % 4)))


def verify_proof(htu, access_token=None, require_nonce=False):
    """Checks the DPoP header of the current request; returns the key's JWK thumbprint."""
    proofs = request.headers.getlist('DPoP')
    if len(proofs) != 1:
        raise ProofError('invalid_dpop_proof', 'exactly one DPoP header is required')
    proof = proofs[0]
    try:
        header = _segment(proof.split('.')[0])
    except (ValueError, IndexError):
        raise ProofError('invalid_dpop_proof', 'the proof is not a compact JWS')
    if header.get('typ') != 'dpop+jwt':
        raise ProofError('invalid_dpop_proof', 'typ must be dpop+jwt')
    if header.get('alg') not in ALGORITHMS:
        raise ProofError('invalid_dpop_proof', 'unsupported alg')
    jwk = header.get('jwk')
    if not isinstance(jwk, dict) or 'd' in jwk or 'p' in jwk:
        raise ProofError('invalid_dpop_proof', 'jwk must be a public key')
    try:
        key = JsonWebKey.import_key(jwk)
        data = JsonWebSignature(algorithms=ALGORITHMS).deserialize_compact(proof, key)
        claims = json.loads(data['payload'])
    except Exception:  # noqa: BLE001 - any failure of the signature check is the same refusal
        raise ProofError('invalid_dpop_proof', 'the proof signature does not verify')
    if claims.get('htm') != request.method:
        raise ProofError('invalid_dpop_proof', 'htm does not match the request method')
    if claims.get('htu') != htu:
        raise ProofError('invalid_dpop_proof', 'htu does not match the request URI')
    iat = claims.get('iat')
    if not isinstance(iat, int) or abs(time.time() - iat) > PROOF_MAX_AGE:
        raise ProofError('invalid_dpop_proof', 'iat is outside the acceptable window')
    jti = claims.get('jti')
    if not isinstance(jti, str) or not jti:
        raise ProofError('invalid_dpop_proof', 'jti is required')
    if access_token is not None and claims.get('ath') != _b64url_sha256(access_token):
        raise ProofError('invalid_dpop_proof', 'ath is missing or does not match the access token')
    if require_nonce and claims.get('nonce') != _NONCE['value']:
        raise ProofError('use_dpop_nonce', 'a DPoP nonce from the server is required')
    with _LOCK:
        now = time.time()
        for old in [j for j, seen in _SEEN_JTI.items() if now - seen > 2 * PROOF_MAX_AGE]:
            del _SEEN_JTI[old]
        if jti in _SEEN_JTI:
            raise ProofError('invalid_dpop_proof', 'the proof was already used (jti replay)')
        _SEEN_JTI[jti] = now
    return key.thumbprint()


# --- The authorization server: Authlib's, with DPoP binding ------------------------------------

class FapiAuthorizationServer(AuthorizationServer):
    def create_oauth2_request(self, req):
        return req if isinstance(req, OAuth2Request) else OAuth2Request(*wire.oauth2_parts())


class AuthorizationCodeGrant(oauth2_provider.AuthorizationCodeGrant):
    def save_authorization_code(self, code, req):
        super().save_authorization_code(code, req)
        with store.LOCK:
            store.OAUTH2_CODES[code].dpop_jkt = req.data.get('dpop_jkt')

    def query_authorization_code(self, code, client):
        record = super().query_authorization_code(code, client)
        # RFC 9449 section 10: a code bound with dpop_jkt is redeemed only with a proof of that key.
        if record is not None and getattr(record, 'dpop_jkt', None) not in (None, g.dpop_jkt):
            return None
        return record


class RefreshTokenGrant(oauth2_provider.RefreshTokenGrant):
    def authenticate_refresh_token(self, refresh_token):
        with _LOCK:
            token = next((t for t in _TOKENS if t.refresh_token == refresh_token), None)
        # RFC 9449 section 5: a refresh token bound to a key is used only with a proof of that key.
        if token is None or not token.refresh_usable() or token.dpop_jkt != g.dpop_jkt:
            return None
        return token


def _save_token(token, req):
    token['token_type'] = 'DPoP'
    record = store.Token(req.client.get_client_id(), req.user, token)
    record.dpop_jkt = g.dpop_jkt
    with _LOCK:
        _TOKENS.append(record)


server = FapiAuthorizationServer(query_client=lambda client_id: store.OAUTH2_CLIENTS.get(client_id),
                                 save_token=_save_token)


def init_app(app):
    server.init_app(app)
    server.register_grant(AuthorizationCodeGrant, [CodeChallenge(required=True)])
    server.register_grant(RefreshTokenGrant)
    server.register_grant(oauth2_provider.ClientCredentialsGrant)
    app.register_blueprint(blueprint)


@blueprint.route('/.well-known/oauth-authorization-server' + PREFIX)
def metadata():
    base = issuer()
    return _json({
        'issuer': base,
        'authorization_endpoint': base + '/authorize',
        'token_endpoint': base + '/token',
        'pushed_authorization_request_endpoint': base + '/par',
        'require_pushed_authorization_requests': True,
        'dpop_signing_alg_values_supported': ALGORITHMS,
        'response_types_supported': ['code'],
        'grant_types_supported': ['authorization_code', 'refresh_token', 'client_credentials'],
        'token_endpoint_auth_methods_supported': oauth2_provider.ALL_AUTH_METHODS,
        'code_challenge_methods_supported': ['S256'],
    }, 200)


# --- Pushed authorization requests (RFC 9126) ---------------------------------------------------

@blueprint.route(PREFIX + '/par', methods=['POST'])
def par():
    oauth_request = OAuth2Request(*wire.oauth2_parts())
    try:
        client = server.authenticate_client(oauth_request, oauth2_provider.ALL_AUTH_METHODS, 'token')
    except OAuth2Error as error:
        return server.handle_error_response(oauth_request, error)
    params = MultiDict(wire.decoded_pairs(wire.raw_body()))
    if 'request_uri' in params:
        return _json({'error': 'invalid_request', 'error_description': 'request_uri must not be pushed'}, 400)
    if params.get('client_id', client.get_client_id()) != client.get_client_id():
        return _json({'error': 'invalid_request', 'error_description': 'client_id differs from the authenticated client'}, 400)
    if params.get('response_type') != 'code' or not params.get('code_challenge'):
        return _json({'error': 'invalid_request', 'error_description': 'response_type=code and PKCE are required'}, 400)
    if not client.check_redirect_uri(params.get('redirect_uri', '')):
        return _json({'error': 'invalid_request', 'error_description': 'redirect_uri is not registered'}, 400)
    pushed = [(k, v) for k, v in params.items(multi=True) if k not in ('client_secret', 'client_id')]
    request_uri = REQUEST_URI_PREFIX + secrets.token_urlsafe(24)
    with _LOCK:
        _PUSHED[request_uri] = {'client_id': client.get_client_id(), 'params': pushed,
                                'expires_at': time.time() + REQUEST_URI_LIFETIME, 'used': False}
    return _json({'request_uri': request_uri, 'expires_in': REQUEST_URI_LIFETIME}, 201)


@blueprint.route(PREFIX + '/authorize', methods=['GET', 'POST'])
def authorize():
    """Only pushed requests (require_pushed_authorization_requests): client_id and request_uri."""
    request_uri = request.args.get('request_uri')
    client_id = request.args.get('client_id')
    with _LOCK:
        entry = _PUSHED.get(request_uri or '')
        refusal = ('request_uri is unknown' if entry is None
                   else 'request_uri belongs to another client' if entry['client_id'] != client_id
                   else 'request_uri has expired' if time.time() > entry['expires_at']
                   else 'request_uri was already used' if entry['used'] else None)
        choice = consent.decision()
        if refusal is None and choice is not None:
            entry['used'] = True      # one-time use (RFC 9126 section 4)
    if refusal is not None:
        # No redirect: the pushed parameters (and with them the redirect_uri) cannot be trusted.
        return _json({'error': 'invalid_request_uri', 'error_description': refusal}, 400)
    query = urlencode([('client_id', client_id)] + entry['params'])
    oauth_request = OAuth2Request(request.method, issuer() + '/authorize?' + query, None, dict(request.headers))
    user = consent.end_user()
    try:
        grant = server.get_consent_grant(oauth_request, end_user=user)
    except OAuth2Error as error:
        return server.handle_error_response(oauth_request, error)
    if choice is None:
        return consent.page(grant.client.get_client_id(), grant.request.scope)
    return server.create_authorization_response(oauth_request, grant_user=user if choice == 'approve' else None)


# --- Token endpoint and resources with DPoP (RFC 9449 sections 5, 7, 8, 9) ----------------------

@blueprint.route(PREFIX + '/token', methods=['POST'])
def token():
    try:
        g.dpop_jkt = verify_proof(issuer() + '/token', require_nonce=True)
    except ProofError as error:
        return _json({'error': error.error, 'error_description': error.description}, 400,
                     {'DPoP-Nonce': _NONCE['value']} if error.error == 'use_dpop_nonce' else None)
    response = server.create_token_response()
    response.headers['DPoP-Nonce'] = _NONCE['value']
    return response


def _challenge(error, description, nonce=False):
    header = f'DPoP error="{error}", error_description="{description}", algs="{" ".join(ALGORITHMS)}"'
    headers = {'WWW-Authenticate': header}
    if nonce:
        headers['DPoP-Nonce'] = _NONCE['value']
    return _json({'error': error, 'error_description': description}, 401, headers)


def _protected(require_nonce):
    scheme, _, value = request.headers.get('Authorization', '').partition(' ')
    value = value.strip()
    with _LOCK:
        record = next((t for t in _TOKENS if t.access_token == value), None)
    if scheme.lower() != 'dpop':
        # RFC 9449 section 7.2: a DPoP-bound token presented as a bearer token is refused.
        return _challenge('invalid_token', 'a DPoP-bound token must be sent with the DPoP scheme')
    if record is None or record.is_expired() or record.is_revoked():
        return _challenge('invalid_token', 'unknown, expired or revoked token')
    try:
        jkt = verify_proof(current_app.config['ISSUER'] + request.path, access_token=value, require_nonce=require_nonce)
    except ProofError as error:
        return _challenge(error.error, error.description, nonce=error.error == 'use_dpop_nonce')
    if jkt != record.dpop_jkt:
        return _challenge('invalid_token', 'the proof key is not the one the token is bound to')
    user = record.user
    body = {'id': user['id'] if user else None, 'username': user['username'] if user else None,
            'client_id': record.client_id, 'scope': record.scope, 'method': request.method,
            'jkt': jkt}
    return _json(body, 200)


@blueprint.route(PREFIX + '/api/me', methods=['GET', 'POST'])
def me():
    return _protected(require_nonce=False)


@blueprint.route(PREFIX + '/api/nonce/me', methods=['GET', 'POST'])
def nonce_me():
    """A resource that wants the server's current nonce in every proof (RFC 9449 section 9)."""
    return _protected(require_nonce=True)


@blueprint.route('/_test' + PREFIX + '/rotate-nonce', methods=['POST'])
def rotate_nonce():
    """Test hook: a new server nonce, so the next proof with the old one is challenged."""
    _NONCE['value'] = secrets.token_urlsafe(16)
    return _json({'rotated': True}, 200)


@blueprint.route('/_test' + PREFIX + '/expire-request-uri', methods=['POST'])
def expire_request_uri():
    """Test hook: make a pushed request_uri (form field `request_uri`) expired now."""
    request_uri = MultiDict(wire.decoded_pairs(wire.raw_body())).get('request_uri', '')
    with _LOCK:
        entry = _PUSHED.get(request_uri)
        if entry is not None:
            entry['expires_at'] = time.time() - 1
    return _json({'expired': entry is not None}, 200 if entry is not None else 404)
