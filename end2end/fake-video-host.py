"""A stand-in for third parties in browser tests, on one loopback port:

- `/matomo/matomo.js`: a small tracker that speaks Matomo's `_paq` commands (`requireConsent`,
  `setConsentGiven`, `forgetConsentGiven`, `setTrackerUrl`, `setSiteId`, `trackPageView`):
  while consent is required and not given it sends nothing and sets no cookie; with consent
  it sets `_pk_id.<site>.<hash>` and `_pk_ses.<site>.<hash>` on the page's site and sends each
  page view to `matomo.php`; `forgetConsentGiven` removes its cookies.
- `/matomo/matomo.php`: records a hit.
- any other `*.js`: a script that marks itself as loaded; with `?cookie=NAME` it sets a
  first-party cookie NAME on the page's site and sets it again every 200 ms (as a tracker that
  ignores a withdrawal does); with `&storage=KEY` it keeps KEY in local storage; it offers
  `tag.optOut()`, which stops it and tells this host.
- `/log`: what was recorded, as JSON (`hits` and `optouts`, each with the page's `url`,
  path and fragment, so that a test can tell its own visits by a fragment of its own).
- anything else: a small HTML page (the video player).

Usage: python3 fake-video-host.py PORT
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
LOG = {"hits": [], "optouts": []}

MATOMO = r"""
(function () {
  var queue = window._paq || [];
  var required = false, given = false, tracker = '', site = '';
  // Matomo names its cookies by a hash of the site's domain.
  var hash = 0;
  for (var i = 0; i < location.hostname.length; i++) hash = (hash * 31 + location.hostname.charCodeAt(i)) & 0xffff;
  hash = hash.toString(16);
  function names() { return ['_pk_id.' + site + '.' + hash, '_pk_ses.' + site + '.' + hash]; }
  function track() {
    if (required && !given) return;
    var n = names();
    document.cookie = n[0] + '=' + hash + '; path=/; max-age=34128000';
    document.cookie = n[1] + '=1; path=/; max-age=1800';
    fetch(tracker + '?idsite=' + site + '&url=' + encodeURIComponent(location.pathname + location.hash),
          { mode: 'no-cors', keepalive: true });
  }
  var pending = [];
  var commands = {
    requireConsent: function () { required = true; },
    setConsentGiven: function () {
      given = true;
      var waiting = pending; pending = [];
      waiting.forEach(function (f) { f(); });
    },
    forgetConsentGiven: function () {
      given = false;
      document.cookie.split(';').forEach(function (pair) {
        var name = pair.split('=')[0].trim();
        if (name.indexOf('_pk_') === 0) document.cookie = name + '=; path=/; max-age=0';
      });
    },
    setTrackerUrl: function (url) { tracker = url; },
    setSiteId: function (id) { site = id; },
    trackPageView: function () { if (required && !given) pending.push(track); else track(); },
    enableLinkTracking: function () {}
  };
  function run(entry) { var f = commands[entry[0]]; if (f) f.apply(null, entry.slice(1)); }
  window._paq = { push: function (entry) { run(entry); } };
  queue.forEach(run);
})();
"""

TAG = r"""
window.__thirdPartyLoaded = true;
(function (cookie, storage, host) {
  var stopped = false;
  function mark() {
    if (stopped) return;
    if (cookie) document.cookie = cookie + '=tracked; path=/; max-age=86400';
    if (storage) localStorage.setItem(storage, String(Date.now()));
  }
  mark();
  var timer = setInterval(mark, 200);
  window.tag = {
    optOut: function () {
      stopped = true;
      clearInterval(timer);
      fetch(host + '/optout?url=' + encodeURIComponent(location.pathname + location.hash),
            { mode: 'no-cors', keepalive: true });
    }
  };
})(%s, %s, %s);
"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path, _, query = self.path.partition("?")
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        host = "http://" + self.headers.get("Host", "")
        if path == "/matomo/matomo.js":
            body, kind = MATOMO.encode(), "text/javascript"
        elif path == "/matomo/matomo.php":
            with LOCK:
                LOG["hits"].append(params)
            body, kind = b"", "image/gif"
        elif path == "/optout":
            with LOCK:
                LOG["optouts"].append(params)
            body, kind = b"", "text/plain"
        elif path == "/log":
            with LOCK:
                body = json.dumps(LOG).encode()
            kind = "application/json"
        elif path.endswith(".js"):
            cookie = params.get("cookie", "")
            storage = params.get("storage", "").replace("%3A", ":")
            if not cookie.replace("_", "").isalnum():
                cookie = ""
            if not storage.replace(":", "").replace("_", "").isalnum():
                storage = ""
            body = (TAG % (json.dumps(cookie), json.dumps(storage), json.dumps(host))).encode()
            kind = "text/javascript"
        else:
            body, kind = b"<!DOCTYPE html><title>video</title><p>fake video</p>", "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser navigated away; nothing to answer

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
