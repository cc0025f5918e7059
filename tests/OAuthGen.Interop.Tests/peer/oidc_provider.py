"""OpenID Connect provider on Authlib 1.2.0, under its own issuer B/oidc.

The code flow with id_token (authlib.oidc.core OpenIDCode: nonce, at_hash, auth_time, UserInfo
claims), a JWKS of the published keys (authlib.jose), UserInfo (bearer, OIDC Core section 5.3),
RP-Initiated Logout's end_session_endpoint, and OpenID Connect Discovery at
B/oidc/.well-known/openid-configuration. Test hooks under B/_test/oidc/ rotate the signing key,
switch its algorithm and make the next answer faulty (wrong nonce, aud, iss, expired, unknown kid,
bad signature, no id_token, another sub at UserInfo, a document with another issuer).
"""
import json
import threading
import time
import uuid
from urllib.parse import urlencode

from authlib.jose import JsonWebKey, JsonWebToken
from authlib.jose.errors import JoseError
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode, UserInfo
from authlib.oidc.core.grants.util import is_openid_scope
from authlib.oidc.core.models import AuthorizationCodeMixin
from authlib.oidc.core.util import create_half_hash
from flask import Blueprint, Response, current_app, redirect, request

import consent
import store
from oauth2_provider import PeerAuthorizationServer, bearer, current_user

CLIENT_ID = 'oidc-client'
CLIENT_SECRET = 'oidc-secret'
ID_TOKEN_LIFETIME = 300
ALGORITHMS = ('RS256', 'PS256', 'ES256')
FAULTS = ('bad_nonce', 'bad_aud', 'bad_iss', 'expired', 'unknown_kid', 'bad_signature', 'no_id_token',
          'userinfo_other_sub', 'metadata_other_issuer')

_LOCK = threading.RLock()
_JWT = JsonWebToken(list(ALGORITHMS))


def _new_key(alg):
    kid = 'k-' + uuid.uuid4().hex[:8]
    if alg == 'ES256':
        return alg, JsonWebKey.generate_key('EC', 'P-256', {'kid': kid, 'use': 'sig', 'alg': alg}, is_private=True)
    return alg, JsonWebKey.generate_key('RSA', 2048, {'kid': kid, 'use': 'sig', 'alg': alg}, is_private=True)


class _State:
    """The signing keys (the current one signs, all published ones are in the JWKS), the pending
    faults (each used once), and how often the JWKS was read."""
    def __init__(self):
        self.current = _new_key('RS256')
        self.published = [self.current]
        self.faults = set()
        self.jwks_reads = 0

    def take(self, fault):
        with _LOCK:
            if fault in self.faults:
                self.faults.discard(fault)
                return True
            return False


STATE = _State()
CLIENTS = {CLIENT_ID: store.OAuth2Client(CLIENT_ID, CLIENT_SECRET, 'client_secret_post',
                                         ('authorization_code', 'refresh_token'))}
CODES = {}


def issuer():
    return current_app.config['ISSUER'] + '/oidc'


class OidcAuthorizationCode(store.AuthorizationCode, AuthorizationCodeMixin):
    def __init__(self, *args, nonce=None):
        super().__init__(*args)
        self.nonce = nonce
        self.auth_time = int(time.time())

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ['client_secret_post']

    def save_authorization_code(self, code, request):
        record = OidcAuthorizationCode(
            code, request.client.get_client_id(), request.redirect_uri, request.scope, request.user,
            request.data.get('code_challenge'), request.data.get('code_challenge_method'),
            nonce=request.data.get('nonce'))
        with store.LOCK:
            CODES[code] = record

    def query_authorization_code(self, code, client):
        with store.LOCK:
            record = CODES.get(code)
        if record and record.client_id == client.get_client_id() and not record.is_expired():
            return record
        return None

    def delete_authorization_code(self, authorization_code):
        with store.LOCK:
            CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.user


class PeerOpenIDCode(OpenIDCode):
    """Authlib's OpenIDCode, with the id_token signed under a header that names its `kid` (Authlib's
    generate_id_token writes only `alg`, and rotation needs the kid) and the test faults applied."""

    def exists_nonce(self, nonce, request):
        with store.LOCK:
            return any(c.nonce == nonce for c in CODES.values())

    def get_jwt_config(self, grant):
        return {'iss': issuer(), 'exp': ID_TOKEN_LIFETIME}

    def generate_user_info(self, user, scope):
        info = UserInfo(sub=str(user['id']), name=user['name'])
        if 'email' in scope.split():
            info['email'] = user['email']
        return info

    def process_token(self, grant, token):
        scope = token.get('scope')
        if not scope or not is_openid_scope(scope):
            return token
        if STATE.take('no_id_token'):
            return token
        request = grant.request
        credential = request.credential
        now = int(time.time())
        payload = dict(self.generate_user_info(request.user, scope))
        payload.update({'iss': issuer(), 'aud': self.get_audiences(request), 'iat': now,
                        'exp': now + ID_TOKEN_LIFETIME, 'auth_time': credential.get_auth_time()})
        if credential.get_nonce():
            payload['nonce'] = credential.get_nonce()
        with _LOCK:
            alg, key = STATE.current
        payload['at_hash'] = create_half_hash(token['access_token'], alg).decode('ascii')
        if STATE.take('bad_nonce'):
            payload['nonce'] = 'not-the-nonce-the-client-sent'
        if STATE.take('bad_aud'):
            payload['aud'] = ['another-client']
        if STATE.take('bad_iss'):
            payload['iss'] = issuer() + '-elsewhere'
        if STATE.take('expired'):
            payload['iat'], payload['exp'] = now - 3600, now - 1800
        header = {'alg': alg, 'kid': key.as_dict()['kid']}
        if STATE.take('unknown_kid'):
            # A key the JWKS never publishes, under a kid it never names.
            alg, key = _new_key(alg)
            header['kid'] = key.as_dict()['kid']
        elif STATE.take('bad_signature'):
            # Another private key under the published kid: the signature cannot verify.
            _, key = _new_key(alg)
        token['id_token'] = _JWT.encode(header, payload, key).decode('ascii')
        return token


def _save_token(token, request):
    record = store.Token(request.client.get_client_id(), request.user, token)
    with store.LOCK:
        store.OAUTH2_TOKENS.append(record)


server = PeerAuthorizationServer(query_client=lambda client_id: CLIENTS.get(client_id), save_token=_save_token)
blueprint = Blueprint('oidc', __name__)


def init_app(app):
    server.init_app(app)
    server.register_grant(CodeGrant, [CodeChallenge(required=False), PeerOpenIDCode(require_nonce=False)])
    app.register_blueprint(blueprint)


@blueprint.route('/oidc/.well-known/openid-configuration')
def discovery():
    base = issuer()
    document = {
        'issuer': base + '/other' if STATE.take('metadata_other_issuer') else base,
        'authorization_endpoint': base + '/authorize',
        'token_endpoint': base + '/token',
        'jwks_uri': base + '/jwks',
        'userinfo_endpoint': base + '/userinfo',
        'end_session_endpoint': base + '/logout',
        'response_types_supported': ['code'],
        'subject_types_supported': ['public'],
        'id_token_signing_alg_values_supported': list(ALGORITHMS),
        'scopes_supported': ['openid', 'profile', 'email'],
        'token_endpoint_auth_methods_supported': ['client_secret_post'],
        'code_challenge_methods_supported': ['S256', 'plain'],
        'claims_supported': ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'name', 'email'],
    }
    return Response(json.dumps(document), 200, content_type='application/json')


@blueprint.route('/oidc/jwks')
def jwks():
    with _LOCK:
        STATE.jwks_reads += 1
        keys = [key.as_dict(is_private=False) for _, key in STATE.published]
    return Response(json.dumps({'keys': keys}), 200, content_type='application/jwk-set+json')


@blueprint.route('/oidc/authorize', methods=['GET', 'POST'])
def authorize():
    user = consent.end_user()
    try:
        grant = server.get_consent_grant(end_user=user)
    except Exception as error:  # an OAuth2Error; shown as Authlib renders it
        return server.handle_error_response(None, error)
    choice = consent.decision()
    if choice is None:
        return consent.page(grant.client.get_client_id(), grant.request.scope)
    return server.create_authorization_response(grant_user=user if choice == 'approve' else None)


@blueprint.route('/oidc/token', methods=['POST'])
def token():
    return server.create_token_response()


@blueprint.route('/oidc/userinfo')
@bearer()
def userinfo():
    user = current_user()
    info = {'sub': str(user['id']), 'name': user['name'], 'email': user['email']}
    if STATE.take('userinfo_other_sub'):
        info['sub'] = 'someone-else'
    return Response(json.dumps(info), 200, content_type='application/json')


@blueprint.route('/oidc/logout')
def logout():
    """RP-Initiated Logout 1.0: id_token_hint must be an id_token this issuer signed for the client;
    the user is sent to post_logout_redirect_uri (a registered URI) with the state."""
    hint = request.args.get('id_token_hint')
    target = request.args.get('post_logout_redirect_uri')
    if hint:
        with _LOCK:
            keys = JsonWebKey.import_key_set({'keys': [k.as_dict(is_private=False) for _, k in STATE.published]})
        try:
            claims = _JWT.decode(hint, keys)
        except (JoseError, ValueError):
            return Response('{"error":"invalid_request","error_description":"bad id_token_hint"}', 400,
                            content_type='application/json')
        if CLIENT_ID not in (claims['aud'] if isinstance(claims['aud'], list) else [claims['aud']]):
            return Response('{"error":"invalid_request"}', 400, content_type='application/json')
    if request.args.get('client_id') not in (None, CLIENT_ID):
        return Response('{"error":"invalid_client"}', 400, content_type='application/json')
    if target is None:
        return Response('signed out', 200, content_type='text/plain')
    if not store.allowed_redirect_uri(target):
        return Response('{"error":"invalid_request"}', 400, content_type='application/json')
    state = request.args.get('state')
    return redirect(target + ('?' + urlencode({'state': state}) if state else ''), 302)


@blueprint.route('/_test/oidc/fault', methods=['POST'])
def fault():
    """Test hook: form field `fault` (one of FAULTS) makes the next matching answer faulty, once."""
    name = request.form.get('fault')
    if name not in FAULTS:
        return Response('{"error":"unknown fault"}', 400, content_type='application/json')
    with _LOCK:
        STATE.faults.add(name)
    return Response(json.dumps({'fault': name}), 200, content_type='application/json')


@blueprint.route('/_test/oidc/rotate', methods=['POST'])
def rotate():
    """Test hook: a new signing key (form field `alg`, default the current one's) signs from now on;
    the JWKS publishes it next to the old ones."""
    with _LOCK:
        alg = request.form.get('alg') or STATE.current[0]
        if alg not in ALGORITHMS:
            return Response('{"error":"unknown alg"}', 400, content_type='application/json')
        STATE.current = _new_key(alg)
        STATE.published.append(STATE.current)
        kid = STATE.current[1].as_dict()['kid']
    return Response(json.dumps({'alg': alg, 'kid': kid}), 200, content_type='application/json')


@blueprint.route('/_test/oidc/jwks-reads')
def jwks_reads():
    """Test hook: how many times the JWKS was read."""
    with _LOCK:
        return Response(json.dumps({'reads': STATE.jwks_reads}), 200, content_type='application/json')
