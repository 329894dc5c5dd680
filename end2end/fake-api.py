#!/usr/bin/env python3
"""A stand-in for the agency's APIs on loopback, for the browser tests.

GET /search, GET /ad/<id> and POST /enrichtextdocuments answer JSON and allow calls from any
origin (as the real APIs do). GET / and GET /health answer 200 while the API is up and 503 while it is
down. The tests steer it and read what it received:

  POST /_control/down, POST /_control/up   take the API down or bring it back
  GET  /_control/log                       every request received (method, path, query, the
                                           api-key and cookie headers), oldest first
  POST /_control/clear                     forget them
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

state = {"up": True, "log": []}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def cors(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "api-key, content-type, accept-language")
        self.send_header("Access-Control-Allow-Methods", "GET, POST")
        self.send_header("Access-Control-Expose-Headers", "x-stand-in")

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.cors()
        self.send_header("Content-Type", "application/json")
        self.send_header("x-stand-in", "yes")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def record(self):
        url = urlsplit(self.path)
        with lock:
            state["log"].append(
                {
                    "method": self.command,
                    "path": url.path,
                    "query": parse_qs(url.query),
                    "api_key": self.headers.get("api-key"),
                    "cookie": self.headers.get("cookie"),
                }
            )

    def control(self):
        url = urlsplit(self.path)
        if url.path == "/_control/log":
            with lock:
                return self.answer(200, state["log"])
        with lock:
            if url.path == "/_control/down":
                state["up"] = False
            elif url.path == "/_control/up":
                state["up"] = True
            elif url.path == "/_control/clear":
                state["log"] = []
        return self.answer(200, {"up": state["up"]})

    def do_OPTIONS(self):
        self.send_response(204)
        self.cors()
        self.end_headers()

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path.startswith("/_control/"):
            return self.control()
        self.record()
        if url.path in ("/", "/health"):
            if state["up"]:
                return self.answer(200, {"status": "ok"})
            return self.answer(503, {"status": "down"})
        if not state["up"]:
            return self.answer(503, {"message": "down"})
        query = parse_qs(url.query)
        if url.path == "/search":
            q = query.get("q", [""])[0]
            hits = [{"id": "24681357", "headline": f"Stand-in ad for {q}"}] if q else []
            return self.answer(200, {"total": {"value": len(hits)}, "hits": hits})
        if url.path.startswith("/ad/"):
            ad = url.path[len("/ad/"):]
            if ad == "24681357":
                return self.answer(200, {"id": ad, "headline": "Stand-in ad"})
            return self.answer(404, {"message": f"no ad {ad}"})
        return self.answer(404, {"message": "no such operation"})

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path.startswith("/_control/"):
            return self.control()
        self.record()
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            parsed = json.loads(body or b"null")
        except ValueError:
            return self.answer(400, {"message": "the body is not JSON"})
        return self.answer(200, {"received": parsed})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
