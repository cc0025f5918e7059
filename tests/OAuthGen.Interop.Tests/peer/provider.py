#!/usr/bin/python3
"""OAuthGen's live interop peer: an OAuth 1.0a and OAuth 2.0 provider on Debian's Authlib 1.2.0.

    /usr/bin/python3 provider.py --port 0

binds 127.0.0.1 (port 0 = any free port), prints `READY http://127.0.0.1:PORT` on stdout once it
accepts connections, and exits cleanly on SIGTERM or SIGINT. Endpoints, test clients and the
automation hooks are listed in README.md. Everything is kept in memory.
"""
import argparse
import os
import signal
import sys
import threading

# Plain http on loopback: Authlib refuses non-https URIs unless told otherwise.
os.environ['AUTHLIB_INSECURE_TRANSPORT'] = '1'

from flask import Flask, Response, request  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

import oauth1_provider  # noqa: E402
import device_provider  # noqa: E402
import oauth2_provider  # noqa: E402
import oidc_provider  # noqa: E402
import par_dpop  # noqa: E402
import quirks  # noqa: E402
import received  # noqa: E402


def create_app(issuer):
    app = Flask('oauthgen-interop-peer')
    app.config['ISSUER'] = issuer

    @app.before_request
    def keep_raw_body():
        # Cache the body before anything parses it: signatures are checked over the raw octets.
        request.get_data(cache=True)
        if not request.path.startswith('/_test/'):
            received.record()

    @app.route('/health')
    def health():
        return Response('{"status": "ok"}', 200, content_type='application/json')

    app.register_blueprint(oauth1_provider.blueprint)
    oauth2_provider.init_app(app)
    device_provider.init_app(app)
    oidc_provider.init_app(app)
    par_dpop.init_app(app)
    app.register_blueprint(quirks.blueprint)
    app.register_blueprint(received.blueprint)
    return app


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=0, help='TCP port on 127.0.0.1; 0 picks a free one')
    parser.add_argument('--quiet', action='store_true', help='no per-request log lines on stderr')
    args = parser.parse_args(argv)

    if args.quiet:
        import logging
        logging.getLogger('werkzeug').setLevel(logging.ERROR)

    # Bind first (to learn the port), then give the app its issuer URL.
    server = make_server('127.0.0.1', args.port, None, threaded=True)
    base_url = f'http://127.0.0.1:{server.server_port}'
    server.app = create_app(base_url)

    def stop(signum, frame):
        # shutdown() waits for serve_forever to return, so it must not run on the serving thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    print(f'READY {base_url}', flush=True)
    server.serve_forever()
    server.server_close()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
