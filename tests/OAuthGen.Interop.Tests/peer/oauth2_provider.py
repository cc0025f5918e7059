"""OAuth 2.0 authorization server and bearer resources on Authlib 1.2.0.

Authorization code (RFC 6749) with PKCE S256 and plain (RFC 7636), refresh_token with rotation,
client_credentials; client authentication client_secret_basic, client_secret_post and none; token
revocation (RFC 7009); server metadata (RFC 8414); bearer resources (RFC 6750) answering JSON, XML
and form data.
"""
import functools
import json
from urllib.parse import urlencode
from xml.sax.saxutils import escape as xml_escape

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Error, OAuth2Request, ResourceProtector
from authlib.oauth2.rfc6749 import HttpRequest, grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Blueprint, Response, current_app, g, request
from werkzeug.datastructures import MultiDict

import consent
import store
import wire

# private_key_jwt and client_secret_jwt (RFC 7523) are registered by client_assertions.py.
JWT_AUTH_METHODS = ['private_key_jwt', 'client_secret_jwt']
ALL_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] + JWT_AUTH_METHODS
SECRET_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'] + JWT_AUTH_METHODS
REALM = 'oauthgen-interop'


class PeerAuthorizationServer(AuthorizationServer):
    def create_oauth2_request(self, request):
        return request if isinstance(request, OAuth2Request) else OAuth2Request(*wire.oauth2_parts())


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ALL_AUTH_METHODS

    def save_authorization_code(self, code, request):
        record = store.AuthorizationCode(
            code, request.client.get_client_id(), request.redirect_uri, request.scope, request.user,
            request.data.get('code_challenge'), request.data.get('code_challenge_method'))
        with store.LOCK:
            store.OAUTH2_CODES[code] = record

    def query_authorization_code(self, code, client):
        with store.LOCK:
            record = store.OAUTH2_CODES.get(code)
        if record and record.client_id == client.get_client_id() and not record.is_expired():
            return record
        return None

    def delete_authorization_code(self, authorization_code):
        with store.LOCK:
            store.OAUTH2_CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.user


class RefreshTokenGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ALL_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation: every refresh issues a new refresh token

    def authenticate_refresh_token(self, refresh_token):
        token = store.find_refresh_token(refresh_token)
        return token if token and token.refresh_usable() else None

    def authenticate_user(self, credential):
        return credential.user

    def revoke_old_credential(self, credential):
        # The old pair dies with the rotation: its refresh token is rejected from now on.
        credential.refresh_revoked = True
        credential.access_revoked = True


class ClientCredentialsGrant(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = SECRET_AUTH_METHODS


class Revocation(RevocationEndpoint):
    CLIENT_AUTH_METHODS = ALL_AUTH_METHODS

    def query_token(self, token_string, token_type_hint):
        # The hint only orders the search (RFC 7009 section 2.1).
        lookups = [store.find_access_token, store.find_refresh_token]
        if token_type_hint == 'refresh_token':
            lookups.reverse()
        return next((t for t in (find(token_string) for find in lookups) if t), None)

    def revoke_token(self, token, request):
        # Revoking a refresh token also ends its access token (RFC 7009 section 2.1 SHOULD).
        token.access_revoked = True
        if token.refresh_token == request.form.get('token'):
            token.refresh_revoked = True


def _save_token(token, request):
    record = store.Token(request.client.get_client_id(), request.user, token)
    with store.LOCK:
        store.OAUTH2_TOKENS.append(record)


server = PeerAuthorizationServer(query_client=lambda client_id: store.OAUTH2_CLIENTS.get(client_id),
                                 save_token=_save_token)


def init_app(app):
    app.config.setdefault('OAUTH2_REFRESH_TOKEN_GENERATOR', True)
    app.config.setdefault('OAUTH2_TOKEN_EXPIRES_IN', {'authorization_code': 3600,
                                                      'client_credentials': 3600})
    server.init_app(app)
    server.register_grant(AuthorizationCodeGrant, [CodeChallenge(required=True)])
    server.register_grant(RefreshTokenGrant)
    server.register_grant(ClientCredentialsGrant)
    server.register_endpoint(Revocation)
    app.register_blueprint(blueprint)


class _Validator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        return store.find_access_token(token_string)


_protector = ResourceProtector()
_protector.register_token_validator(_Validator(realm=REALM))


def _quoted(value):
    return '"' + str(value).replace('\\', '\\\\').replace('"', '\\"') + '"'


def challenge(word, status, error=None, description=None, scope=None):
    """An RFC 6750 section 3 error: a well-formed WWW-Authenticate (Authlib 1.2.0's is not, and it
    sends none with 403) and the same error as JSON."""
    attributes = [('realm', REALM)]
    if error:
        attributes.append(('error', error))
        if description:
            attributes.append(('error_description', description))
    if scope:
        attributes.append(('scope', scope))
    header = word + ' ' + ', '.join(f'{k}={_quoted(v)}' for k, v in attributes)
    body = {'error': error or 'missing_token', 'error_description': description or 'No access token'}
    response = Response(json.dumps(body), status, content_type='application/json')
    response.headers['WWW-Authenticate'] = header
    return response


def _presented_token(words, allow_params):
    """(token, placement) from the Authorization header with one of `words` as scheme, or (RFC 6750
    sections 2.2 and 2.3, which Authlib 1.2.0 ignores) an access_token form or query parameter."""
    authorization = request.headers.get('Authorization')
    if authorization:
        scheme, _, value = authorization.strip().partition(' ')
        if scheme.lower() in words and value.strip():
            return value.strip(), 'header'
        return None, None
    if not allow_params:
        return None, None
    if wire.is_form_body():
        form = dict(wire.decoded_pairs(wire.raw_body()))
        if form.get('access_token'):
            return form['access_token'], 'body'
    query = dict(wire.decoded_pairs(wire.raw_target()[1]))
    if query.get('access_token'):
        return query['access_token'], 'query'
    return None, None


def bearer(scope=None, word='Bearer', accepted_words=None, allow_params=True):
    """Protect a view with an access token checked by Authlib. `word` is the scheme of the challenge;
    `accepted_words` the Authorization schemes taken (default: just `word`)."""
    words = {w.lower() for w in (accepted_words or [word])}

    def wrap(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            token_string, placement = _presented_token(words, allow_params)
            if token_string is None:
                return challenge(word, 401)
            # Authlib reads only "Authorization: Bearer", so that is what it is shown.
            req = HttpRequest(request.method, request.full_path, None,
                              {'Authorization': 'Bearer ' + token_string})
            try:
                g.oauth2_token = _protector.validate_request([scope] if scope else None, req)
            except OAuth2Error as error:
                return challenge(word, error.status_code or 401, error.error,
                                 error.get_error_description(),
                                 scope if error.error == 'insufficient_scope' else None)
            g.token_placement = placement
            return view(*args, **kwargs)
        return guarded
    return wrap


def current_user():
    return g.oauth2_token.user


blueprint = Blueprint('oauth2', __name__)


def authorize_view():
    """The authorization endpoint, shared by the GitHub- and Weibo-style paths (see consent.py)."""
    user = consent.end_user()
    try:
        grant = server.get_consent_grant(end_user=user)
    except OAuth2Error as error:
        return server.handle_error_response(None, error)
    choice = consent.decision()
    if choice is None:
        return consent.page(grant.client.get_client_id(), grant.request.scope)
    if choice == 'approve' and user is None:
        return Response('unknown user', 400, content_type='text/plain')
    return server.create_authorization_response(grant_user=user if choice == 'approve' else None)


@blueprint.route('/oauth2/authorize', methods=['GET', 'POST'])
def authorize():
    return authorize_view()


@blueprint.route('/oauth2/token', methods=['POST'])
def token():
    return server.create_token_response()


@blueprint.route('/oauth2/token/authlib-basic', methods=['POST'])
def token_with_authlib_basic():
    """The token endpoint reading client_secret_basic as Authlib 1.2.0 does: no form-urldecoding of
    id and secret, for clients that send them raw (not RFC 6749 section 2.3.1, but common)."""
    return server.create_token_response(OAuth2Request(*wire.oauth2_parts(decode_basic=False)))


@blueprint.route('/oauth2/revoke', methods=['POST'])
def revoke():
    return server.create_endpoint_response(Revocation.ENDPOINT_NAME)


@blueprint.route('/.well-known/oauth-authorization-server')
def metadata():
    issuer = current_app.config['ISSUER']
    document = {
        'issuer': issuer,
        'authorization_endpoint': issuer + '/oauth2/authorize',
        'token_endpoint': issuer + '/oauth2/token',
        'revocation_endpoint': issuer + '/oauth2/revoke',
        'device_authorization_endpoint': issuer + '/oauth2/device',
        'response_types_supported': ['code'],
        'response_modes_supported': ['query'],
        'grant_types_supported': ['authorization_code', 'refresh_token', 'client_credentials',
                                  'urn:ietf:params:oauth:grant-type:device_code'],
        'token_endpoint_auth_methods_supported': ALL_AUTH_METHODS,
        'revocation_endpoint_auth_methods_supported': ALL_AUTH_METHODS,
        'code_challenge_methods_supported': ['S256', 'plain'],
    }
    return Response(json.dumps(document), 200, content_type='application/json')


def _profile():
    user = current_user()
    token = g.oauth2_token
    return {
        'id': user['id'] if user else None,
        'username': user['username'] if user else None,
        'name': user['name'] if user else None,
        'email': user['email'] if user else None,
        'client_id': token.client_id,
        'scope': token.scope,
    }


@blueprint.route('/api/me')
@bearer()
def me():
    return Response(json.dumps(_profile()), 200, content_type='application/json')


@blueprint.route('/api/me.xml')
@bearer()
def me_xml():
    fields = ''.join(f'<{k}>{xml_escape("" if v is None else str(v))}</{k}>' for k, v in _profile().items())
    body = '<?xml version="1.0" encoding="UTF-8"?><user>' + fields + '</user>'
    return Response(body, 200, content_type='application/xml; charset=utf-8')


@blueprint.route('/api/me.form')
@bearer()
def me_form():
    body = urlencode([(k, '' if v is None else v) for k, v in _profile().items()])
    return Response(body, 200, content_type='application/x-www-form-urlencoded; charset=utf-8')


@blueprint.route('/api/admin')
@bearer(scope='admin')
def admin():
    return Response(json.dumps({'admin': True, **_profile()}), 200, content_type='application/json')


@blueprint.route('/api/status/<int:code>', methods=['GET', 'POST'])
@bearer()
def status(code):
    return Response(json.dumps({'status': code}), code, content_type='application/json')


def echo_payload():
    """What a bearer resource received: decoded pairs (repeats kept), raw octets, JSON body."""
    _, query = wire.raw_target()
    body = wire.raw_body()
    form = wire.decoded_pairs(body) if wire.is_form_body() else []
    parsed_json = None
    if request.mimetype == 'application/json' and body:
        try:
            parsed_json = json.loads(body)
        except ValueError:
            parsed_json = None
    query_pairs = wire.decoded_pairs(query)
    user = current_user()
    return {
        'method': request.method,
        'path': request.path,
        'query': query_pairs,
        'form': form,
        'params': [[k, v] for k, v in query_pairs + form if k != 'access_token'],
        'json': parsed_json,
        'content_type': request.headers.get('Content-Type'),
        'raw_query': query.decode('latin-1'),
        'raw_body': body.decode('utf-8', 'replace'),
        'headers': {k: v for k, v in request.headers.items() if k.lower().startswith('x-')},
        'client_id': g.oauth2_token.client_id,
        'user': user['username'] if user else None,
        'token_placement': g.token_placement,
    }


@blueprint.route('/api/echo', methods=['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
@bearer()
def echo():
    return Response(json.dumps(echo_payload(), ensure_ascii=False), 200,
                    content_type='application/json; charset=utf-8')


@blueprint.route('/_test/expire', methods=['POST'])
def expire():
    """Test hook: make an access token expired now (form field `token`), e.g. to drive a refresh."""
    token_value = MultiDict(wire.decoded_pairs(wire.raw_body())).get('token', '')
    record = store.find_access_token(token_value)
    if record is None:
        return Response('{"expired": false}', 404, content_type='application/json')
    record.issued_at -= record.expires_in + 1
    return Response('{"expired": true}', 200, content_type='application/json')
