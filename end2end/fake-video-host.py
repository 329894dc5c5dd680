"""A stand-in for third parties in browser tests: `*.js` gets a script that marks itself as
loaded (and with `?cookie=NAME` sets a first-party cookie NAME on the page's site, as a
tracker does), anything else a small HTML page (the video player).

Usage: python3 fake-video-host.py PORT
"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path.endswith(".js"):
            body, kind = b"window.__thirdPartyLoaded = true;", "text/javascript"
            cookie = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("cookie", "")
            if cookie.replace("_", "").isalnum():
                body += b"document.cookie = '" + cookie.encode() + b"=tracked; path=/; max-age=86400';"
        else:
            body, kind = b"<!DOCTYPE html><title>video</title><p>fake video</p>", "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser navigated away; nothing to answer

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
