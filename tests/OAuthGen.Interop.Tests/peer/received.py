"""Test hook: what reached the peer, so tests can count requests the client sent (retries, single-use grants).

Every request is recorded before Authlib sees it: path, method, `grant_type` and `client_id` of token
requests, and the OAuth 1.0a `oauth_nonce` wherever it travelled. `GET /_test/received?since=N` answers
`{"count": total, "requests": [records from index N on]}`.
"""
import json
import re
import threading

from flask import Blueprint, Response, request

import wire

blueprint = Blueprint('received', __name__)

_LOCK = threading.Lock()
_RECORDS = []
_HEADER_NONCE = re.compile(r'oauth_nonce="([^"]*)"')


def record():
    pairs = wire.decoded_pairs(wire.raw_target()[1])
    if wire.is_form_body():
        pairs += wire.decoded_pairs(wire.raw_body())
    fields = dict(pairs)
    nonce = fields.get('oauth_nonce')
    match = _HEADER_NONCE.search(request.headers.get('Authorization', ''))
    if match:
        nonce = wire.decoded_pairs('n=' + match.group(1))[0][1]
    with _LOCK:
        _RECORDS.append({
            'path': request.path,
            'method': request.method,
            'grant_type': fields.get('grant_type'),
            'client_id': fields.get('client_id'),
            'nonce': nonce,
        })


@blueprint.route('/_test/received')
def received():
    since = int(request.args.get('since', '0'))
    with _LOCK:
        body = {'count': len(_RECORDS), 'requests': _RECORDS[since:]}
    return Response(json.dumps(body), 200, content_type='application/json')
