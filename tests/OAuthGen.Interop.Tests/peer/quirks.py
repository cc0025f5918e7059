"""Providers that bend OAuth 2.0 the way real ones do, on top of the same Authlib server and tokens.

GitHub (OAuth Apps): the token endpoint answers application/x-www-form-urlencoded unless the client
sends `Accept: application/json`, reports errors such as bad_verification_code with HTTP 200, needs
no grant_type, and returns a comma-separated scope and no expiry.

Weibo: the token endpoint serves its JSON as text/plain, without token_type, with `uid` and
`remind_in`; resources take only `Authorization: OAuth2 <token>` (Bearer is refused).
"""
import json
from urllib.parse import urlencode

from authlib.oauth2 import OAuth2Request
from flask import Blueprint, Response, request

import oauth2_provider
import store
import wire
from oauth2_provider import bearer, current_user

blueprint = Blueprint('quirks', __name__)

_GITHUB_ERRORS = {'invalid_grant': 'bad_verification_code',
                  'invalid_client': 'incorrect_client_credentials',
                  'unauthorized_client': 'unverified_user_email'}
_WEIBO_ERROR_CODES = {'invalid_request': 21323, 'invalid_client': 21324, 'invalid_grant': 21325,
                      'unauthorized_client': 21326, 'unsupported_grant_type': 21328}


def _token_response(form_defaults=None):
    """Authlib's own token response for this request, as (status, payload dict)."""
    method, uri, form, headers = wire.oauth2_parts()
    for name, value in (form_defaults or {}).items():
        form.setdefault(name, value)
    response = oauth2_provider.server.create_token_response(OAuth2Request(method, uri, form, headers))
    return response.status_code, json.loads(response.get_data())


# ---------------------------------------------------------------- GitHub

@blueprint.route('/github/login/oauth/authorize', methods=['GET', 'POST'])
def github_authorize():
    return oauth2_provider.authorize_view()


@blueprint.route('/github/login/oauth/access_token', methods=['POST'])
def github_access_token():
    status, payload = _token_response({'grant_type': 'authorization_code'})
    if status == 200:
        pairs = [('access_token', payload['access_token']),
                 ('scope', ','.join((payload.get('scope') or '').split())),
                 ('token_type', 'bearer')]
    else:
        error = _GITHUB_ERRORS.get(payload.get('error'), payload.get('error'))
        pairs = [('error', error),
                 ('error_description', payload.get('error_description') or error),
                 ('error_uri', 'https://docs.github.com/apps/managing-oauth-apps/'
                               'troubleshooting-oauth-app-access-token-request-errors/#'
                  + error.replace('_', '-'))]
    # GitHub answers 200 for errors too; the body says what happened.
    if 'application/json' in request.headers.get('Accept', ''):
        return Response(json.dumps(dict(pairs)), 200, content_type='application/json; charset=utf-8')
    return Response(urlencode(pairs), 200,
                    content_type='application/x-www-form-urlencoded; charset=utf-8')


@blueprint.route('/github/user')
@bearer(accepted_words=['Bearer', 'token'], allow_params=False)
def github_user():
    user = current_user()
    body = {'login': user['username'], 'id': user['id'], 'name': user['name'], 'email': user['email']}
    return Response(json.dumps(body), 200, content_type='application/json; charset=utf-8')


# ---------------------------------------------------------------- Weibo

@blueprint.route('/weibo/oauth2/authorize', methods=['GET', 'POST'])
def weibo_authorize():
    return oauth2_provider.authorize_view()


@blueprint.route('/weibo/oauth2/access_token', methods=['POST'])
def weibo_access_token():
    status, payload = _token_response()
    if status == 200:
        user = store.find_access_token(payload['access_token']).user
        payload = {'access_token': payload['access_token'], 'remind_in': str(payload['expires_in']),
                   'expires_in': payload['expires_in'], 'uid': str(user['id'])}
    else:
        payload = {'error': payload.get('error'),
                   'error_code': _WEIBO_ERROR_CODES.get(payload.get('error'), 21327),
                   'error_description': payload.get('error_description'),
                   'request': '/oauth2/access_token'}
    return Response(json.dumps(payload), status, content_type='text/plain;charset=UTF-8')


def _weibo_user(user):
    return {'id': user['id'], 'idstr': str(user['id']), 'screen_name': user['username'],
            'name': user['name']}


@blueprint.route('/weibo/2/users/show.json')
@bearer(word='OAuth2', allow_params=False)
def weibo_users_show():
    return Response(json.dumps(_weibo_user(current_user())), 200,
                    content_type='application/json; charset=utf-8')


@blueprint.route('/weibo/2/statuses/update.json', methods=['POST'])
@bearer(word='OAuth2', allow_params=False)
def weibo_statuses_update():
    form = dict(wire.decoded_pairs(wire.raw_body())) if wire.is_form_body() else {}
    if 'status' not in form:
        body = {'error': 'miss required parameter (status)', 'error_code': 10016,
                'request': '/2/statuses/update.json'}
        return Response(json.dumps(body, ensure_ascii=False), 400,
                        content_type='application/json; charset=utf-8')
    body = {'id': 1, 'text': form['status'], 'user': _weibo_user(current_user())}
    return Response(json.dumps(body, ensure_ascii=False), 200,
                    content_type='application/json; charset=utf-8')
