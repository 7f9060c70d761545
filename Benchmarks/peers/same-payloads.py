#!/usr/bin/env python3
"""Checks that two servers give the same bytes for the benchmark's requests (the wrk scripts'
bodies), so the comparison measures the same work. Chat ids and timestamps are random per request
and are masked. Usage: same-payloads.py WRK_DIR HOST:PORT HOST:PORT (127.0.0.1 only)."""
import re
import sys
import urllib.request

wrk_dir, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
for host in (a, b):
    if not host.startswith("127.0.0.1:"):
        sys.exit(f"refusing {host}: loopback only")


def body(script):
    return re.search(r"wrk\.body = '(.*)'", open(f"{wrk_dir}/{script}").read()).group(1).encode()


def fetch(host, path, data=None):
    req = urllib.request.Request(f"http://{host}{path}", data=data,
                                 headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, r.headers.get("Content-Type", "").split(";")[0], r.read()


def masked(raw):
    raw = re.sub(rb'"id":"chatcmpl-[0-9a-f]+"', b'"id":"chatcmpl-X"', raw)
    return re.sub(rb'"created":[0-9]+', b'"created":0', raw)


checks = [("healthz", "/healthz", None), ("embeddings", "/v1/embeddings", body("embeddings.lua")),
          ("embeddings-base64", "/v1/embeddings", body("embeddings-base64.lua")),
          ("sse", "/v1/chat/completions", body("chat-stream.lua"))]
same, failed = [], []
for name, path, data in checks:
    ra, rb = fetch(a, path, data), fetch(b, path, data)
    if masked(ra[2]) == masked(rb[2]) and ra[:2] == rb[:2]:
        extra = f" ({ra[2].count(b'data: ')} events)" if name == "sse" else f" ({len(ra[2])} bytes)"
        same.append(name + extra)
    else:
        failed.append(name)
        print(f"{name}: {a} {ra[:2]} {ra[2][:200]!r}\n{name}: {b} {rb[:2]} {rb[2][:200]!r}")
print("identical bytes: " + ", ".join(same) if same else "")
if failed:
    print("different: " + ", ".join(failed))
    sys.exit(1)
