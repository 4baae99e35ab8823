#!/usr/bin/env python3
"""PDF/A-2a + PDF/UA-1 end to end (issue 11).

Builds the examples with `kansli build` (PDF/A by default and --profile plain), signs the
protokoll three times, and checks every file with `kansli inspect` and with outside tools
(qpdf --check, pdffonts, pdfinfo, xmllint, pdftotext). Then, for each rule family, mutates a
built file in a way that breaks exactly that rule (bytes of the same length, so the xref stays
right, or qpdf's QDF round trip) and requires inspect to exit 1 and name the clause.

Usage: pdfa_test.py KANSLI SOURCE_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

KANSLI, SRC = sys.argv[1], sys.argv[2]
EXAMPLES = os.path.join(SRC, "templates", "examples")
KEYS = os.path.join(SRC, "keys", "demo")
DATE = "2023-02-24T16:00:00Z"
passed, failed = 0, 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def run(*args, env=None, ok=True):
    r = subprocess.run(list(args), capture_output=True, env=env)
    if ok and r.returncode != 0:
        print("command failed:", args, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace"))
    return r


def inspect(path):
    r = run(KANSLI, "inspect", "--json", path, ok=False)
    try:
        return r.returncode, json.loads(r.stdout)
    except ValueError:
        return r.returncode, None


def failing_clauses(report):
    return [c["clause"] for c in report["checks"] if not c["passed"]]


def build(xml, out, *extra):
    r = run(KANSLI, "build", xml, "-o", out, "--date", DATE, *extra)
    check(r.returncode == 0, f"build {xml} {extra}")
    return r


def outside_tools(pdf):
    name = os.path.basename(pdf)
    check(b"No syntax or stream encoding errors" in run("qpdf", "--check", pdf).stdout, f"qpdf --check {name}")
    fonts = run("pdffonts", pdf).stdout.decode().splitlines()[2:]
    check(fonts and all(l.split()[-5:-2] == ["yes", "yes", "yes"] for l in fonts), f"pdffonts emb/sub/uni {name}")
    meta = run("pdfinfo", "-meta", pdf).stdout
    x = subprocess.run(["xmllint", "--noout", "-"], input=meta, capture_output=True)
    check(x.returncode == 0 and b"pdfaid:part>2<" in meta, f"XMP well-formed with pdfaid {name}")
    info = run("pdfinfo", "-isodates", pdf).stdout.decode()
    mod = [l.split()[-1] for l in info.splitlines() if l.startswith("ModDate:")]
    xmp_mod = meta.decode().split("<xmp:ModifyDate>")[1].split("<")[0]
    check(mod and mod[0] == xmp_mod, f"Info ModDate {mod} == xmp:ModifyDate {xmp_mod} in {name}")
    check(len(run("pdftotext", pdf, "-").stdout) > 1000, f"pdftotext gives text for {name}")


def mutate(src, dst, old, new, count=1):
    data = open(src, "rb").read()
    assert len(old) == len(new), (old, new)
    check(old in data, f"mutation target {old!r} present")
    open(dst, "wb").write(data.replace(old, new, count))


def mutate_qdf(src, dst, old, new, tmp):
    qdf = os.path.join(tmp, "q.pdf")
    run("qpdf", "--qdf", "--object-streams=disable", src, qdf)
    data = open(qdf, "rb").read()
    check(old in data, f"qdf mutation target {old!r} present")
    open(qdf, "wb").write(data.replace(old, new, 1))
    with open(dst, "wb") as f:
        subprocess.run(["fix-qdf", qdf], stdout=f, check=True)


def main():
    tmp = tempfile.mkdtemp(prefix="kansli-pdfa-")
    try:
        protokoll = os.path.join(tmp, "protokoll.pdf")
        avtal = os.path.join(tmp, "avtal.pdf")
        build(os.path.join(EXAMPLES, "protokoll-2023-02-24.xml"), protokoll)
        build(os.path.join(EXAMPLES, "overenskommelse-2025.xml"), avtal)
        # Deterministic: the same input and date give the same bytes.
        again = os.path.join(tmp, "again.pdf")
        build(os.path.join(EXAMPLES, "protokoll-2023-02-24.xml"), again)
        check(open(again, "rb").read() == open(protokoll, "rb").read(), "PDF/A build is deterministic")

        # Signed three times: each revision keeps the claims and the checks.
        env = dict(os.environ, KANSLI_PASSPHRASE="kansli-demo")
        signed, prev = [], protokoll
        for i, (key, role) in enumerate([("christian-ahren", "sekreterare"), ("bjorn-sandal", "justerare"),
                                          ("katarina-nyberg-finn", "ordförande")]):
            out = os.path.join(tmp, f"signed{i + 1}.pdf")
            r = run(KANSLI, "sign", prev, "-o", out, "--key", os.path.join(KEYS, key + ".key.pem"), "--cert",
                    os.path.join(KEYS, key + ".cert.pem"), "--role", role, "--date", f"2023-02-24T1{7 + i}:00:00Z",
                    env=env)
            check(r.returncode == 0, f"sign as {role}")
            signed.append(out)
            prev = out
        v = run(KANSLI, "verify", signed[-1], "--trust", os.path.join(KEYS, "root.cert.pem"), "--crl",
                os.path.join(KEYS, "issuing.crl.pem"), "--crl", os.path.join(KEYS, "root.crl.pem"), "--at",
                "2023-02-25T00:00:00Z", ok=False)
        check(v.returncode == 0, "the signed PDF/A verifies (the XMP update is document info)")

        # The kallelse that appends the överenskommelse (not tagged): no claim, a warning naming it.
        work = os.path.join(tmp, "kallelse")
        os.mkdir(work)
        shutil.copy(os.path.join(EXAMPLES, "kallelse-2025.xml"), work)
        shutil.copy(avtal, os.path.join(work, "overenskommelse-2025.pdf"))
        kallelse = os.path.join(tmp, "kallelse.pdf")
        r = build(os.path.join(work, "kallelse-2025.xml"), kallelse)
        check(b"overenskommelse-2025.pdf" in r.stderr and b"claims neither PDF/A nor PDF/UA" in r.stderr,
              "build warns about the non-conformant attachment by name")
        code, rep = inspect(kallelse)
        check(code == 0 and rep["claims"]["pdfa_part"] == 0 and rep["claims"]["pdfua_part"] == 0,
              "the kallelse with a non-conformant attachment claims nothing")

        for pdf in [protokoll, avtal] + signed:
            code, rep = inspect(pdf)
            check(code == 0 and rep and rep["claims"] == {"pdfa_part": 2, "pdfa_conformance": "A", "pdfua_part": 1}
                  and not failing_clauses(rep), f"inspect passes {os.path.basename(pdf)}: {rep and failing_clauses(rep)}")
            outside_tools(pdf)
        check(inspect(signed[-1])[1]["revisions"] == 4, "four revisions after three signatures")

        # --profile plain: today's PDF, claiming nothing; inspect notes but does not fail it.
        plain = os.path.join(tmp, "plain.pdf")
        build(os.path.join(EXAMPLES, "protokoll-2023-02-24.xml"), plain, "--profile", "plain")
        code, rep = inspect(plain)
        check(code == 0 and rep["claims"]["pdfa_part"] == 0, "plain claims nothing, exit 0")
        for clause in ["ISO 19005-2 6.2.3, 6.2.4.3",
                       "ISO 19005-2 6.2.11.4.2, ISO 14289-1 7.21.4.2", "ISO 19005-2 6.3.3"]:
            check(clause in failing_clauses(rep), f"plain output fails {clause} (intent, CIDSet, AP)")

        # One mutation per rule family: inspect must exit 1 and name the clause.
        cases = [
            ("header", b"%PDF-1.7\n%\xbf\xf7\xa2\xfe", b"%PDF-1.7\n%abcd", "ISO 19005-2 6.1.2"),
            ("obj EOL", b"1 0 obj\n", b"1 0 obj ", "ISO 19005-2 6.1.6, 6.1.7.1, 6.1.9"),
            ("endstream EOL", b"\nendstream", b" endstream", "ISO 19005-2 6.1.6, 6.1.7.1, 6.1.9"),
            ("output intent", b"/GTS_PDFA1", b"/GTS_PDFX1", "ISO 19005-2 6.2.3, 6.2.4.3"),
            ("pdfaid", b"pdfaid:conformance>A<", b"pdfaid:conformance>Z<", "ISO 19005-2 6.6.4"),
            ("extension schema", b"pdfaSchema:prefix>pdfuaid<", b"pdfaSchema:prefix>pdfuaix<",
             "ISO 19005-2 6.6.2.3.1"),
            ("xpacket", b"\xef\xbb\xbf\" id=\"W5M0", b"\xef\xbb\xbf\" bytes=\"1", "ISO 19005-2 6.6.2.1"),
            ("dates", b"<xmp:ModifyDate>2023", b"<xmp:ModifyDate>2024", "ISO 32000-1 14.3.3 (kansli)"),
            ("embedded", b"/FontFile2", b"/FontFileX", "ISO 19005-2 6.2.11.4.1, ISO 14289-1 7.21.4.1"),
            ("widths", b"/W [ 3 [ 278 ]", b"/W [ 3 [ 999 ]", "ISO 19005-2 6.2.11.5, ISO 14289-1 7.21.5"),
            ("ToUnicode", b"/ToUnicode", b"/ToUnicodX", "ISO 19005-2 6.2.11.7.2, ISO 14289-1 7.21.7"),
            ("print flag", b"/F 4 /FT /Sig", b"/F 6 /FT /Sig", "ISO 19005-2 6.3.2"),
            ("appearance", b"/AP << /N", b"/XP << /N", "ISO 19005-2 6.3.3"),
        ]
        # The built file packs its dictionaries into object streams: mutate a copy that qpdf wrote
        # with every object on its own (streams preserved, the 6.1 syntax kept).
        unpacked = os.path.join(tmp, "unpacked.pdf")
        run("qpdf", "--object-streams=disable", "--stream-data=preserve", "--newline-before-endstream",
            "--static-id", protokoll, unpacked)
        code, rep = inspect(unpacked)
        check(code == 0 and not failing_clauses(rep), f"the unpacked copy passes: {rep and failing_clauses(rep)}")
        for name, old, new, clause in cases:
            bad = os.path.join(tmp, "bad.pdf")
            mutate(unpacked, bad, old, new)
            code, rep = inspect(bad)
            check(code == 1 and rep and clause in failing_clauses(rep),
                  f"mutation '{name}': exit {code}, failing {rep and failing_clauses(rep)}; wanted {clause}")
        # The avtal's Figure: a Layout /BBox (ISO 32000-1 14.8.5.4.3); without it inspect fails.
        unpacked_avtal = os.path.join(tmp, "unpacked-avtal.pdf")
        run("qpdf", "--object-streams=disable", "--stream-data=preserve", "--newline-before-endstream",
            "--static-id", avtal, unpacked_avtal)
        check(b"/S /Figure" in open(unpacked_avtal, "rb").read(), "the avtal has a Figure")
        bad = os.path.join(tmp, "bad.pdf")
        mutate(unpacked_avtal, bad, b"/O /Layout", b"/O /Layoux")
        code, rep = inspect(bad)
        found = [f["clause"] for c in (rep or {}).get("checks", []) for f in c["findings"]]
        check(code == 1 and "ISO 32000-1 14.8.5.4.3" in found, f"Figure without /BBox: exit {code}, {found}")
        # Length-changing mutations through qpdf's QDF form.
        bad = os.path.join(tmp, "bad.pdf")
        mutate_qdf(protokoll, bad, b"/SigFlags 1", b"/SigFlags 1 /NeedAppearances true", tmp)
        code, rep = inspect(bad)
        check(code == 1 and "ISO 19005-2 6.4.1" in failing_clauses(rep), f"NeedAppearances: {rep and failing_clauses(rep)}")
        with open(bad, "ab") as f:
            f.write(b"trailing garbage\n")
        code, rep = inspect(bad)
        check(code == 1 and "ISO 19005-2 6.1.3" in failing_clauses(rep), "data after %%EOF")

        # Hostile input: refused with exit 1, never a crash.
        junk = os.path.join(tmp, "junk.pdf")
        open(junk, "wb").write(b"%PDF-1.7\n" + os.urandom(2000))
        r = run(KANSLI, "inspect", junk, ok=False)
        check(r.returncode == 1 and b"cannot inspect" in r.stderr, f"garbage refused: {r.returncode}")
        r = run(KANSLI, "inspect", os.path.join(tmp, "missing.pdf"), ok=False)
        check(r.returncode == 2, "missing file is an I/O error")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"pdfa: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
