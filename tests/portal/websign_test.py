#!/usr/bin/python3
"""websign.js in headless Chromium against openssl: decrypts the demo keys (PBES2, PBKDF2-HMAC-
SHA-256, AES-256-CBC) and keys that openssl encrypts here with other salts and iteration counts,
and unencrypted PKCS#8; signs random bytes with WebCrypto; the signature must verify with
`openssl dgst -sha256 -verify` and the certificate's public key. A wrong passphrase, a key
encrypted with another scheme and a non-key file must be refused with a message.

usage: websign_test.py SOURCE_ROOT
"""

import base64
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_util as bu  # noqa: E402

PASS = "kansli-demo"


def openssl(*args, data=None):
    r = subprocess.run(["openssl"] + list(args), input=data, capture_output=True)
    if r.returncode != 0:
        raise bu.Failure("openssl %s: %s" % (" ".join(args), r.stderr.decode()))
    return r.stdout


def der_ecdsa(raw):
    """WebCrypto's r||s (64 bytes) → the DER ECDSA-Sig-Value openssl expects."""
    bu.check(len(raw) == 64, "ECDSA P-256 signature is %d bytes, not 64" % len(raw))

    def integer(b):
        b = b.lstrip(b"\0") or b"\0"
        if b[0] & 0x80:
            b = b"\0" + b
        return b"\x02" + bytes([len(b)]) + b

    body = integer(raw[:32]) + integer(raw[32:])
    return b"\x30" + bytes([len(body)]) + body


def serve(folder):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def sign_in_browser(driver, pem, passphrase, data):
    result = driver.execute_async_script(
        "var done = arguments[3];"
        "window.kansliWebsign.signBase64(arguments[0], arguments[1], arguments[2])"
        ".then(function (r) { done(r); }, function (e) { done({error: String(e.message)}); });",
        pem, passphrase, base64.b64encode(data).decode())
    return result


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    keys = os.path.join(root, "keys", "demo")
    work = bu.temp_dir("kansli-websign-")
    try:
        shutil.copy(os.path.join(root, "templates", "portal", "static", "websign.js"), work)
        with open(os.path.join(work, "index.html"), "w") as f:
            f.write('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>websign</title></head>'
                    '<body><main><h1>websign</h1></main><script src="websign.js"></script></body></html>')
        cases = []  # (label, pem text, passphrase, cert path)
        for who in ("christian-ahren", "bjorn-sandal", "katarina-nyberg-finn", "kommun-ostersund"):
            pem = open(os.path.join(keys, who + ".key.pem")).read()
            cases.append(("demo " + who, pem, PASS, os.path.join(keys, who + ".cert.pem")))
        # The same keys re-encrypted by openssl with a fresh salt and IV and other iteration
        # counts, and unencrypted: the walker must read the parameters, not assume them.
        for who, iters in (("christian-ahren", "2048"), ("bjorn-sandal", "600000")):
            src = os.path.join(keys, who + ".key.pem")
            plain = openssl("pkey", "-in", src, "-passin", "pass:" + PASS)
            enc = openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256", "-iter", iters,
                          "-passout", "pass:another secret åäö", data=plain)
            cases.append(("%s iter %s" % (who, iters), enc.decode(), "another secret åäö",
                          os.path.join(keys, who + ".cert.pem")))
            p8 = openssl("pkcs8", "-topk8", "-nocrypt", data=plain)
            cases.append(("%s unencrypted" % who, p8.decode(), "", os.path.join(keys, who + ".cert.pem")))
        server = serve(work)
        driver = bu.new_driver()
        try:
            driver.get("http://127.0.0.1:%d/index.html" % server.server_address[1])
            bu.check(driver.execute_script("return !!(window.kansliWebsign && crypto.subtle)"),
                     "websign.js did not load or WebCrypto is missing")
            for label, pem, passphrase, cert in cases:
                data = os.urandom(97)
                r = sign_in_browser(driver, pem, passphrase, data)
                bu.check("error" not in r, "%s: %s" % (label, r.get("error")))
                sig = base64.b64decode(r["signature"])
                if r["algorithm"] == "ECDSA-P256":
                    sig = der_ecdsa(sig)
                pub = os.path.join(work, "pub.pem")
                with open(pub, "wb") as f:
                    f.write(openssl("x509", "-in", cert, "-noout", "-pubkey"))
                for name, content in (("data", data), ("sig", sig)):
                    with open(os.path.join(work, name), "wb") as f:
                        f.write(content)
                out = openssl("dgst", "-sha256", "-verify", pub, "-signature", os.path.join(work, "sig"),
                              os.path.join(work, "data"))
                bu.check(b"Verified OK" in out, "%s: openssl did not verify: %r" % (label, out))
                # A changed byte must not verify: the signature is over these bytes, not others.
                with open(os.path.join(work, "data"), "wb") as f:
                    f.write(bytes([data[0] ^ 1]) + data[1:])
                r2 = subprocess.run(["openssl", "dgst", "-sha256", "-verify", pub, "-signature",
                                     os.path.join(work, "sig"), os.path.join(work, "data")], capture_output=True)
                bu.check(r2.returncode != 0, "%s: a changed message verified" % label)
                print("ok: %s (%s) verifies with openssl" % (label, r["algorithm"]))
            demo = open(os.path.join(keys, "christian-ahren.key.pem")).read()
            plain = openssl("pkey", "-in", os.path.join(keys, "christian-ahren.key.pem"), "-passin", "pass:" + PASS)
            sha1 = openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA1",
                           "-passout", "pass:x", data=plain).decode()
            des = openssl("pkcs8", "-topk8", "-v2", "des3", "-v2prf", "hmacWithSHA256",
                          "-passout", "pass:x", data=plain).decode()
            refused = (("wrong passphrase", demo, "kansli-demO", "lösenfras"),
                       ("empty passphrase", demo, "", "lösenfras"),
                       ("HMAC-SHA-1 PRF", sha1, "x", "HMAC-SHA-256"),
                       ("3DES", des, "x", "AES-256-CBC"),
                       ("a certificate", open(os.path.join(keys, "christian-ahren.cert.pem")).read(), "", "PKCS#8"),
                       ("truncated DER", demo.replace(demo.splitlines()[2], ""), PASS, "trasig"))
            for label, pem, passphrase, expected in refused:
                r = sign_in_browser(driver, pem, passphrase, b"x")
                bu.check("error" in r and expected in r["error"], "%s: expected an error with %r, got %r" %
                         (label, expected, r))
                print("ok: %s refused: %s" % (label, r["error"]))
        finally:
            driver.quit()
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("websign_test: all passed")


if __name__ == "__main__":
    main()
