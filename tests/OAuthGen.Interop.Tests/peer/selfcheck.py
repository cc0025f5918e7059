#!/usr/bin/python3
"""Proof that the peer works before any C# client talks to it.

Drives every endpoint and flow of provider.py with independent Python clients (oauthlib's OAuth 1
signer, requests-oauthlib's and Authlib's OAuth 2 sessions, plain requests for the quirks) and exits
non-zero if anything is off.

    /usr/bin/python3 selfcheck.py [--base-url http://127.0.0.1:PORT]

Without --base-url it starts provider.py itself on a free port and stops it afterwards.
"""
import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import secrets
import subprocess
import sys
import time
import traceback
from urllib.parse import parse_qs, parse_qsl, quote, quote_plus, urlencode, urlsplit

os.environ['OAUTHLIB_INSECURE_TRANSPORT'] = '1'  # plain http on loopback
os.environ['AUTHLIB_INSECURE_TRANSPORT'] = '1'

import requests  # noqa: E402
from authlib.integrations.requests_client import OAuth2Session as AuthlibSession  # noqa: E402
from oauthlib.oauth1 import Client as OAuth1Signer  # noqa: E402
from requests.auth import HTTPBasicAuth  # noqa: E402
from requests_oauthlib import OAuth2Session as OAuthlibSession  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FORM = 'application/x-www-form-urlencoded'
TRICKY_SECRET = 'se cret:/&+=~ end'
CALLBACK = 'http://127.0.0.1:9/callback'
# What every signed resource must receive intact (issue 5): the Twitter documentation's text,
# non-ASCII, a repeated name, RFC 3986 sub-delimiters that may travel unescaped, and brackets.
PARAMS = [('status', 'Hello Ladies + Gentlemen, a signed OAuth request!'), ('text', '☃ 日本'),
          ('a', '1'), ('a', '2'), ('chars', "'$!*()"), ('brackets', '[x]')]
RAW_OK = "'$!*()"  # sent unescaped in queries and bodies (requests/urllib3 leave these alone)

with open(os.path.join(HERE, 'keys', 'oauth1-rsa-private.pem'), encoding='ascii') as _f:
    RSA_PRIVATE_KEY = _f.read()

BASE = None
CHECKS = []


def check(function):
    CHECKS.append(function)
    return function


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def form_of(response):
    return dict(parse_qsl(response.text, keep_blank_values=True))


def location_params(response):
    expect(response.status_code == 302, f'expected a 302, got {response.status_code}: {response.text}')
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers['Location']).query).items()}


def rfc3986(pairs, safe=''):
    return '&'.join(quote(k, safe=safe) + '=' + quote(v, safe=safe) for k, v in pairs)


def rfc6749_basic(client_id, secret):
    """RFC 6749 section 2.3.1: form-urlencode id and secret, then Basic."""
    return HTTPBasicAuth(quote_plus(client_id), quote_plus(secret))


# ============================================================== OAuth 1.0a

def o1_signer(method, sig_type, token=None, token_secret=None, verifier=None, callback=None,
              client_secret=None):
    rsa = method == 'RSA-SHA1'
    return OAuth1Signer('o1-rsa' if rsa else 'o1-client',
                        client_secret=client_secret if client_secret is not None else
                        (None if rsa else TRICKY_SECRET),
                        resource_owner_key=token, resource_owner_secret=token_secret,
                        callback_uri=callback, verifier=verifier, signature_method=method,
                        signature_type=sig_type, rsa_key=RSA_PRIVATE_KEY if rsa else None)


def o1_send(signer, http_method, path, query=None, body=None, raw_query=None, raw_body=None):
    """Sign with oauthlib over the RFC 3986-encoded request, then send it (optionally with the same
    parameters written with some characters unescaped: the decoded pairs, and so the signature, are
    the same)."""
    url = BASE + path + ('?' + rfc3986(query) if query else '')
    headers = {}
    if body is not None or signer.signature_type == 'BODY':
        headers['Content-Type'] = FORM
        body = rfc3986(body or [])
    url, headers, body = signer.sign(url, http_method, body, headers)
    if raw_query is not None:
        url = url.replace(rfc3986(query), raw_query, 1)
    if raw_body is not None and signer.signature_type != 'BODY':
        body = raw_body
    return requests.request(http_method, url, headers=headers, data=body, allow_redirects=False)


def o1_token(method, sig_type):
    """The whole OAuth 1.0a dance; returns (token, secret)."""
    response = o1_send(o1_signer(method, sig_type, callback=CALLBACK), 'POST', '/oauth1/request_token')
    expect(response.status_code == 200, f'request token: {response.status_code} {response.text}')
    temporary = form_of(response)
    expect(temporary.get('oauth_callback_confirmed') == 'true',
           f'oauth_callback_confirmed must be the literal true: {response.text}')
    granted = location_params(requests.get(
        BASE + '/oauth1/authorize', params={'oauth_token': temporary['oauth_token'], 'auto': 'approve'},
        allow_redirects=False))
    expect(granted['oauth_token'] == temporary['oauth_token'], 'callback names another token')
    response = o1_send(o1_signer(method, sig_type, temporary['oauth_token'],
                                 temporary['oauth_token_secret'], granted['oauth_verifier']),
                       'POST', '/oauth1/access_token')
    expect(response.status_code == 200, f'access token: {response.status_code} {response.text}')
    token = form_of(response)
    expect(token.get('screen_name') == 'alice', f'screen_name missing: {response.text}')
    return token['oauth_token'], token['oauth_token_secret']


def o1_check_resources(method, sig_type, token, secret):
    def signer():
        return o1_signer(method, sig_type, token, secret)

    expected = [list(p) for p in PARAMS]
    wire_type = {'AUTH_HEADER': 'header', 'QUERY': 'query', 'BODY': 'body'}[sig_type]
    # oauthlib refuses a body on GET, so body signatures are checked on POST only.
    if sig_type != 'BODY':
        raw_query = rfc3986(PARAMS, safe=RAW_OK)
        response = o1_send(signer(), 'GET', '/oauth1/api/echo', query=PARAMS, raw_query=raw_query)
        expect(response.status_code == 200, f'signed GET: {response.status_code} {response.text}')
        echo = response.json()
        expect(echo['params'] == expected, f'GET params arrived as {echo["params"]}')
        expect(echo['signature_method'] == method and echo['signature_type'] == wire_type,
               f'signed as {echo["signature_method"]}/{echo["signature_type"]}')
        if sig_type != 'QUERY':
            expect(RAW_OK in echo['raw_query'], f'query was not sent raw: {echo["raw_query"]}')

    raw_body = '&'.join(quote_plus(k) + '=' + quote_plus(v, safe=RAW_OK + '[]') for k, v in PARAMS)
    response = o1_send(signer(), 'POST', '/oauth1/api/echo', body=PARAMS, raw_body=raw_body)
    expect(response.status_code == 200, f'signed POST: {response.status_code} {response.text}')
    echo = response.json()
    expect(echo['params'] == expected, f'POST params arrived as {echo["params"]}')
    expect(echo['signature_method'] == method and echo['signature_type'] == wire_type,
           f'signed as {echo["signature_method"]}/{echo["signature_type"]}')
    if sig_type != 'BODY':
        expect('[x]' in echo['raw_body'] and '+' in echo['raw_body'], 'body was not sent raw')

    response = o1_send(signer(), 'POST', '/oauth1/api/statuses/update.json', body=PARAMS[:1])
    expect(response.status_code == 200 and response.json()['text'] == PARAMS[0][1],
           f'statuses/update: {response.status_code} {response.text}')
    response = o1_send(signer(), 'POST' if sig_type == 'BODY' else 'GET', '/oauth1/api/me')
    expect(response.status_code == 200 and response.json()['screen_name'] == 'alice',
           f'me: {response.status_code} {response.text}')


def _o1_flow(method, sig_type):
    def run():
        token, secret = o1_token(method, sig_type)
        o1_check_resources(method, sig_type, token, secret)
    run.__name__ = f'oauth1 {method} {sig_type.lower()}: flow, signed GET and POST'
    return run


for _method in ('HMAC-SHA1', 'RSA-SHA1', 'PLAINTEXT'):
    for _type in ('AUTH_HEADER', 'QUERY', 'BODY'):
        check(_o1_flow(_method, _type))


@check
def oauth1_raw_brackets_in_query():
    token, secret = o1_token('HMAC-SHA1', 'AUTH_HEADER')
    pairs = [('list[]', '[1]'), ('q', "it's $5")]
    url, headers, _ = o1_signer('HMAC-SHA1', 'AUTH_HEADER', token, secret).sign(
        BASE + '/oauth1/api/echo?' + rfc3986(pairs), 'GET')
    # http.client sends the target verbatim (urllib3 would escape the brackets).
    target = '/oauth1/api/echo?' + "list[]=[1]&q=it's%20$5"
    connection = http.client.HTTPConnection(urlsplit(BASE).netloc, timeout=10)
    connection.request('GET', target, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    expect(response.status == 200, f'{response.status} {body}')
    expect(json.loads(body)['params'] == [list(p) for p in pairs], body)


@check
def oauth1_request_token_method():
    response = o1_send(o1_signer('HMAC-SHA1', 'AUTH_HEADER', callback=CALLBACK), 'GET',
                       '/oauth1/request_token')
    expect(response.status_code == 405, f'GET at the POST endpoint: {response.status_code}')
    response = o1_send(o1_signer('HMAC-SHA1', 'QUERY', callback=CALLBACK), 'GET',
                       '/oauth1/request_token/get')
    expect(response.status_code == 200 and form_of(response)['oauth_callback_confirmed'] == 'true',
           f'GET at the GET endpoint: {response.status_code} {response.text}')


def rfc5849_hmac_params(http_method, url, params, client_secret, token_secret=''):
    """oauth_* parameters signed with HMAC-SHA1 exactly as RFC 5849 section 3.4 says (the vectors.md
    script). oauthlib 3.2.2 decodes oauth_* values from a query or body twice, so it cannot sign a
    callback that carries escapes there."""
    def enc(text):
        return quote(text.encode('utf-8'), safe='-._~')
    oauth = [('oauth_consumer_key', 'o1-client'), ('oauth_nonce', secrets.token_hex(16)),
             ('oauth_signature_method', 'HMAC-SHA1'), ('oauth_timestamp', str(int(time.time()))),
             ('oauth_version', '1.0')] + params
    query = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    normalized = '&'.join(f'{k}={v}' for k, v in sorted((enc(k), enc(v)) for k, v in query + oauth))
    base_uri = url.split('?', 1)[0]
    base_string = '&'.join([enc(http_method), enc(base_uri), enc(normalized)])
    key = enc(client_secret) + '&' + enc(token_secret)
    digest = hmac.new(key.encode(), base_string.encode(), hashlib.sha1).digest()
    return oauth + [('oauth_signature', base64.b64encode(digest).decode())]


@check
def oauth1_callback_with_escapes():
    # flask-oauthlib's callbacks carry an escaped `next`; Authlib decodes oauth_* twice (the peer
    # shields the callback from that, see oauth1_provider._shield_callback).
    callback = CALLBACK + '?next=http%3A%2F%2Fexample.test%2Fhome%3Fa%3D1%2520b'
    url = BASE + '/oauth1/request_token'
    signed = rfc5849_hmac_params('POST', url, [('oauth_callback', callback)], TRICKY_SECRET)
    attempts = {
        'header': lambda: o1_send(o1_signer('HMAC-SHA1', 'AUTH_HEADER', callback=callback), 'POST',
                                  '/oauth1/request_token'),
        'query': lambda: requests.post(url + '?' + rfc3986(rfc5849_hmac_params(
            'POST', url, [('oauth_callback', callback)], TRICKY_SECRET))),
        'body': lambda: requests.post(url, data=rfc3986(signed), headers={'Content-Type': FORM}),
    }
    for placement, attempt in attempts.items():
        response = attempt()
        expect(response.status_code == 200, f'{placement}: {response.status_code} {response.text}')
        location = requests.get(BASE + '/oauth1/authorize', params={
            'oauth_token': form_of(response)['oauth_token'], 'auto': 'approve'},
            allow_redirects=False).headers['Location']
        expect(location.startswith(callback + '&oauth_token='), f'{placement}: redirected to {location}')
    # The hand-rolled signer is held to the same standard: a wrong secret must fail.
    forged = rfc5849_hmac_params('POST', url, [('oauth_callback', callback)], 'tampered')
    response = requests.post(url, data=rfc3986(forged), headers={'Content-Type': FORM})
    expect(response.status_code == 401, f'forged: {response.status_code}')


@check
def oauth1_denial():
    temporary = form_of(o1_send(o1_signer('HMAC-SHA1', 'AUTH_HEADER', callback=CALLBACK), 'POST',
                                '/oauth1/request_token'))
    denied = location_params(requests.get(
        BASE + '/oauth1/authorize', params={'oauth_token': temporary['oauth_token'], 'auto': 'deny'},
        allow_redirects=False))
    expect(denied.get('error') == 'access_denied' and 'oauth_verifier' not in denied, str(denied))


@check
def oauth1_consent_page_and_header_hook():
    temporary = form_of(o1_send(o1_signer('HMAC-SHA1', 'AUTH_HEADER', callback=CALLBACK), 'POST',
                                '/oauth1/request_token'))
    url = BASE + '/oauth1/authorize?oauth_token=' + temporary['oauth_token']
    page = requests.get(url, allow_redirects=False)
    expect(page.status_code == 200 and '<form' in page.text, 'no consent page')
    granted = location_params(requests.post(url, data={'decision': 'approve', 'user': 'bob'},
                                            allow_redirects=False))
    expect('oauth_verifier' in granted, str(granted))
    temporary = form_of(o1_send(o1_signer('HMAC-SHA1', 'AUTH_HEADER', callback=CALLBACK), 'POST',
                                '/oauth1/request_token'))
    denied = location_params(requests.get(BASE + '/oauth1/authorize',
                                          params={'oauth_token': temporary['oauth_token']},
                                          headers={'X-Auto-Consent': 'deny'}, allow_redirects=False))
    expect(denied.get('error') == 'access_denied', str(denied))


@check
def oauth1_wrong_secrets_are_401():
    response = o1_send(o1_signer('HMAC-SHA1', 'AUTH_HEADER', callback=CALLBACK,
                                 client_secret='tampered'), 'POST', '/oauth1/request_token')
    expect(response.status_code == 401 and form_of(response).get('error') == 'invalid_signature',
           f'tampered client secret: {response.status_code} {response.text}')
    token, _ = o1_token('HMAC-SHA1', 'AUTH_HEADER')
    response = o1_send(o1_signer('HMAC-SHA1', 'AUTH_HEADER', token, 'tampered'), 'GET',
                       '/oauth1/api/me')
    expect(response.status_code == 401, f'tampered token secret: {response.status_code}')
    response = o1_send(o1_signer('PLAINTEXT', 'AUTH_HEADER', token, 'tampered'), 'GET',
                       '/oauth1/api/me')
    expect(response.status_code == 401, f'tampered PLAINTEXT: {response.status_code}')


@check
def oauth1_garbage_signatures_are_401_not_500():
    token, secret = o1_token('HMAC-SHA1', 'AUTH_HEADER')
    for method, garbage in (('HMAC-SHA1', 'altérer'), ('RSA-SHA1', 'not base64!'),
                            ('RSA-SHA1', 'altérer'), ('PLAINTEXT', 'altérer')):
        url, _, _ = o1_signer(method, 'QUERY', token, secret).sign(BASE + '/oauth1/api/me', 'GET')
        query = [(k, garbage if k == 'oauth_signature' else v)
                 for k, v in parse_qsl(urlsplit(url).query)]
        response = requests.get(BASE + '/oauth1/api/me?' + rfc3986(query))
        expect(response.status_code == 401, f'{method} {garbage!r}: {response.status_code}')
    # RSA-SHA1 from a client registered without a key.
    url, _, _ = OAuth1Signer('o1-client', resource_owner_key=token, signature_method='RSA-SHA1',
                             signature_type='QUERY', rsa_key=RSA_PRIVATE_KEY).sign(
        BASE + '/oauth1/api/me', 'GET')
    expect(requests.get(url).status_code == 401, 'RSA-SHA1 from a keyless client')
    response = requests.get(BASE + '/oauth1/api/me', headers={'Authorization': 'OAuth broken'})
    expect(response.status_code == 400, f'malformed header: {response.status_code}')


@check
def oauth1_replayed_nonce_is_401():
    token, secret = o1_token('HMAC-SHA1', 'AUTH_HEADER')
    url, headers, _ = o1_signer('HMAC-SHA1', 'AUTH_HEADER', token, secret).sign(
        BASE + '/oauth1/api/me', 'GET')
    expect(requests.get(url, headers=headers).status_code == 200, 'first use')
    response = requests.get(url, headers=headers)
    expect(response.status_code == 401 and response.json()['error'] == 'invalid_nonce',
           f'replay: {response.status_code} {response.text}')


@check
def oauth1_unsigned_resource_is_rejected():
    response = requests.get(BASE + '/oauth1/api/me')
    expect(response.status_code in (400, 401), f'{response.status_code}')


# ============================================================== OAuth 2.0

def pkce_pair(method='S256'):
    verifier = secrets.token_urlsafe(48)
    if method == 'plain':
        return verifier, verifier
    digest = hashlib.sha256(verifier.encode('ascii')).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b'=').decode('ascii')


def approve(url, decision='approve'):
    response = requests.get(url + '&auto=' + decision, allow_redirects=False)
    expect(response.status_code == 302, f'authorize: {response.status_code} {response.text}')
    return response.headers['Location']


def oauthlib_basic_token(scope='profile'):
    """requests-oauthlib, code + S256, client_secret_basic with RFC 6749 encoding."""
    verifier, challenge = pkce_pair()
    session = OAuthlibSession('o2-basic', redirect_uri=CALLBACK, scope=scope)
    url, state = session.authorization_url(BASE + '/oauth2/authorize', code_challenge=challenge,
                                           code_challenge_method='S256')
    callback = approve(url)
    expect(parse_qs(urlsplit(callback).query)['state'] == [state], 'state not echoed')
    token = session.fetch_token(BASE + '/oauth2/token', authorization_response=callback,
                                auth=rfc6749_basic('o2-basic', TRICKY_SECRET), code_verifier=verifier)
    return session, token


def bearer_get(path, token, **kwargs):
    return requests.get(BASE + path, headers={'Authorization': 'Bearer ' + token}, **kwargs)


@check
def oauth2_metadata():
    document = requests.get(BASE + '/.well-known/oauth-authorization-server').json()
    expect(document['issuer'] == BASE, document['issuer'])
    for name, path in (('authorization_endpoint', '/oauth2/authorize'),
                       ('token_endpoint', '/oauth2/token'), ('revocation_endpoint', '/oauth2/revoke')):
        expect(document[name] == BASE + path, f'{name}: {document.get(name)}')
    expect(set(document['code_challenge_methods_supported']) == {'S256', 'plain'}, 'PKCE methods')


@check
def oauth2_code_s256_basic_refresh_rotation():
    session, token = oauthlib_basic_token()
    expect(token['token_type'].lower() == 'bearer' and token.get('refresh_token'), str(token))
    me = bearer_get('/api/me', token['access_token'])
    expect(me.status_code == 200 and me.json()['username'] == 'alice', me.text)
    refreshed = session.refresh_token(BASE + '/oauth2/token', refresh_token=token['refresh_token'],
                                      auth=rfc6749_basic('o2-basic', TRICKY_SECRET))
    expect(refreshed['refresh_token'] != token['refresh_token'], 'refresh token was not rotated')
    expect(bearer_get('/api/me', refreshed['access_token']).status_code == 200, 'new access token')
    expect(bearer_get('/api/me', token['access_token']).status_code == 401, 'old access token lives')
    stale = requests.post(BASE + '/oauth2/token', auth=rfc6749_basic('o2-basic', TRICKY_SECRET),
                          data={'grant_type': 'refresh_token', 'refresh_token': token['refresh_token']})
    expect(stale.status_code == 400 and stale.json()['error'] == 'invalid_grant',
           f'old refresh token: {stale.status_code} {stale.text}')


@check
def oauth2_basic_without_rfc6749_encoding_is_rejected():
    # The secret holds '+' and ' ': sent raw, it decodes to another secret (RFC 6749 section 2.3.1).
    response = requests.post(BASE + '/oauth2/token', auth=HTTPBasicAuth('o2-basic', TRICKY_SECRET),
                             data={'grant_type': 'client_credentials'})
    expect(response.status_code == 401 and response.json()['error'] == 'invalid_client',
           f'{response.status_code} {response.text}')


@check
def oauth2_raw_basic_at_the_authlib_basic_endpoint():
    raw = requests.post(BASE + '/oauth2/token/authlib-basic', auth=HTTPBasicAuth('o2-basic', TRICKY_SECRET),
                        data={'grant_type': 'client_credentials'})
    expect(raw.status_code == 200, f'raw Basic: {raw.status_code} {raw.text}')
    encoded = requests.post(BASE + '/oauth2/token/authlib-basic', auth=rfc6749_basic('o2-basic', TRICKY_SECRET),
                            data={'grant_type': 'client_credentials'})
    expect(encoded.status_code == 401, f'encoded Basic where raw is expected: {encoded.status_code}')


@check
def oauth2_code_plain_post():
    verifier, challenge = pkce_pair('plain')
    session = AuthlibSession('o2-post', TRICKY_SECRET, token_endpoint_auth_method='client_secret_post',
                             redirect_uri=CALLBACK, scope='profile email')
    url, _ = session.create_authorization_url(BASE + '/oauth2/authorize', code_challenge=challenge,
                                              code_challenge_method='plain')
    token = session.fetch_token(BASE + '/oauth2/token', authorization_response=approve(url),
                                code_verifier=verifier)
    expect(token['scope'] == 'profile email', f'scope {token.get("scope")}')
    expect(bearer_get('/api/me', token['access_token']).json()['client_id'] == 'o2-post', 'client')
    # The same client may not switch to Basic: one registered method per client.
    response = requests.post(BASE + '/oauth2/token', auth=rfc6749_basic('o2-post', TRICKY_SECRET),
                             data={'grant_type': 'client_credentials'})
    expect(response.status_code == 401, f'basic for a post client: {response.status_code}')


@check
def oauth2_public_client_s256():
    verifier, _ = pkce_pair()
    session = AuthlibSession('o2-public', token_endpoint_auth_method='none', redirect_uri=CALLBACK,
                             code_challenge_method='S256')
    url, _ = session.create_authorization_url(BASE + '/oauth2/authorize', code_verifier=verifier)
    token = session.fetch_token(BASE + '/oauth2/token', authorization_response=approve(url),
                                code_verifier=verifier)
    expect(bearer_get('/api/me', token['access_token']).status_code == 200, 'public token')
    refreshed = requests.post(BASE + '/oauth2/token', data={
        'grant_type': 'refresh_token', 'refresh_token': token['refresh_token'], 'client_id': 'o2-public'})
    expect(refreshed.status_code == 200, f'public refresh: {refreshed.status_code} {refreshed.text}')


def _public_code(challenge=None):
    query = {'response_type': 'code', 'client_id': 'o2-public', 'redirect_uri': CALLBACK, 'state': 's'}
    if challenge:
        query.update(code_challenge=challenge, code_challenge_method='S256')
    location = approve(BASE + '/oauth2/authorize?' + urlencode(query))
    return parse_qs(urlsplit(location).query)['code'][0]


@check
def oauth2_pkce_failures():
    verifier, challenge = pkce_pair()
    base = {'grant_type': 'authorization_code', 'client_id': 'o2-public', 'redirect_uri': CALLBACK}
    missing = requests.post(BASE + '/oauth2/token', data={**base, 'code': _public_code(challenge)})
    expect(missing.status_code == 400 and missing.json()['error'] == 'invalid_request',
           f'missing verifier: {missing.text}')
    wrong = requests.post(BASE + '/oauth2/token', data={
        **base, 'code': _public_code(challenge), 'code_verifier': pkce_pair()[0]})
    expect(wrong.status_code == 400 and wrong.json()['error'] == 'invalid_grant',
           f'wrong verifier: {wrong.text}')
    no_pkce = requests.post(BASE + '/oauth2/token', data={**base, 'code': _public_code()})
    expect(no_pkce.status_code == 400, f'public client without PKCE: {no_pkce.text}')
    good = requests.post(BASE + '/oauth2/token', data={
        **base, 'code': _public_code(challenge), 'code_verifier': verifier})
    expect(good.status_code == 200, f'right verifier: {good.text}')


@check
def oauth2_client_credentials_basic_and_post():
    basic = requests.post(BASE + '/oauth2/token', auth=rfc6749_basic('o2-basic', TRICKY_SECRET),
                          data={'grant_type': 'client_credentials', 'scope': 'profile'})
    expect(basic.status_code == 200 and 'refresh_token' not in basic.json(), basic.text)
    me = bearer_get('/api/me', basic.json()['access_token']).json()
    expect(me['client_id'] == 'o2-basic' and me['username'] is None, str(me))
    post = requests.post(BASE + '/oauth2/token', data={
        'grant_type': 'client_credentials', 'client_id': 'o2-post', 'client_secret': TRICKY_SECRET})
    expect(post.status_code == 200, post.text)
    bad = requests.post(BASE + '/oauth2/token', data={
        'grant_type': 'client_credentials', 'client_id': 'o2-post', 'client_secret': 'tampered'})
    expect(bad.status_code in (400, 401) and bad.json()['error'] == 'invalid_client', bad.text)


@check
def oauth2_denial_and_consent_hooks():
    query = urlencode({'response_type': 'code', 'client_id': 'o2-basic', 'redirect_uri': CALLBACK,
                       'state': 'st8'})
    denied = parse_qs(urlsplit(approve(BASE + '/oauth2/authorize?' + query, 'deny')).query)
    expect(denied['error'] == ['access_denied'] and denied['state'] == ['st8'], str(denied))
    page = requests.get(BASE + '/oauth2/authorize?' + query)
    expect(page.status_code == 200 and '<form' in page.text, 'consent page')
    response = requests.get(BASE + '/oauth2/authorize?' + query + '&user=bob',
                            headers={'X-Auto-Consent': 'approve'}, allow_redirects=False)
    code = location_params(response)['code']
    token = requests.post(BASE + '/oauth2/token', auth=rfc6749_basic('o2-basic', TRICKY_SECRET),
                          data={'grant_type': 'authorization_code', 'code': code,
                                'redirect_uri': CALLBACK}).json()
    expect(bearer_get('/api/me', token['access_token']).json()['username'] == 'bob', 'user=bob')
    bad_redirect = requests.get(BASE + '/oauth2/authorize?' + urlencode(
        {'response_type': 'code', 'client_id': 'o2-basic', 'redirect_uri': 'https://evil.example/cb',
         'auto': 'approve'}), allow_redirects=False)
    expect(bad_redirect.status_code == 400, f'foreign redirect_uri: {bad_redirect.status_code}')


@check
def oauth2_revocation():
    _, token = oauthlib_basic_token()
    auth = rfc6749_basic('o2-basic', TRICKY_SECRET)
    response = requests.post(BASE + '/oauth2/revoke', auth=auth,
                             data={'token': token['access_token'], 'token_type_hint': 'access_token'})
    expect(response.status_code == 200, f'revoke: {response.status_code} {response.text}')
    gone = bearer_get('/api/me', token['access_token'])
    expect(gone.status_code == 401 and 'error="invalid_token"' in gone.headers['WWW-Authenticate'],
           f'revoked access token: {gone.status_code} {gone.headers}')
    requests.post(BASE + '/oauth2/revoke', auth=auth, data={'token': token['refresh_token']})
    refresh = requests.post(BASE + '/oauth2/token', auth=auth,
                            data={'grant_type': 'refresh_token', 'refresh_token': token['refresh_token']})
    expect(refresh.status_code == 400, f'revoked refresh token: {refresh.status_code}')
    unknown = requests.post(BASE + '/oauth2/revoke', auth=auth, data={'token': 'no-such-token'})
    expect(unknown.status_code == 200, 'RFC 7009: unknown tokens are not an error')


@check
def oauth2_bearer_challenges_and_scope():
    missing = requests.get(BASE + '/api/me')
    expect(missing.status_code == 401 and missing.headers['WWW-Authenticate'] ==
           'Bearer realm="oauthgen-interop"', f'no token: {missing.headers}')
    _, token = oauthlib_basic_token('profile')
    forbidden = bearer_get('/api/admin', token['access_token'])
    expect(forbidden.status_code == 403 and 'error="insufficient_scope"' in
           forbidden.headers.get('WWW-Authenticate', ''), f'{forbidden.status_code} {forbidden.headers}')
    _, admin = oauthlib_basic_token('profile admin')
    expect(bearer_get('/api/admin', admin['access_token']).status_code == 200, 'admin scope')
    expect(bearer_get('/api/me', 'garbage☃'.encode().decode('latin-1')).status_code == 401, 'garbage')


@check
def oauth2_token_placements_and_formats():
    _, token = oauthlib_basic_token()
    access = token['access_token']
    by_query = requests.get(BASE + '/api/echo', params={'access_token': access, 'x': '1'}).json()
    expect(by_query['token_placement'] == 'query' and by_query['params'] == [['x', '1']], str(by_query))
    by_body = requests.post(BASE + '/api/echo', data=[('access_token', access), ('a', '1'), ('a', '2')])
    expect(by_body.json()['token_placement'] == 'body' and
           by_body.json()['params'] == [['a', '1'], ['a', '2']], by_body.text)
    as_json = requests.post(BASE + '/api/echo', json={'text': '☃ 日本'},
                            headers={'Authorization': 'Bearer ' + access}).json()
    expect(as_json['json'] == {'text': '☃ 日本'} and as_json['token_placement'] == 'header', str(as_json))
    xml = bearer_get('/api/me.xml', access)
    expect(xml.headers['Content-Type'].startswith('application/xml') and
           '<username>alice</username>' in xml.text, xml.text)
    form = bearer_get('/api/me.form', access)
    expect(form.headers['Content-Type'].startswith(FORM) and form_of(form)['username'] == 'alice',
           form.text)
    teapot = bearer_get('/api/status/418', access)
    expect(teapot.status_code == 418 and teapot.json() == {'status': 418}, teapot.text)


@check
def oauth2_expire_hook_then_refresh():
    session, token = oauthlib_basic_token()
    expired = requests.post(BASE + '/_test/expire', data={'token': token['access_token']})
    expect(expired.status_code == 200, expired.text)
    expect(bearer_get('/api/me', token['access_token']).status_code == 401, 'expired token accepted')
    fresh = session.refresh_token(BASE + '/oauth2/token', refresh_token=token['refresh_token'],
                                  auth=rfc6749_basic('o2-basic', TRICKY_SECRET))
    expect(bearer_get('/api/me', fresh['access_token']).status_code == 200, 'refreshed token')


# ============================================================== quirks

def _quirk_code(path, client_id):
    query = urlencode({'response_type': 'code', 'client_id': client_id, 'redirect_uri': CALLBACK,
                       'scope': 'user repo', 'state': 'q'})
    return parse_qs(urlsplit(approve(BASE + path + '?' + query)).query)['code'][0]


@check
def github_style_token_endpoint():
    code = _quirk_code('/github/login/oauth/authorize', 'github-client')
    request = {'client_id': 'github-client', 'client_secret': 'github-secret', 'code': code,
               'redirect_uri': CALLBACK}  # GitHub's clients send no grant_type
    response = requests.post(BASE + '/github/login/oauth/access_token', data=request)
    expect(response.status_code == 200 and response.headers['Content-Type'].startswith(FORM),
           f'{response.status_code} {response.headers["Content-Type"]}')
    token = form_of(response)
    expect(token['token_type'] == 'bearer' and token['scope'] == 'user,repo' and
           'expires_in' not in token, str(token))
    for word in ('token', 'Bearer'):
        user = requests.get(BASE + '/github/user', headers={'Authorization': f'{word} {token["access_token"]}'})
        expect(user.status_code == 200 and user.json()['login'] == 'alice', f'{word}: {user.text}')
    reused = requests.post(BASE + '/github/login/oauth/access_token', data=request)
    expect(reused.status_code == 200 and form_of(reused)['error'] == 'bad_verification_code',
           f'reused code: {reused.status_code} {reused.text}')
    as_json = requests.post(BASE + '/github/login/oauth/access_token', data=request,
                            headers={'Accept': 'application/json'})
    expect(as_json.status_code == 200 and as_json.headers['Content-Type'].startswith('application/json')
           and as_json.json()['error'] == 'bad_verification_code', as_json.text)
    code = _quirk_code('/github/login/oauth/authorize', 'github-client')
    ok_json = requests.post(BASE + '/github/login/oauth/access_token', data={**request, 'code': code},
                            headers={'Accept': 'application/json'})
    expect(ok_json.json().get('token_type') == 'bearer', ok_json.text)


@check
def weibo_style_token_endpoint_and_oauth2_word():
    code = _quirk_code('/weibo/oauth2/authorize', 'weibo-client')
    response = requests.post(BASE + '/weibo/oauth2/access_token', data={
        'grant_type': 'authorization_code', 'client_id': 'weibo-client',
        'client_secret': 'weibo-secret', 'code': code, 'redirect_uri': CALLBACK})
    expect(response.status_code == 200 and response.headers['Content-Type'].startswith('text/plain'),
           f'{response.status_code} {response.headers["Content-Type"]}')
    token = json.loads(response.text)
    expect(token['uid'] == '1' and 'token_type' not in token and token['remind_in'], str(token))
    access = token['access_token']
    shown = requests.get(BASE + '/weibo/2/users/show.json', params={'uid': '1'},
                         headers={'Authorization': 'OAuth2 ' + access})
    expect(shown.status_code == 200 and shown.json()['screen_name'] == 'alice', shown.text)
    refused = requests.get(BASE + '/weibo/2/users/show.json', headers={'Authorization': 'Bearer ' + access})
    expect(refused.status_code == 401 and refused.headers['WWW-Authenticate'].startswith('OAuth2 '),
           f'Bearer word: {refused.status_code}')
    posted = requests.post(BASE + '/weibo/2/statuses/update.json', data={'status': '☃ 日本'},
                           headers={'Authorization': 'OAuth2 ' + access})
    expect(posted.status_code == 200 and posted.json()['text'] == '☃ 日本', posted.text)
    failed = requests.post(BASE + '/weibo/oauth2/access_token', data={
        'grant_type': 'authorization_code', 'client_id': 'weibo-client',
        'client_secret': 'weibo-secret', 'code': code, 'redirect_uri': CALLBACK})
    expect(failed.status_code == 400 and failed.headers['Content-Type'].startswith('text/plain') and
           json.loads(failed.text)['error_code'] == 21325, failed.text)


# ============================================================== device grant (RFC 8628), JWT client auth (RFC 7523)

DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
JWT_SECRET = 'client-secret-jwt-test-secret-of-48-characters!!'


def _device_start():
    response = requests.post(BASE + '/oauth2/device', data={'client_id': 'o2-device', 'scope': 'profile'})
    expect(response.status_code == 200, f'device authorization: {response.status_code} {response.text}')
    return response.json()


def _device_poll(started):
    return requests.post(BASE + '/oauth2/token', data={'grant_type': DEVICE_GRANT, 'device_code': started['device_code'],
                                                       'client_id': 'o2-device'})


def _device_error(started):
    response = _device_poll(started)
    expect(response.status_code == 400, f'poll: {response.status_code} {response.text}')
    return response.json().get('error')


@check
def rfc8628_device_grant_pending_slow_down_and_approval():
    started = _device_start()
    expect(started['interval'] == 1 and started['verification_uri'] == BASE + '/device', f'device answer: {started}')
    expect(_device_error(started) == 'authorization_pending', 'first poll is pending')
    # At once again: sooner than the interval, so RFC 8628 section 3.5's slow_down.
    expect(_device_error(started) == 'slow_down', 'a poll without waiting is told to slow down')
    polls = requests.get(BASE + '/_test/device/polls', params={'user_code': started['user_code']}).json()
    expect(polls['interval'] == 6 and polls['slow_downs'] == 1, f'polls: {polls}')
    approved = requests.post(BASE + '/device', data={'user_code': started['user_code'], 'decision': 'approve', 'user': 'bob'})
    expect(approved.status_code == 200, f'verification page: {approved.status_code}')
    token = _device_poll(started)
    expect(token.status_code == 200 and 'access_token' in token.json(), f'token: {token.status_code} {token.text}')
    me = bearer_get('/api/me', token.json()['access_token']).json()
    expect(me['username'] == 'bob' and me['client_id'] == 'o2-device', f'me: {me}')


@check
def rfc8628_device_grant_denied_and_expired():
    denied = _device_start()
    requests.post(BASE + '/device', data={'user_code': denied['user_code'], 'decision': 'deny'})
    expect(_device_error(denied) == 'access_denied', 'a denied code')
    expired = _device_start()
    requests.post(BASE + '/_test/device/expire', data={'user_code': expired['user_code']})
    expect(_device_error(expired) == 'expired_token', 'an expired code')


@check
def rfc7523_jwt_client_authentication_from_authlibs_client():
    from authlib.oauth2.rfc7523 import ClientSecretJWT, PrivateKeyJWT
    token_url = BASE + '/oauth2/token'
    with open(os.path.join(HERE, 'keys', 'jwt-rsa-private.pem'), encoding='ascii') as f:
        rsa_key = f.read()
    with open(os.path.join(HERE, 'keys', 'jwt-ec-private.pem'), encoding='ascii') as f:
        ec_key = f.read()
    for client_id, key, method in [('o2-jwt-rsa', rsa_key, PrivateKeyJWT(token_url)),
                                   ('o2-jwt-rsa', rsa_key, PrivateKeyJWT(token_url, alg='PS256')),
                                   ('o2-jwt-ec', ec_key, PrivateKeyJWT(token_url, alg='ES256')),
                                   ('o2-jwt-secret', JWT_SECRET, ClientSecretJWT(token_url))]:
        session = AuthlibSession(client_id, key, token_endpoint_auth_method=method)
        token = session.fetch_token(token_url, grant_type='client_credentials')
        me = bearer_get('/api/me', token['access_token']).json()
        expect(me['client_id'] == client_id, f'{client_id} {method.alg}: {me}')
    # The same assertion twice: the second is a replay (jti seen), and another audience is refused.
    from authlib.oauth2.rfc7523 import private_key_jwt_sign
    assertion = private_key_jwt_sign(rsa_key, 'o2-jwt-rsa', token_url)
    form = {'grant_type': 'client_credentials', 'client_assertion': assertion,
            'client_assertion_type': 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'}
    expect(requests.post(token_url, data=form).status_code == 200, 'first use of an assertion')
    replay = requests.post(token_url, data=form)
    expect(replay.status_code == 400 and replay.json()['error'] == 'invalid_client', f'replay: {replay.text}')
    form['client_assertion'] = private_key_jwt_sign(rsa_key, 'o2-jwt-rsa', BASE)
    elsewhere = requests.post(token_url, data=form)
    expect(elsewhere.status_code == 400 and elsewhere.json()['error'] == 'invalid_client', f'audience: {elsewhere.text}')


@check
def oidc_code_flow_id_token_userinfo_and_logout():
    """Authlib's own client and CodeIDToken validate what the peer's OpenID Connect issuer signs."""
    from authlib.jose import JsonWebKey, jwt
    from authlib.oidc.core import CodeIDToken
    issuer = BASE + '/oidc'
    document = requests.get(issuer + '/.well-known/openid-configuration').json()
    expect(document['issuer'] == issuer, document['issuer'])
    nonce = secrets.token_urlsafe(16)
    session = AuthlibSession('oidc-client', 'oidc-secret', scope='openid profile email', redirect_uri=CALLBACK,
                             token_endpoint_auth_method='client_secret_post')
    url, _ = session.create_authorization_url(document['authorization_endpoint'], nonce=nonce)
    token = session.fetch_token(document['token_endpoint'], authorization_response=approve(url))
    keys = JsonWebKey.import_key_set(requests.get(document['jwks_uri']).json())
    claims = jwt.decode(token['id_token'], keys, claims_cls=CodeIDToken,
                        claims_options={'iss': {'value': issuer}},
                        claims_params={'nonce': nonce, 'client_id': 'oidc-client', 'access_token': token['access_token']})
    claims.validate()
    expect(claims['sub'] == '1' and claims['email'] == 'alice@example.test', dict(claims))
    info = bearer_get('/oidc/userinfo', token['access_token']).json()
    expect(info['sub'] == claims['sub'], info)
    out = requests.get(document['end_session_endpoint'], allow_redirects=False,
                       params={'id_token_hint': token['id_token'], 'post_logout_redirect_uri': CALLBACK, 'state': 'x'})
    expect(out.status_code == 302 and out.headers['Location'] == CALLBACK + '?state=x', f'logout: {out.status_code}')


@check
def health():
    expect(requests.get(BASE + '/health').json() == {'status': 'ok'}, 'health')


# ============================================================== runner

def start_peer():
    process = subprocess.Popen([sys.executable, os.path.join(HERE, 'provider.py'), '--port', '0',
                                '--quiet'], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith('READY '):
        process.kill()
        raise SystemExit(f'provider.py did not start: {line!r}')
    return process, line.split(' ', 1)[1]


def main():
    global BASE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--base-url', help='a running peer; default: start provider.py')
    args = parser.parse_args()
    process = None
    if args.base_url:
        BASE = args.base_url.rstrip('/')
    else:
        process, BASE = start_peer()
    failures = 0
    try:
        for function in CHECKS:
            name = function.__name__.replace('_', ' ')
            try:
                function()
                print(f'PASS {name}', flush=True)
            except Exception as error:  # any failure, including an unexpected exception, counts
                failures += 1
                detail = error if isinstance(error, AssertionError) else traceback.format_exc()
                print(f'FAIL {name}: {detail}', flush=True)
    finally:
        if process:
            process.terminate()
            process.wait(timeout=10)
    print(f'{len(CHECKS) - failures} passed, {failures} failed', flush=True)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
