#!/usr/bin/env python3
"""HTTP-level tests of `kansli portal`: each security point of issue 14 and the signing workflow.

Usage: http_test.py KANSLI_EXE KANSLI_HOME WORK_DIR
Starts `kansli portal-demo` on a free loopback port over a fresh data folder (demo accounts and
keys), drives it with urllib (no browser), and stops it. Exit 0 when every check held.
"""
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

EXE, HOME, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
DATA = os.path.join(WORK, "data")
PASSWORD = "kansli-demo"
EXAMPLE = os.path.join(HOME, "templates/examples/protokoll-2023-02-24.xml")
FAILURES = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        FAILURES.append(what)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One browser: its own cookies; never follows redirects (the tests look at them)."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.csrf = None

    def request(self, method, path, data=None, headers=None):
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, fields):
        return self.request("POST", path, urllib.parse.urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def post_multipart(self, path, fields, files):
        boundary = "----kansli" + secrets.token_hex(8)
        body = b""
        for k, v in fields.items():
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").encode()
        for k, name, content in files:
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def login(self, name, password=PASSWORD):
        status, _, body = self.get("/login")
        token = re.search(rb'name="csrf" value="([0-9a-f]+)"', body).group(1).decode()
        status, headers, body = self.post_form("/login", {"csrf": token, "name": name, "password": password})
        if status == 303:
            _, _, page = self.get(headers_location(self.get("/")))
            m = re.search(rb'name="csrf" value="([0-9a-f]+)"', page)
            self.csrf = m.group(1).decode() if m else None
        return status, headers, body


def headers_location(resp):
    return resp[1].get("Location", "/")


def start_server(extra=()):
    ready = os.path.join(WORK, "ready-%s.url" % secrets.token_hex(4))
    env = dict(os.environ, KANSLI_PORTAL_DEMO_READY_FILE=ready, KANSLI_HOME=HOME)
    log = open(os.path.join(WORK, "server.log"), "ab")
    proc = subprocess.Popen([EXE, "portal-demo", "--data", DATA, "--listen", "127.0.0.1:0", *extra],
                            stdout=log, stderr=log, env=env)
    for _ in range(300):
        if os.path.exists(ready):
            return proc, open(ready).read().strip().rstrip("/")
        if proc.poll() is not None:
            sys.exit("the portal did not start (see %s/server.log)" % WORK)
        time.sleep(0.1)
    proc.kill()
    sys.exit("the portal did not become ready")


def test_headers(base):
    c = Client(base)
    for path in ["/login", "/healthz", "/finns-inte", "/static/app.js"]:
        status, h, _ = c.get(path)
        csp = h.get("Content-Security-Policy", "")
        check("default-src 'self'" in csp and "script-src 'self'" in csp and "object-src 'none'" in csp
              and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp, f"CSP on {path} ({status})")
        check(h.get("X-Content-Type-Options") == "nosniff", f"X-Content-Type-Options nosniff on {path}")
        check(h.get("X-Frame-Options") == "DENY", f"X-Frame-Options DENY on {path}")
        check(h.get("Referrer-Policy") == "no-referrer", f"Referrer-Policy on {path}")
        check("no-store" in h.get("Cache-Control", ""), f"Cache-Control no-store on {path}")
    _, _, body = c.get("/login")
    check(b"<script>" not in body and b" style=" not in body and b"onclick" not in body.lower(),
          "no inline script or style in the login page")
    status, _, body = c.get("/healthz")
    check(status == 200 and body.strip() == b"ok", "GET /healthz answers ok")


def test_no_session(base):
    c = Client(base)
    for path in ["/sekreterare", "/signera", "/registrator", "/arkiv", "/dokument/" + "0" * 32]:
        status, h, _ = c.get(path)
        check(status == 303 and h.get("Location") == "/login", f"GET {path} without a session → 303 /login")
    status, _, _ = c.request("POST", "/api/dokument/" + "0" * 32 + "/prepare", b"", {"X-CSRF-Token": "x"})
    check(status == 401, "POST /api/…/prepare without a session → 401")
    status, _, _ = c.post_form("/sekreterare/ladda-upp", {"csrf": "x"})
    check(status == 401, "POST upload without a session → 401")
    status, h, _ = c.post_form("/login", {"name": "sekreterare", "password": PASSWORD})
    check(status == 403 and "kansli_session" not in h.get("Set-Cookie", ""), "POST /login without CSRF → 403")


def test_csrf(base):
    c = Client(base)
    status, h, _ = c.login("sekreterare")
    check(status == 303, "the secretary logs in (303)")
    cookie = [x for x in c.jar if x.name == "kansli_session"]
    check(len(cookie) == 1 and len(cookie[0].value) == 64, "session cookie of 256 random bits (64 hex)")
    raw = h.get("Set-Cookie", "")
    check("HttpOnly" in raw and "SameSite=Strict" in raw, "session cookie HttpOnly, SameSite=Strict")
    doc = "/dokument/" + "0" * 32 + "/bygg"
    status, _, _ = c.post_form(doc, {})
    check(status == 403, "POST without a CSRF token → 403")
    status, _, _ = c.post_form(doc, {"csrf": "0" * 64})
    check(status == 403, "POST with a wrong CSRF token → 403")
    status, _, _ = c.post_form("/logout", {})
    check(status == 403, "logout without a CSRF token → 403")
    return c


def test_traversal(base, c):
    data_files = [b"SQLite format", b"root:x:", b"cmake_minimum_required", b"PRIVATE KEY"]
    for path in ["/dokument/../../etc/passwd", "/dokument/%2e%2e%2f%2e%2e%2fportal.sqlite",
                 "/static/../portal.sqlite", "/static/%2e%2e/%2e%2e/CMakeLists.txt", "/static/..%2f..%2fCMakeLists.txt",
                 "/dokument//etc/passwd/pdf", "/dokument/%2fetc%2fpasswd/pdf", "/registrator/rapport/..%2f..%2fportal.sqlite.json",
                 "/dokument/" + "0" * 32 + "/sida/..%2f..%2f..%2fportal.sqlite.png", "//etc/passwd", "/keys/1.key.pem",
                 "/files/", "/portal.sqlite"]:
        status, _, body = c.get(path)
        check(status in (400, 404) and not any(m in body for m in data_files), f"GET {path} → {status}, nothing read")


def test_oversize(base, limit):
    c = Client(base)
    big = b"%PDF-1.7\n" + b"0" * (limit + 1024)
    status, _, _ = c.post_multipart("/api/verify", {}, [("pdf", "big.pdf", big)])
    check(status == 413, f"POST /api/verify larger than the limit → 413 (got {status})")


def test_verify_api(base, pdf):
    c = Client(base)
    status, h, body = c.post_multipart("/api/verify", {}, [("pdf", "p.pdf", pdf)])
    check(status == 200 and h.get("Content-Type", "").startswith("application/json"), "POST /api/verify → 200 JSON")
    return json.loads(body) if status == 200 else None


def test_rate_limit(base, pdf):
    c = Client(base)
    codes = [c.post_multipart("/api/verify", {}, [("pdf", "p.pdf", b"%PDF-1.7 not really")])[0] for _ in range(30)]
    check(429 in codes, f"POST /api/verify beyond the rate → 429 ({codes.count(429)} of 30)")


def test_throttle(base):
    c = Client(base)
    codes = []
    for _ in range(6):
        codes.append(c.login("christian-ahren", "wrong-password")[0])
    check(codes[:3] == [401, 401, 401] and 429 in codes[3:], f"login throttling: {codes}")
    status, _, _ = c.login("christian-ahren")
    check(status == 429, "even the right password waits out the back-off (429)")


def doc_id_of(resp):
    m = re.match(r"/dokument/([0-9a-f]{32})$", resp[1].get("Location", ""))
    return m.group(1) if m else None


def sign_keystore(base, who, doc):
    c = Client(base)
    c.login(who)
    return c.post_form(f"/dokument/{doc}/signera", {"csrf": c.csrf, "passphrase": PASSWORD})


def sign_in_browser_like(base, who, doc):
    """What websign.js does, with openssl in place of WebCrypto: prepare, sign the DER signed attributes, complete."""
    c = Client(base)
    c.login(who)
    _, _, page = c.get(f"/dokument/{doc}")
    m = re.search(rb'<section id="websign" data-prepare-url="([^"]+)" data-complete-url="([^"]+)" data-csrf="([0-9a-f]+)"', page)
    check(m is not None, f"the document page offers in-browser signing to {who}")
    prep_url, comp_url, csrf = (x.decode() for x in m.groups())
    status, _, body = c.request("POST", prep_url, b"", {"X-CSRF-Token": csrf})
    check(status == 200, f"prepare → 200 ({status} {body[:200]!r})")
    prep = json.loads(body)
    import base64
    import hashlib
    attrs = base64.b64decode(prep["signed_attributes"])
    check(attrs[0] == 0x31 and hashlib.sha256(attrs).hexdigest() == prep["digest"],
          "signed_attributes is a DER SET whose SHA-256 is the digest")
    key = os.path.join(HOME, "keys/demo", who + ".key.pem")
    attrs_file, sig_file = os.path.join(WORK, "attrs.der"), os.path.join(WORK, "sig.bin")
    open(attrs_file, "wb").write(attrs)
    subprocess.run(["openssl", "dgst", "-sha256", "-sign", key, "-passin", "pass:" + PASSWORD, "-out", sig_file, attrs_file],
                   check=True)
    sig = base64.b64encode(open(sig_file, "rb").read()).decode()
    body = json.dumps({"prepared_id": prep["prepared_id"], "signature": sig}).encode()
    status, _, body = c.request("POST", comp_url, body, {"X-CSRF-Token": "0" * 64, "Content-Type": "application/json"})
    check(status == 403, "complete with a wrong CSRF header → 403")
    body = json.dumps({"prepared_id": prep["prepared_id"], "signature": sig}).encode()
    status, _, body = c.request("POST", comp_url, body, {"X-CSRF-Token": csrf, "Content-Type": "application/json"})
    check(status == 200 and json.loads(body).get("ok") is True, f"complete → 200 ok ({status} {body[:200]!r})")


def test_flow(base, sek):
    src = open(EXAMPLE, "rb").read()
    broken = src.replace(b"<organ>", b"<organx>", 1).replace(b"</organ>", b"</organx>", 1)
    status, _, body = sek.post_multipart("/sekreterare/ladda-upp", {"csrf": sek.csrf}, [("source", "protokoll.xml", broken)])
    check(status == 422 and re.search(rb'<ul class="errors"><li>protokoll\.xml:\d+:\d+: ', body) is not None,
          "an invalid source is refused with FILE:LINE:COL errors")
    resp = sek.post_multipart("/sekreterare/ladda-upp", {"csrf": sek.csrf}, [("source", "protokoll.xml", src)])
    doc = doc_id_of(resp)
    check(resp[0] == 303 and doc is not None, "the valid source is stored as a document (303 to its page)")
    status, _, _ = sek.post_form(f"/dokument/{doc}/bygg", {"csrf": sek.csrf})
    check(status == 303, "build → 303")
    _, _, page = sek.get(f"/dokument/{doc}")
    pages = re.findall(rb'<img class="preview" src="(/dokument/[0-9a-f]{32}/sida/\d+\.png)" alt="Sida \d+ av \d+">', page)
    check(len(pages) >= 2, f"the built document shows page previews ({len(pages)})")
    if pages:
        status, h, png = sek.get(pages[0].decode())
        check(status == 200 and png[:8] == b"\x89PNG\r\n\x1a\n", "a preview is a PNG")
    status, _, _ = sek.post_form(f"/dokument/{doc}/skicka", {"csrf": sek.csrf})
    check(status == 303, "send for signing → 303")
    status, _, body = sign_keystore(base, "bjorn-sandal", doc)
    check(status == 409 and "inte din tur".encode() in body, "out-of-order signing (justerare first) refused")
    c = Client(base)
    c.login("bjorn-sandal")
    _, _, body = c.get("/signera")
    check(b'class="waiting"' in body and "väntar på Christian Åhrén".encode() in body, "/signera shows who the document waits for")
    status, _, _ = sign_keystore(base, "christian-ahren", doc)
    check(status == 303, "the sekreterare signs with the keystore key")
    _, _, body = c.get("/signera")
    check(f'<li class="task" data-doc="{doc}">'.encode() in body, "now it is the justerare's turn")
    status, _, _ = c.post_form(f"/dokument/{doc}/avvisa", {"csrf": c.csrf, "kommentar": "§ 3 saknar beslut"})
    check(status == 303, "the justerare rejects with a comment")
    _, _, page = sek.get(f"/dokument/{doc}")
    check(b"avvisad" in page and "§ 3 saknar beslut".encode() in page, "the secretary sees the rejection and the comment")
    fixed = src.replace(b"</rubrik>", b" </rubrik>", 1)
    resp = sek.post_multipart(f"/dokument/{doc}/ny-version", {"csrf": sek.csrf}, [("source", "protokoll.xml", fixed)])
    check(resp[0] == 303 and doc_id_of(resp) == doc, "the secretary re-issues a new version")
    sek.post_form(f"/dokument/{doc}/bygg", {"csrf": sek.csrf})
    sek.post_form(f"/dokument/{doc}/skicka", {"csrf": sek.csrf})
    _, _, page = sek.get(f"/dokument/{doc}")
    check(b"Version 2" in page and b"makulerad" in page, "history keeps version 1 with its signature void (makulerad)")
    check(sign_keystore(base, "christian-ahren", doc)[0] == 303, "v2: sekreterare signs")
    check(sign_keystore(base, "bjorn-sandal", doc)[0] == 303, "v2: justerare signs")
    sign_in_browser_like(base, "katarina-nyberg-finn", doc)
    _, _, page = sek.get(f"/dokument/{doc}")
    check(b'id="state">justerad<' in page, "after the last signature the document is justerad")
    status, _, pdf = sek.get(f"/dokument/{doc}/pdf")
    check(status == 200 and pdf.startswith(b"%PDF-"), "the signed PDF downloads")
    return doc, pdf


def test_registrar(base, pdf):
    c = Client(base)
    c.login("registrator")
    status, _, page = c.post_multipart("/registrator/verifiera", {"csrf": c.csrf}, [("pdf", "justerat.pdf", pdf)])
    check(status == 200 and b'<table id="report">' in page and b'<p id="verdict" class="verdict-passed">' in page,
          "the registrar's report: table and verdict passed")
    check(page.count(b"<tr><td>") == 3, "three signatures in the report (version 1's signature is not in the final PDF)")
    m = re.search(rb'id="json" href="([^"]+)"', page)
    status, _, body = c.get(m.group(1).decode())
    check(status == 200 and json.loads(body)[0]["verdict"] == "passed", "the JSON report downloads")
    m = re.search(rb'id="verification-pdf" href="([^"]+)"', page)
    status, h, body = c.get(m.group(1).decode())
    check(status == 200 and body.startswith(b"%PDF-"), "the printable verification page is a PDF")
    path = os.path.join(WORK, "verifiering.pdf")
    open(path, "wb").write(body)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
        check("Katarina Nyberg Finn" in text and "GODKÄND" in text, "pdftotext reads signers and verdict on the page")


def test_archive(base, doc):
    c = Client(base)
    c.login("arkiv")
    _, _, page = c.get("/arkiv")
    check(f'action="/arkiv/overlamna/{doc}"'.encode() in page, "the archivist sees the justerat document")
    status, _, page = c.post_form(f"/arkiv/overlamna/{doc}", {"csrf": c.csrf})
    check(status == 200 and b"archived" in page, f"hand-over to the archive's ingest ({status})")
    _, _, page = c.get("/arkiv")
    check(b"Arkiverade</h2><ul class=\"documents\"><li>" in page, "the document is listed as arkiverad")
    status, _, page = c.get("/arkiv/sok?q=" + urllib.parse.quote("psykisk"))
    check(status == 200 and b'<ol class="hits"><li>' in page, "search in the archive finds §§")
    shown = page.split(b'<ol class="hits">', 1)[1].split(b"</ol>", 1)[0].count(b"<li>")
    check(f"<p class=\"message\">{shown} träffar.</p>".encode() in page,
          f"the page says how many §§ matched ({shown} shown, all of them)")


def test_passwords_and_audit(base_proc):
    pw = "pw-" + secrets.token_hex(12)
    r = subprocess.run([EXE, "portal", "user", "add", "--data", DATA, "testsignerare", "--role", "registrar"],
                       input=pw + "\n", capture_output=True, text=True)
    check(r.returncode == 0, "portal user add reads the password from stdin")
    blobs = b""
    for name in os.listdir(DATA):
        if name.startswith("portal.sqlite"):
            blobs += open(os.path.join(DATA, name), "rb").read()
    blobs += open(os.path.join(WORK, "server.log"), "rb").read()
    check(pw.encode() not in blobs, "the password is neither in the database (nor its WAL) nor in the log")
    check(b"$argon2id$" in blobs, "passwords are stored as Argon2id hashes")
    return pw


def test_audit_tamper():
    r = subprocess.run([EXE, "portal", "audit", "--data", DATA], capture_output=True, text=True)
    check(r.returncode == 0 and "ok" in r.stdout, f"audit chain ok ({r.stdout.strip()})")
    db = sqlite3.connect(os.path.join(DATA, "portal.sqlite"))
    try:
        db.execute("UPDATE audit SET who='mallory' WHERE seq=3")
        check(False, "the audit table refuses UPDATE")
    except sqlite3.DatabaseError:
        check(True, "the audit table refuses UPDATE (trigger)")
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit SET who='mallory' WHERE seq=3")
    db.commit()
    db.close()
    r = subprocess.run([EXE, "portal", "audit", "--data", DATA], capture_output=True, text=True)
    check(r.returncode == 1 and "entry 3" in r.stdout, f"a tampered row is found: {r.stdout.strip()}")


def test_listen_and_tls():
    r = subprocess.run([EXE, "portal", "--data", os.path.join(WORK, "tls"), "--listen", "0.0.0.0:0"],
                       capture_output=True, text=True, timeout=30)
    check(r.returncode == 2 and "without TLS" in r.stderr, "a non-loopback --listen without TLS is refused (exit 2)")
    key, crt = os.path.join(WORK, "tls.key"), os.path.join(WORK, "tls.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-days", "2",
                    "-subj", "/CN=localhost"], check=True, capture_output=True)
    proc = subprocess.Popen([EXE, "portal", "--data", os.path.join(WORK, "tls"), "--listen", "127.0.0.1:0",
                             "--tls-cert", crt, "--tls-key", key], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = proc.stdout.readline().split("listening on ")[-1].strip()
        check(url.startswith("https://"), f"with --tls-cert/--tls-key the portal serves HTTPS ({url})")
        import ssl
        ctx = ssl.create_default_context(cafile=crt)
        ctx.check_hostname = False
        with urllib.request.urlopen(url + "login", context=ctx, timeout=30) as r:
            check("Secure" in r.headers.get("Set-Cookie", ""), "cookies are Secure under TLS")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    limit = 3 << 20
    proc, base = start_server(["--max-upload", str(limit), "--verify-rate", "20"])
    try:
        test_headers(base)
        test_no_session(base)
        sek = test_csrf(base)
        test_traversal(base, sek)
        test_oversize(base, limit)
        doc, pdf = test_flow(base, sek)
        rep = test_verify_api(base, pdf)
        check(rep is not None and rep[0]["verdict"] == "passed" and len(rep[0]["signatures"]) == 3,
              "POST /api/verify: the final PDF passes with 3 signatures")
        outside = subprocess.run([EXE, "verify", "--json", "--trust", os.path.join(HOME, "keys/demo/root.cert.pem"),
                                  "--crl", os.path.join(HOME, "keys/demo/root.crl.pem"),
                                  "--crl", os.path.join(HOME, "keys/demo/issuing.crl.pem"), "-"],
                                 input=pdf, capture_output=True)
        test_registrar(base, pdf)
        test_archive(base, doc)
        test_rate_limit(base, pdf)
        test_passwords_and_audit(proc)
        test_throttle(base)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    check(proc.returncode == 0, "the portal stops cleanly on SIGTERM")
    test_audit_tamper()
    test_listen_and_tls()
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
