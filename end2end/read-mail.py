#!/usr/bin/env python3
"""Prints the newest link containing PART in a mail to TO in the outbox folder DIR.

usage: read-mail.py DIR TO PART   (prints nothing when there is no such mail yet)
"""
import email
import email.policy
import pathlib
import re
import sys

folder, to, part = pathlib.Path(sys.argv[1]), sys.argv[2].lower(), sys.argv[3]
found = ""
# Outbox files are named by queue id, zero-padded: name order is queue order.
for path in sorted(folder.glob("*.eml")) if folder.is_dir() else []:
    with path.open("rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    if to not in str(message["To"]).lower():
        continue
    text = message.get_body(preferencelist=("plain",)).get_content()
    for link in re.findall(r"https?://\S+", text):
        if part in link:
            found = link
            break
print(found)
