"""JWT client authentication (RFC 7523 section 2.2, OpenID Connect Core section 9) on Authlib 1.2.0.

Authlib's JWTBearerClientAssertion checks the assertion: signature, iss == sub, aud == the token
endpoint URL, exp, and a jti never seen before (validate_jti below). Two methods are registered:
`private_key_jwt` (the client's registered public key: RSA for RS256/PS256, EC P-256 for ES256) and
`client_secret_jwt` (HS256 with the client secret). Test clients are listed in README.md.
"""
import base64
import json
import threading

from authlib.jose import JsonWebKey
from authlib.oauth2.rfc6749 import InvalidClientError
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion

import store

METHODS = ['private_key_jwt', 'client_secret_jwt']
# A client secret long enough for HS256 (RFC 7518 section 3.2: at least 32 bytes).
JWT_SECRET = 'client-secret-jwt-test-secret-of-48-characters!!'

_LOCK = threading.Lock()
_SEEN_JTI = set()


class JwtClient(store.OAuth2Client):
    """A client that authenticates with a JWT: its public key (private_key_jwt) or secret (client_secret_jwt)."""

    def __init__(self, client_id, auth_method, grant_types, public_key_file=None, secret=None):
        super().__init__(client_id, secret, auth_method, grant_types)
        self.public_key = None
        if public_key_file:
            with open(f'{store.KEYS_DIR}/{public_key_file}', encoding='ascii') as f:
                self.public_key = JsonWebKey.import_key(f.read())


def _claimed_client(query_client, request):
    """The client the assertion's (still unverified) sub names, or None."""
    assertion = request.form.get('client_assertion') or ''
    try:
        payload = json.loads(urlsafe_b64decode_padded(assertion.split('.')[1]))
        return query_client(payload.get('sub'))
    except (IndexError, ValueError, TypeError, AttributeError):
        return None


def urlsafe_b64decode_padded(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


class _Assertion(JWTBearerClientAssertion):
    def __call__(self, query_client, request):
        # Authlib tries every registered method in turn: each checker only looks at assertions of clients
        # registered for it, so the other method's checker does not refuse them first.
        client = _claimed_client(query_client, request)
        if client is None or getattr(client, 'auth_method', None) != self.CLIENT_AUTH_METHOD:
            return None
        return super().__call__(query_client, request)

    def validate_jti(self, claims, jti):
        # RFC 7523 section 3 item 7: an assertion is used once. Remembered for the peer's lifetime.
        key = (claims['sub'], jti)
        with _LOCK:
            if key in _SEEN_JTI:
                return False
            _SEEN_JTI.add(key)
            return True


class PrivateKeyJwt(_Assertion):
    CLIENT_AUTH_METHOD = 'private_key_jwt'

    def resolve_client_public_key(self, client, headers):
        # A key object, never PEM text: an HS256 assertion "signed" with the public key cannot verify.
        return client.public_key


class ClientSecretJwt(_Assertion):
    CLIENT_AUTH_METHOD = 'client_secret_jwt'

    def resolve_client_public_key(self, client, headers):
        if headers.get('alg', '').startswith('HS') and client.secret:
            return client.secret
        raise InvalidClientError()


_GRANTS = ('client_credentials', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code')
CLIENTS = {
    'o2-jwt-rsa': JwtClient('o2-jwt-rsa', 'private_key_jwt', _GRANTS, public_key_file='jwt-rsa-public.pem'),
    'o2-jwt-ec': JwtClient('o2-jwt-ec', 'private_key_jwt', _GRANTS, public_key_file='jwt-ec-public.pem'),
    'o2-jwt-secret': JwtClient('o2-jwt-secret', 'client_secret_jwt', _GRANTS, secret=JWT_SECRET),
}


def init_app(app, server):
    """Registers both methods on `server`; the assertion's aud must be this peer's token endpoint URL."""
    token_url = app.config['ISSUER'] + '/oauth2/token'
    server.register_client_auth_method(PrivateKeyJwt.CLIENT_AUTH_METHOD, PrivateKeyJwt(token_url))
    server.register_client_auth_method(ClientSecretJwt.CLIENT_AUTH_METHOD, ClientSecretJwt(token_url))
    with store.LOCK:
        store.OAUTH2_CLIENTS.update(CLIENTS)
