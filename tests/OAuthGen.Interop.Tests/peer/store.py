"""In-memory registrations and grants of the test peer (no files, nothing survives a restart).

Fixed clients and users are documented in README.md next to this file; tests rely on them verbatim.
"""
import hmac
import os
import threading
import time
from urllib.parse import urlsplit

from authlib.oauth1 import ClientMixin as OAuth1ClientMixin
from authlib.oauth1 import TemporaryCredentialMixin, TokenCredentialMixin
from authlib.oauth2.rfc6749 import AuthorizationCodeMixin, ClientMixin, TokenMixin

LOCK = threading.RLock()
KEYS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'keys')
DEFAULT_REDIRECT_URI = 'http://127.0.0.1/callback'
# The secret with every character RFC 6749 section 2.3.1 makes a client form-encode for Basic.
TRICKY_SECRET = 'se cret:/&+=~ end'

USERS = {
    'alice': {'id': 1, 'username': 'alice', 'name': 'Alice Liddell', 'email': 'alice@example.test'},
    'bob': {'id': 2, 'username': 'bob', 'name': 'Bob Builder', 'email': 'bob@example.test'},
}


def _same(expected, given):
    """Constant-time comparison that also copes with non-ASCII input (compare_digest on str raises)."""
    return hmac.compare_digest(expected.encode('utf-8'), given.encode('utf-8', 'surrogateescape'))


def allowed_redirect_uri(uri):
    """Loopback callbacks on any port and path (RFC 8252 section 7.3), or https://client.example/..."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return False
    if parts.fragment:
        return False
    if parts.scheme in ('http', 'https') and parts.hostname in ('127.0.0.1', 'localhost', '::1'):
        return True
    return parts.scheme == 'https' and parts.hostname == 'client.example'


# ---------------------------------------------------------------- OAuth 1.0a

class OAuth1Client(OAuth1ClientMixin):
    def __init__(self, client_id, secret, rsa_public_key=None):
        self.client_id = client_id
        self.secret = secret
        self.rsa_public_key = rsa_public_key

    def get_default_redirect_uri(self):
        return DEFAULT_REDIRECT_URI

    def get_client_secret(self):
        return self.secret

    def get_rsa_public_key(self):
        return self.rsa_public_key


class TemporaryCredential(TemporaryCredentialMixin):
    def __init__(self, token, secret, client_id, redirect_uri):
        self.token, self.secret = token, secret
        self.client_id, self.redirect_uri = client_id, redirect_uri
        self.user, self.verifier = None, None

    def get_client_id(self):
        return self.client_id

    def get_redirect_uri(self):
        return self.redirect_uri

    def check_verifier(self, verifier):
        return self.verifier is not None and _same(self.verifier, verifier)

    def get_oauth_token(self):
        return self.token

    def get_oauth_token_secret(self):
        return self.secret


class TokenCredential(TokenCredentialMixin):
    def __init__(self, token, secret, client_id, user):
        self.token, self.secret, self.client_id, self.user = token, secret, client_id, user

    def get_oauth_token(self):
        return self.token

    def get_oauth_token_secret(self):
        return self.secret


def _read_key(name):
    with open(os.path.join(KEYS_DIR, name), encoding='ascii') as f:
        return f.read()


OAUTH1_CLIENTS = {
    'o1-client': OAuth1Client('o1-client', TRICKY_SECRET),
    'o1-rsa': OAuth1Client('o1-rsa', '', _read_key('oauth1-rsa-public.pem')),
}
OAUTH1_TEMPORARY = {}
OAUTH1_TOKENS = {}
_NONCES = set()


def nonce_seen(nonce, timestamp, client_id, token):
    """True on a replay (RFC 5849 section 3.3: unique per timestamp, client and token)."""
    key = (nonce, timestamp, client_id, token)
    with LOCK:
        if key in _NONCES:
            return True
        _NONCES.add(key)
        return False


# ---------------------------------------------------------------- OAuth 2.0

class OAuth2Client(ClientMixin):
    def __init__(self, client_id, secret, auth_method, grant_types):
        self.client_id, self.secret = client_id, secret
        self.auth_method, self.grant_types = auth_method, grant_types

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return DEFAULT_REDIRECT_URI

    def get_allowed_scope(self, scope):
        return scope if scope else 'profile'

    def check_redirect_uri(self, redirect_uri):
        return allowed_redirect_uri(redirect_uri)

    def check_client_secret(self, client_secret):
        return bool(self.secret) and _same(self.secret, client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        # One registered method per client, so a test proves which one the client really used.
        return method == self.auth_method

    def check_response_type(self, response_type):
        return response_type == 'code'

    def check_grant_type(self, grant_type):
        return grant_type in self.grant_types


_ALL_GRANTS = ('authorization_code', 'refresh_token', 'client_credentials')
OAUTH2_CLIENTS = {
    'o2-basic': OAuth2Client('o2-basic', TRICKY_SECRET, 'client_secret_basic', _ALL_GRANTS),
    'o2-post': OAuth2Client('o2-post', TRICKY_SECRET, 'client_secret_post', _ALL_GRANTS),
    'o2-public': OAuth2Client('o2-public', None, 'none', ('authorization_code', 'refresh_token')),
    'github-client': OAuth2Client('github-client', 'github-secret', 'client_secret_post',
                                  ('authorization_code',)),
    'weibo-client': OAuth2Client('weibo-client', 'weibo-secret', 'client_secret_post',
                                 ('authorization_code',)),
}


class AuthorizationCode(AuthorizationCodeMixin):
    LIFETIME = 600

    def __init__(self, code, client_id, redirect_uri, scope, user, challenge, challenge_method):
        self.code, self.client_id, self.redirect_uri = code, client_id, redirect_uri
        self.scope, self.user = scope, user
        self.code_challenge, self.code_challenge_method = challenge, challenge_method
        self.issued_at = time.time()

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def is_expired(self):
        return time.time() - self.issued_at > self.LIFETIME


class Token(TokenMixin):
    def __init__(self, client_id, user, data):
        self.client_id, self.user = client_id, user
        self.access_token = data['access_token']
        self.refresh_token = data.get('refresh_token')
        self.scope = data.get('scope', '')
        self.expires_in = int(data.get('expires_in') or 0)
        self.issued_at = time.time()
        self.access_revoked = False
        self.refresh_revoked = False

    def check_client(self, client):
        return client.get_client_id() == self.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return self.expires_in

    def is_expired(self):
        return bool(self.expires_in) and time.time() >= self.issued_at + self.expires_in

    def is_revoked(self):
        return self.access_revoked

    def refresh_usable(self):
        return self.refresh_token is not None and not self.refresh_revoked


OAUTH2_CODES = {}
OAUTH2_TOKENS = []


def find_access_token(value):
    with LOCK:
        return next((t for t in OAUTH2_TOKENS if _same(t.access_token, value)), None)


def find_refresh_token(value):
    with LOCK:
        return next((t for t in OAUTH2_TOKENS
                     if t.refresh_token and _same(t.refresh_token, value)), None)
