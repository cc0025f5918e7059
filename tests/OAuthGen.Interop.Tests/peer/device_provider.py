"""The device authorization grant (RFC 8628) on Authlib 1.2.0.

`POST B/oauth2/device` is Authlib's DeviceAuthorizationEndpoint (client authentication as at the token
endpoint); the token endpoint takes grant_type urn:ietf:params:oauth:grant-type:device_code through
Authlib's DeviceCodeGrant, which answers authorization_pending, slow_down, access_denied and
expired_token. The interval is 1 s (Authlib's default is 5) so tests wait little; codes live 600 s.

The user's side and the test hooks:
- `GET|POST B/device?user_code=C&decision=approve|deny[&user=bob]` is the verification page: with a
  decision it records the user's answer, without one it shows a form.
- `POST B/_test/device/expire` (form `user_code`) makes the code expired now.
- `POST B/_test/device/slow_down` (form `user_code`, `count`) answers the next `count` pending polls
  with slow_down (each adds 5 s to the interval, RFC 8628 section 3.5).
- `GET B/_test/device/polls?user_code=C` lists `{"polls": [seconds since the code was issued...],
  "interval": current interval, "slow_downs": how many were answered}`.
A pending poll that comes sooner than the current interval after the previous one is answered
slow_down as well (RFC 8628 section 3.5), so a client that does not wait is caught.
"""
import json
import time
from html import escape

from authlib.oauth2.rfc8628 import DeviceAuthorizationEndpoint, DeviceCodeGrant, DeviceCredentialDict
from flask import Blueprint, Response, current_app, request

import client_assertions
import oauth2_provider
import store

INTERVAL = 1
LIFETIME = 600
# Arrival times are measured here, after parsing and client authentication, not where the client waited: allow
# for that jitter on a loaded machine (a client that does not wait at all still arrives within milliseconds).
TOLERANCE = 0.5
DEVICE_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] + client_assertions.METHODS

_CREDENTIALS = {}   # device_code -> DeviceCredentialDict
_BY_USER_CODE = {}  # user_code -> DeviceCredentialDict


class DeviceAuthorization(DeviceAuthorizationEndpoint):
    CLIENT_AUTH_METHODS = DEVICE_AUTH_METHODS
    INTERVAL = INTERVAL
    EXPIRES_IN = LIFETIME

    def get_verification_uri(self):
        return current_app.config['ISSUER'] + '/device'

    def save_device_credential(self, client_id, scope, data):
        credential = DeviceCredentialDict(client_id=client_id, scope=scope, expires_at=time.time() + LIFETIME,
                                          issued_at=time.time(), polls=[], slow_downs=0, forced_slow_downs=0,
                                          current_interval=INTERVAL, grant=None, **data)
        with store.LOCK:
            _CREDENTIALS[data['device_code']] = credential
            _BY_USER_CODE[data['user_code']] = credential


class DeviceGrant(DeviceCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = DEVICE_AUTH_METHODS

    def query_device_credential(self, device_code):
        with store.LOCK:
            return _CREDENTIALS.get(device_code)

    def query_user_grant(self, user_code):
        with store.LOCK:
            credential = _BY_USER_CODE.get(user_code)
            return credential['grant'] if credential else None

    def validate_device_credential(self, credential):
        with store.LOCK:
            credential['polls'].append(time.time())
        return super().validate_device_credential(credential)

    def should_slow_down(self, credential):
        with store.LOCK:
            polls = credential['polls']
            too_soon = len(polls) > 1 and polls[-1] - polls[-2] < credential['current_interval'] - TOLERANCE
            forced = credential['forced_slow_downs'] > 0
            if forced:
                credential['forced_slow_downs'] -= 1
            if forced or too_soon:
                credential['current_interval'] += 5
                credential['slow_downs'] += 1
                return True
            return False


blueprint = Blueprint('device', __name__)


def _credential(user_code):
    with store.LOCK:
        return _BY_USER_CODE.get(user_code or '')


def _json(body, status=200):
    return Response(json.dumps(body), status, content_type='application/json')


@blueprint.route('/oauth2/device', methods=['POST'])
def device_authorization():
    return oauth2_provider.server.create_endpoint_response(DeviceAuthorization.ENDPOINT_NAME)


@blueprint.route('/device', methods=['GET', 'POST'])
def verification():
    values = request.values
    user_code = values.get('user_code', '')
    credential = _credential(user_code)
    decision = values.get('decision')
    if credential is None or decision not in ('approve', 'deny'):
        body = ('<!doctype html><title>Device</title><form method="post">'
                f'<label>code <input name="user_code" value="{escape(user_code, quote=True)}"></label>'
                '<label>user <input name="user" value="alice"></label>'
                '<button name="decision" value="approve">Approve</button>'
                '<button name="decision" value="deny">Deny</button></form>')
        return Response(body, 404 if user_code and credential is None else 200, content_type='text/html; charset=utf-8')
    user = store.USERS.get(values.get('user') or 'alice')
    if user is None:
        return Response('unknown user', 400, content_type='text/plain')
    with store.LOCK:
        credential['grant'] = (user, decision == 'approve')
    return Response(f'{decision}d', 200, content_type='text/plain')


@blueprint.route('/_test/device/expire', methods=['POST'])
def expire():
    credential = _credential(request.form.get('user_code'))
    if credential is None:
        return _json({'expired': False}, 404)
    with store.LOCK:
        credential['expires_at'] = time.time() - 1
    return _json({'expired': True})


@blueprint.route('/_test/device/slow_down', methods=['POST'])
def slow_down():
    credential = _credential(request.form.get('user_code'))
    if credential is None:
        return _json({'slow_down': 0}, 404)
    with store.LOCK:
        credential['forced_slow_downs'] += int(request.form.get('count', '1'))
    return _json({'slow_down': credential['forced_slow_downs']})


@blueprint.route('/_test/device/polls')
def polls():
    credential = _credential(request.args.get('user_code'))
    if credential is None:
        return _json({'polls': []}, 404)
    with store.LOCK:
        body = {'polls': [round(t - credential['issued_at'], 3) for t in credential['polls']],
                'interval': credential['current_interval'], 'slow_downs': credential['slow_downs']}
    return _json(body)


def init_app(app):
    """Adds the device grant and JWT client authentication to the OAuth 2.0 server of oauth2_provider."""
    server = oauth2_provider.server
    client_assertions.init_app(app, server)
    server.register_grant(DeviceGrant)
    server.register_endpoint(DeviceAuthorization)
    with store.LOCK:
        store.OAUTH2_CLIENTS['o2-device'] = store.OAuth2Client(
            'o2-device', None, 'none', ('urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'))
    app.register_blueprint(blueprint)
