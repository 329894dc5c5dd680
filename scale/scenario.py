#!/usr/bin/env python3
"""Drives three portal instances behind nginx (started by scale/run.sh) through the balancer:
consent given on one instance is honoured by the others, one login session is seen by every
instance, a logo uploaded through one is served by all, logout on one ends the session
everywhere, and killing one instance mid-run loses no request and no session. Prints a summary
and exits non-zero on any failure. Standard library only."""
import http.client, json, os, signal, sys, time, urllib.parse, uuid, collections

BASE = os.environ["SCALE_URL"]              # http://127.0.0.1:PORT (nginx)
PIDS = [int(p) for p in os.environ["SCALE_PIDS"].split(",")]
LOGO = os.environ["SCALE_LOGO"]
host, port = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port
per_instance = collections.Counter()
failures = []


class Browser:
    def __init__(self):
        self.jar = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(host, port, timeout=20)
        h = dict(headers or {})
        if self.jar:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        if method == "POST":
            h.setdefault("Origin", BASE)
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";")[0]
                k, _, v = pair.partition("=")
                if "Max-Age=0" in value or not v:
                    self.jar.pop(k, None)
                else:
                    self.jar[k] = v
        instance = r.getheader("X-Instance-Id", "?")
        per_instance[instance] += 1
        conn.close()
        return r.status, r.getheader("Location"), data, instance

    def form(self, path, fields):
        body = urllib.parse.urlencode(fields)
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def instances_seen(browser, path, want_status, rounds=9):
    seen = set()
    for _ in range(rounds):
        status, _, body, instance = browser.request("GET", path)
        check(status == want_status, f"GET {path} on {instance}: {status}, wanted {want_status}")
        seen.add(instance)
    return seen


b = Browser()
# 1. Consent through one instance, honoured by all.
status, _, _, first = b.form("/consent", {"choice": "accept_all", "return_to": "/en/"})
check(status == 303 and "consent" in b.jar, "consent stored")
dialogs = set()
for _ in range(9):
    _, _, body, instance = b.request("GET", "/en/about")
    open_dialog = b'&quot;open&quot;:true' in body
    if open_dialog:
        dialogs.add(instance)
check(not dialogs, f"consent honoured everywhere (dialog shown by {sorted(dialogs)})")

# 2. One session, every instance.
email = f"scale-{uuid.uuid4().hex[:8]}@acme.example"
status, location, _, _ = b.form("/en/register", {"company": "Scale AB", "email": email, "password": "correct horse battery staple"})
check(status == 303, f"registered ({status})")
status, location, _, _ = b.form("/en/login", {"email": email, "password": "correct horse battery staple"})
check(status == 303, f"logged in ({status})")
status, location, _, _ = b.request("GET", location or "/")
check(status == 303 and location == "/en/account", "the session cookie came back")
seen = instances_seen(b, "/en/account", 200)
check(len(seen) == 3, f"the session is seen by every instance: {sorted(seen)}")

# 3. A logo uploaded through one is served by all.
boundary = uuid.uuid4().hex
logo = open(LOGO, "rb").read()
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"l.png\"\r\n"
        f"Content-Type: image/png\r\n\r\n").encode() + logo + f"\r\n--{boundary}--\r\n".encode()
status, location, _, upload_instance = b.request("POST", "/en/account/logo", body,
                                                  {"Content-Type": f"multipart/form-data; boundary={boundary}"})
check(status == 303 and location == "/en/account?done=logo", f"logo uploaded ({status})")
_, _, page, _ = b.request("GET", "/en/account")
start = page.find(b"/logos/")
logo_url = page[start:page.find(b'"', start)].decode() if start >= 0 else "/logos/missing.png"
seen = instances_seen(Browser(), logo_url, 200)
check(len(seen) == 3, f"the logo is served by every instance: {sorted(seen)}")

# 4. Kill one instance mid-run: nothing fails, the session stays.
victim = PIDS[1]
served_after = collections.Counter()
for i in range(60):
    if i == 20:
        os.kill(victim, signal.SIGKILL)
    status, _, _, instance = b.request("GET", "/en/account")
    check(status == 200, f"request {i} after the kill: {status}")
    if i > 20:
        served_after[instance] += 1
check(len(served_after) == 2, f"the two survivors share the load: {dict(served_after)}")

# 5. Logout on one ends the session everywhere.
kept = dict(b.jar)
status, location, _, _ = b.form("/en/logout", {})
check(status == 303, "logged out")
thief = Browser()
thief.jar = kept
instances_seen(thief, "/en/account", 303, rounds=6)

print("requests per instance:", dict(sorted(per_instance.items())))
print("failures:", len(failures))
sys.exit(1 if failures else 0)
