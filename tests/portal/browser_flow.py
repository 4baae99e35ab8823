"""The steps of browser_test.py: one method per role's page, each asserting what the page shows and
keeping a screenshot. Element ids follow /work/notes/portal-contract.md (the portal's HTML)."""

import json
import os
import re
import subprocess

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import JavascriptException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

import browser_util as bu

PASS = "kansli-demo"
# The example protokoll's <underskrifter>, in signing order: (person, demo key file, login).
SIGNERS = (("Christian Åhrén", "christian-ahren"), ("Björn Sandal", "bjorn-sandal"),
           ("Katarina Nyberg Finn", "katarina-nyberg-finn"))
WEBSIGN = 1  # the index of the signer who signs in the browser (Björn Sandal: an EC P-256 key)


def signer_logins(portal_output):
    """The demo login of each signer. portal-demo prints one line per signer login naming the
    person; the login is the first word on that line that is not the person's name."""
    logins = []
    for person, key in SIGNERS:
        login = key
        for line in portal_output.splitlines():
            if person in line and "signer" in line:
                words = re.findall(r"[a-z][a-z0-9._-]+", line.replace(person, " "))
                if words:
                    login = words[0]
                break
        logins.append(login)
    return logins


class Flow:
    def __init__(self, driver, portal, shots, kansli, source, out):
        self.d, self.portal, self.shots = driver, portal, shots
        self.kansli, self.source, self.out = kansli, source, out
        self.base = portal.url
        self.logins = signer_logins(portal.output())
        self.doc = None

    def shot(self, name):
        self.shots.take(self.d, name)

    def go(self, path):
        self.d.get(self.base + path)
        bu.wait_for(self.d, "main h1")

    def as_user(self, login, path):
        bu.login(self.d, self.base, login)
        self.go(path)

    # ----------------------------------------------------------- accessibility
    def check_labels(self, where):
        """Every visible input, select, textarea has an accessible name (label, aria-label(ledby))."""
        bad = self.d.execute_script("""
            var bad = [];
            document.querySelectorAll('input, select, textarea').forEach(function (el) {
              if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button') return;
              var named = (el.labels && el.labels.length) || el.getAttribute('aria-label') ||
                          el.getAttribute('aria-labelledby') || el.title;
              if (!named) bad.push(el.outerHTML.slice(0, 120));
            });
            return bad;""")
        bu.check(not bad, "%s: inputs without a label: %s" % (where, bad))
        h1 = self.d.find_elements(By.CSS_SELECTOR, "main h1")
        bu.check(len(h1) == 1, "%s: %d <h1> in <main>, expected 1" % (where, len(h1)))
        lang = self.d.execute_script("return document.documentElement.lang")
        bu.check(lang.startswith("sv"), "%s: <html lang> is %r, not sv" % (where, lang))

    def check_tab_reaches(self, where, element_id, limit=60):
        """Pressing Tab from the top of the page reaches #element_id (keyboard users can press it)."""
        self.d.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0,0);")
        # Key presses go to the page (ActionChains), not to an element: send_keys on a file input
        # would take the key for a file name.
        for _ in range(limit):
            ActionChains(self.d).send_keys(Keys.TAB).perform()
            if self.d.switch_to.active_element.get_attribute("id") == element_id:
                return
        raise bu.Failure("%s: %d Tab presses did not reach #%s" % (where, limit, element_id))

    # ----------------------------------------------------------- sekreterare
    def login_page(self):
        self.d.delete_all_cookies()
        self.go("/login")
        self.check_labels("login")
        self.check_tab_reaches("login", "login-submit")
        self.shot("login")
        # A wrong password is refused on the login page, with a message.
        self.d.find_element(By.ID, "name").send_keys("sekreterare")
        self.d.find_element(By.ID, "password").send_keys("wrong")
        bu.click_and_wait(self.d, self.d.find_element(By.ID, "login-submit"))
        bu.check("/login" in self.d.current_url or self.d.find_elements(By.ID, "login"),
                 "a wrong password was not refused: " + self.d.current_url)
        self.shot("login-refused")

    def upload(self, path, expect_error=None):
        self.go("/sekreterare")
        self.d.find_element(By.ID, "source").send_keys(path)
        bu.click_and_wait(self.d, self.d.find_element(By.ID, "upload-submit"))
        if expect_error:
            line, col, message = expect_error
            errs = bu.errors(self.d)
            want = ":%d:%d:" % (line, col)
            bu.check(any(want in e for e in errs), "the validation error %s was not shown; errors: %s; page: %s" %
                     (want, errs, bu.page_text(self.d)[:800]))
            core = message.split(": ", 1)[-1][:40]
            bu.check(any(core in e for e in errs), "the error text %r was not shown: %s" % (core, errs))
            self.shot("validation-error")
            return None
        m = bu.wait_url(self.d, r"/dokument/([A-Za-z0-9_-]+)")
        bu.check(not bu.errors(self.d), "the fixed source was refused: %s" % bu.errors(self.d))
        return m.group(1)

    def build_and_send(self, version):
        self.go("/dokument/" + self.doc)
        if self.d.find_elements(By.ID, "bygg"):
            self.check_tab_reaches("dokument", "bygg")
            bu.click_and_wait(self.d, self.d.find_element(By.ID, "bygg"))
        bu.check(not bu.errors(self.d), "build failed: %s" % bu.errors(self.d))
        imgs = self.d.find_elements(By.CSS_SELECTOR, "img.preview")
        bu.check(imgs, "no page previews after the build")
        WebDriverWait(self.d, bu.WAIT).until(lambda d: d.execute_script(
            "return Array.from(document.querySelectorAll('img.preview')).every(i => i.complete)"))
        widths = self.d.execute_script(
            "return Array.from(document.querySelectorAll('img.preview')).map(i => i.naturalWidth)")
        bu.check(all(w > 100 for w in widths), "a preview did not load: widths %s" % widths)
        alt = imgs[0].get_attribute("alt")
        m = re.match(r"Sida 1 av (\d+)", alt or "")
        bu.check(m and int(m.group(1)) == len(imgs), "preview alt %r does not match %d previews" % (alt, len(imgs)))
        self.shot("previews-v%d" % version)
        bu.click_and_wait(self.d, self.d.find_element(By.ID, "skicka"))
        bu.check(not bu.errors(self.d), "Skicka för signering failed: %s" % bu.errors(self.d))
        self.shot("sent-v%d" % version)

    # ----------------------------------------------------------- signers
    def task_list(self, i):
        self.as_user(self.logins[i], "/signera")
        # One script call reads every task: element handles held across WebDriver calls went stale
        # once under load ("Node with given id does not belong to the document" on /signera).
        return self.d.execute_script(
            "return Array.from(document.querySelectorAll('li.task'), li => li.getAttribute('data-doc'));")

    def out_of_order(self, i, waiting_for):
        """Signer i while it is not their turn: no task, 'väntar på …' shown, the page has no sign
        button, and a forged sign request (with a valid CSRF token) is refused by the server."""
        tasks = self.task_list(i)
        bu.check(self.doc not in tasks, "%s has a task out of turn" % self.logins[i])
        waiting = self.d.execute_script(
            "return Array.from(document.querySelectorAll('li.waiting'), li => li.innerText).join(' ');")
        bu.check("väntar på " + waiting_for in waiting, "no 'väntar på %s' on /signera: %r" % (waiting_for, waiting))
        self.shot("signera-waiting-%s" % self.logins[i])
        self.go("/dokument/" + self.doc)
        bu.check(not self.d.find_elements(By.ID, "signera") and not self.d.find_elements(By.ID, "websign-button"),
                 "the document page offers signing out of turn")
        status = self.d.execute_async_script("""
            var done = arguments[1];
            var token = (document.querySelector('input[name=csrf]') || {}).value || '';
            fetch('/api/dokument/' + arguments[0] + '/prepare', {method: 'POST', credentials: 'same-origin',
                  headers: {'X-CSRF-Token': token}}).then(r => done([r.status, token.length]), e => done([0, 0]));
            """, self.doc)
        bu.check(status[1] > 0, "no CSRF token on the document page to forge a request with")
        bu.check(400 <= status[0] < 500, "an out-of-turn prepare was answered %s, not refused" % status[0])
        self.shot("out-of-order-%s" % self.logins[i])

    def open_task(self, i, what):
        tasks = self.task_list(i)
        bu.check(self.doc in tasks, "%s has no task for the document (%s)" % (self.logins[i], tasks))
        self.shot("signera-%s-%s" % (self.logins[i], what))
        self.go("/dokument/" + self.doc)

    def sign_keystore(self, i, what):
        self.open_task(i, what)
        self.check_labels("dokument (signer)")
        self.check_tab_reaches("dokument (signer)", "signera")
        self.d.find_element(By.ID, "passphrase").send_keys(PASS)
        self.shot("dokument-%s-%s" % (self.logins[i], what))
        bu.click_and_wait(self.d, self.d.find_element(By.ID, "signera"))
        bu.check(not bu.errors(self.d), "keystore signing failed: %s" % bu.errors(self.d))
        self.shot("signed-%s-%s" % (self.logins[i], what))

    def sign_websign(self, i, what):
        self.open_task(i, what)
        self.check_labels("dokument (websign)")
        self.check_tab_reaches("dokument (websign)", "websign-button")
        key = os.path.join(self.source, "keys", "demo", SIGNERS[i][1] + ".key.pem")
        self.d.find_element(By.ID, "websign-key").send_keys(key)
        self.d.find_element(By.ID, "websign-passphrase").send_keys("not-the-passphrase")
        self.d.find_element(By.ID, "websign-button").click()
        status = self.d.find_element(By.ID, "websign-status")
        WebDriverWait(self.d, bu.WAIT).until(lambda d: status.text.startswith("Fel"))
        bu.check("lösenfras" in status.text, "a wrong passphrase gave %r" % status.text)
        self.shot("websign-wrong-passphrase")
        self.d.find_element(By.ID, "websign-passphrase").clear()
        self.d.find_element(By.ID, "websign-passphrase").send_keys(PASS)
        self.shot("websign-%s" % self.logins[i])
        # Record every fetch the page makes (in sessionStorage, which survives the redirect) to check
        # that neither the key nor the passphrase leaves the browser.
        self.d.execute_script("""
            sessionStorage.setItem('sent', '[]');
            var original = window.fetch;
            window.fetch = function (url, opts) {
              var sent = JSON.parse(sessionStorage.getItem('sent'));
              sent.push({url: String(url), body: String((opts && opts.body) || ''),
                         headers: JSON.stringify((opts && opts.headers) || {})});
              sessionStorage.setItem('sent', JSON.stringify(sent));
              return original.apply(this, arguments);
            };""")
        self.d.find_element(By.ID, "websign-button").click()
        # Done when the page has gone (the redirect after complete) or shows an error. One script
        # call reads both at once: the page may be replaced between two WebDriver calls.
        WebDriverWait(self.d, bu.WAIT * 2, ignored_exceptions=(StaleElementReferenceException, JavascriptException)).until(
            lambda d: d.execute_script("var s = document.getElementById('websign-status');"
                                       "return !s || s.textContent.indexOf('Fel') === 0;"))
        bu.wait_for(self.d, "main h1")
        bu.check(not self.d.find_elements(By.ID, "websign-button"),
                 "websign did not complete: %s" % (self.d.find_elements(By.ID, "websign-status") and
                                                   self.d.find_element(By.ID, "websign-status").text))
        self.shot("websigned-%s" % self.logins[i])
        sent = json.loads(self.d.execute_script("return sessionStorage.getItem('sent')") or "[]")
        urls = [x["url"] for x in sent]
        bu.check(urls == ["/api/dokument/%s/prepare" % self.doc, "/api/dokument/%s/complete" % self.doc],
                 "websign made other requests than prepare + complete: %s" % urls)
        key_b64 = "".join(open(key).read().splitlines()[1:-1])
        for x in sent:
            blob = x["body"] + x["headers"]
            bu.check(PASS not in blob and key_b64[:40] not in blob and key_b64[-40:] not in blob,
                     "websign sent the key or the passphrase: %s" % blob[:200])
        print("ok: websign sent only prepare + complete, neither key nor passphrase")

    def reject(self, i, comment):
        self.open_task(i, "reject")
        self.d.find_element(By.ID, "kommentar").send_keys(comment)
        self.shot("avvisa-%s" % self.logins[i])
        bu.click_and_wait(self.d, self.d.find_element(By.ID, "avvisa"))
        bu.check(not bu.errors(self.d), "rejecting failed: %s" % bu.errors(self.d))
        self.shot("avvisad-%s" % self.logins[i])

    def reissue(self, path, comment):
        self.as_user("sekreterare", "/dokument/" + self.doc)
        bu.check(comment in bu.page_text(self.d), "the secretary does not see the comment %r" % comment)
        self.shot("sekreterare-comment")
        self.check_labels("dokument (sekreterare)")
        form = self.d.find_element(By.ID, "ny-version-form")
        form.find_element(By.ID, "source").send_keys(path)
        bu.click_and_wait(self.d, self.d.find_element(By.ID, "ny-version"))
        bu.check(not bu.errors(self.d), "the new version was refused: %s" % bu.errors(self.d))
        m = re.search(r"/dokument/([A-Za-z0-9_-]+)", self.d.current_url)
        if m:
            self.doc = m.group(1)
        self.shot("ny-version")

    # ----------------------------------------------------------- registrator
    def download_pdf(self):
        data = bu.session_opener(self.d).open(self.base + "/dokument/%s/pdf" % self.doc, timeout=60).read()
        bu.check(data.startswith(b"%PDF-"), "/dokument/%s/pdf is no PDF" % self.doc)
        path = os.path.join(self.out, "final.pdf")
        with open(path, "wb") as f:
            f.write(data)
        return path

    def cli_verify(self, pdf):
        keys = os.path.join(self.source, "keys", "demo")
        r = subprocess.run([self.kansli, "verify", "--json", "--trust", os.path.join(keys, "root.cert.pem"),
                            "--crl", os.path.join(keys, "issuing.crl.pem"), "--crl",
                            os.path.join(keys, "root.crl.pem"), pdf], capture_output=True, text=True)
        bu.check(r.returncode in (0, 1), "kansli verify exited %d: %s" % (r.returncode, r.stderr))
        return json.loads(r.stdout)[0]

    def registrar(self):
        self.as_user("sekreterare", "/dokument/" + self.doc)
        pdf = self.download_pdf()
        cli = self.cli_verify(pdf)
        bu.check(cli["verdict"] == "passed", "kansli verify of the final PDF: %s (%s)" % (cli["verdict"], cli["reason"]))
        sigs = [s for s in cli["signatures"] if s["kind"] == "signature"]
        bu.check([s["signer"] for s in sigs] == [p for p, _ in SIGNERS],
                 "the final PDF's signers %s are not the three in order (old signatures must be void)" %
                 [s["signer"] for s in sigs])
        self.as_user("registrator", "/registrator")
        self.check_labels("registrator")
        self.check_tab_reaches("registrator", "pdf")
        self.shot("registrator")
        self.d.find_element(By.ID, "pdf").send_keys(pdf)
        form = self.d.find_element(By.ID, "verify-form")
        bu.click_and_wait(self.d, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))
        verdict = bu.wait_for(self.d, "#verdict").text
        rows = self.d.find_elements(By.CSS_SELECTOR, "#report tbody tr") or \
            self.d.find_elements(By.CSS_SELECTOR, "#report tr")[1:]
        self.shot("verification-report")
        bu.check(len(rows) == len(cli["signatures"]), "the report has %d rows, kansli verify %d signatures" %
                 (len(rows), len(cli["signatures"])))
        for row, s in zip(rows, cli["signatures"]):
            bu.check(s["signer"] in row.text, "report row %r does not name %s" % (row.text, s["signer"]))
        # The page's verdict (Swedish word and its class) is kansli verify's.
        word = {"passed": "Godkänd", "failed": "Underkänd"}.get(cli["verdict"], "Obestämd")
        cls = self.d.find_element(By.ID, "verdict").get_attribute("class")
        bu.check(word in verdict and cls == "verdict-" + cli["verdict"],
                 "the page's verdict %r (%s) disagrees with kansli verify's %r" % (verdict, cls, cli["verdict"]))
        href = self.d.find_element(By.ID, "json").get_attribute("href")
        page_json = json.loads(bu.session_opener(self.d).open(href, timeout=60).read())
        page_json = page_json[0] if isinstance(page_json, list) else page_json
        for key in ("verdict", "revisions"):
            bu.check(page_json[key] == cli[key], "JSON %s: portal %r, kansli verify %r" % (key, page_json[key], cli[key]))
        strip = ("chain", "file", "timestamp")  # the time of checking and the file name differ
        for a, b in zip(page_json["signatures"], cli["signatures"]):
            for key in set(a) | set(b):
                if key not in strip:
                    bu.check(a.get(key) == b.get(key), "signature %s: %s differs: %r vs %r" %
                             (b["signer"], key, a.get(key), b.get(key)))
        bu.check(self.d.find_elements(By.ID, "verification-pdf"), "no printable verification page link")
        print("ok: registrar verdict %r matches kansli verify (%s, %d signatures)" % (verdict, cli["verdict"],
                                                                                    len(rows)))

    # ----------------------------------------------------------- the whole flow
    def run(self, files, expected):
        comment = "Fel plats i huvudet: sammanträdet hölls i Styrelserummet 2."
        self.login_page()
        bu.login(self.d, self.base, "sekreterare")
        self.go("/sekreterare")
        self.check_labels("sekreterare")
        self.check_tab_reaches("sekreterare", "upload-submit")
        self.shot("sekreterare")
        self.upload(files["broken"], expected)
        self.doc = self.upload(files["fixed"])
        self.shot("dokument-v1")
        self.build_and_send(1)
        self.out_of_order(1, SIGNERS[0][0])
        self.sign_keystore(0, "v1")
        self.reject(1, comment)
        self.reissue(files["v2"], comment)
        self.build_and_send(2)
        # The old version's signature is void: the first signer's turn again, the second waits.
        self.out_of_order(1, SIGNERS[0][0])
        self.sign_keystore(0, "v2")
        self.out_of_order(2, SIGNERS[1][0])
        self.sign_websign(1, "v2")
        self.sign_keystore(2, "v2")
        self.registrar()
        self.as_user("arkiv", "/arkiv")
        self.shot("arkiv")
