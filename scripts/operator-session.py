#!/usr/bin/env python3
"""Adds an admin to a running test server and logs them in; prints the operator cookie.

usage: operator-session.py BASE SERVER_BIN DATA_DIR EMAIL [PAGES_DIR]

The admin is added with the server's command line, sets up through the mailed link (read from
DATA_DIR/outbox; the TOTP code computed here, as an authenticator app does) and logs in with
a recovery code. With PAGES_DIR, the set-up page and the recovery codes' page are saved there
as HTML (for the HTML checker).
"""
import base64
import hashlib
import hmac
import os
import pathlib
import re
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request

base, server_bin, data_dir, email = sys.argv[1:5]
pages = pathlib.Path(sys.argv[5]) if len(sys.argv) > 5 else None
password = "checker password 2026"
here = pathlib.Path(__file__).resolve().parent

env = dict(os.environ, PORTAL_DATA_DIR=data_dir)
env.pop("PORTAL_CONFIG", None)
subprocess.run([server_bin, "operator", "add", email, "--role", "admin", "--lang", "en"],
               env=env, check=True, stdout=subprocess.DEVNULL)

link = ""
for _ in range(150):
    link = subprocess.run([sys.executable, str(here.parent / "end2end" / "read-mail.py"),
                           str(pathlib.Path(data_dir) / "outbox"), email, "/admin/setup?token="],
                          capture_output=True, text=True, check=True).stdout.strip()
    if link:
        break
    time.sleep(0.1)
if not link:
    sys.exit("no set-up link was mailed")
parts = urllib.parse.urlsplit(link)
setup_path = f"{parts.path}?{parts.query}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def request(path, form=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(base + path, data=data, headers={"Origin": base})
    try:
        with opener.open(req) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def totp(secret_b32, at):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


status, _, setup = request(setup_path)
if status != 200:
    sys.exit(f"the set-up page answered {status}")
token = re.search(r'name="token" value="([^"]+)"', setup).group(1)
secret = re.search(r'name="secret" value="([^"]+)"', setup).group(1)
status, _, codes_page = request("/admin/setup", {
    "token": token, "secret": secret, "password": password, "confirm": password,
    "code": totp(secret, time.time()),
})
codes = re.findall(r"<li><code>([^<]+)</code></li>", codes_page)
if status != 200 or len(codes) != 10:
    sys.exit(f"the set-up answered {status} with {len(codes)} recovery codes")
if pages:
    (pages / "console-setup.html").write_text(setup)
    (pages / "console-recovery.html").write_text(codes_page)
status, headers, _ = request("/admin/login", {"email": email, "password": password, "code": codes[0]})
cookie = next((c.split(";")[0] for c in headers.get_all("Set-Cookie") or [] if "operator=" in c), "")
if status != 303 or not cookie:
    sys.exit(f"the login answered {status}")
print(cookie)
