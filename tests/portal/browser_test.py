#!/usr/bin/python3
"""The signing portal in a real browser (issue 14): headless Chromium driven by Selenium runs the
whole flow on the example protokoll against `kansli portal-demo` on a free loopback port:

  sekreterare uploads a source with an error (the line:col that `kansli validate` reports must be
  shown), uploads the fixed one, builds (page previews load), sends it for signing; a signer out of
  turn is refused; the first signer signs with the portal keystore; the second rejects with a
  comment; the secretary re-issues a new version (the old signature is void: the first signer must
  sign again); the three sign in order, the second in the browser (websign.js with his own demo key
  file); the registrar verifies the final PDF by the upload form and the verdict is compared with
  `kansli verify --json` of the same PDF downloaded from the portal. Every page is kept as a PNG
  under OUT/screenshots; labels and keyboard reach are checked on the main forms.

usage: browser_test.py --kansli KANSLI --source SOURCE_ROOT --out OUT_DIR
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_util as bu  # noqa: E402
from browser_flow import Flow  # noqa: E402

EXAMPLE = "protokoll-2023-02-24.xml"


def broken_source(text):
    """The example with one reference that names nobody: a validation error with a line and column."""
    needle = '<underskrift roll="justerare" ref="bs"/>'
    bu.check(needle in text, "the example protokoll changed: %s not found" % needle)
    return text.replace(needle, '<underskrift roll="justerare" ref="nobody"/>', 1)


def second_version(text):
    """The fixed source, changed the way the signer's comment asks (a new version of the same document)."""
    needle = "<plats>Regionens hus, Hus 3, plan 3 (Styrelserummet)</plats>"
    bu.check(needle in text, "the example protokoll changed: %s not found" % needle)
    return text.replace(needle, "<plats>Regionens hus, Hus 3, plan 3 (Styrelserummet 2)</plats>", 1)


def expected_error(kansli, path):
    """FILE:LINE:COL: message from `kansli validate` of the broken source (the portal must show it)."""
    r = subprocess.run([kansli, "validate", path], capture_output=True, text=True)
    bu.check(r.returncode == 1, "kansli validate of the broken source exited %d, not 1:\n%s" % (r.returncode, r.stderr))
    m = re.search(r"[^\s:]+\.xml:(\d+):(\d+): ([^\n]+)", r.stderr + r.stdout)
    bu.check(m, "kansli validate printed no FILE:LINE:COL: %s" % r.stderr)
    return int(m.group(1)), int(m.group(2)), m.group(3).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kansli", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    kansli, source, out = os.path.abspath(a.kansli), os.path.abspath(a.source), os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    work = bu.temp_dir("kansli-browser-")
    shots = bu.Shots(os.path.join(out, "screenshots"))
    fixed = open(os.path.join(source, "templates", "examples", EXAMPLE), encoding="utf-8").read()
    files = {}
    for name, text in (("broken", broken_source(fixed)), ("fixed", fixed), ("v2", second_version(fixed))):
        os.makedirs(os.path.join(work, name))
        files[name] = os.path.join(work, name, EXAMPLE)  # same file name: the same document
        with open(files[name], "w", encoding="utf-8") as f:
            f.write(text)
    line, col, message = expected_error(kansli, files["broken"])
    portal = bu.Portal(kansli, work)
    driver = bu.new_driver()
    status = 1
    try:
        flow = Flow(driver, portal, shots, kansli, source, out)
        flow.run(files, (line, col, message))
        status = 0
    except Exception:  # noqa: BLE001 — report everything, with the page that failed
        traceback.print_exc()
        try:
            shots.take(driver, "FAILED")
            with open(os.path.join(out, "failed-page.html"), "w") as f:
                f.write(driver.page_source)
            print("failing page: %s (%s)" % (driver.current_url, os.path.join(out, "failed-page.html")))
        except Exception:  # noqa: BLE001
            pass
    finally:
        driver.quit()
        rc = portal.stop()
        if status != 0:
            print("portal log:\n" + portal.output()[-4000:])
        elif rc not in (0, -15):
            print("the portal did not stop cleanly on SIGTERM (exit %s)" % rc)
            status = 1
        shutil.rmtree(work, ignore_errors=True)
    print("screenshots (%d) in %s:\n  %s" % (len(shots.names), shots.folder, "\n  ".join(shots.names)))
    print("browser_test: %s" % ("all passed" if status == 0 else "FAILED"))
    return status


if __name__ == "__main__":
    sys.exit(main())
