"""Shared harness for the portal's browser tests: headless Chromium through Selenium (Debian's
chromium, chromium-driver, python3-selenium), a portal server on a free loopback port, login and
screenshot helpers. Used by browser_test.py and websign_test.py (run with /usr/bin/python3)."""

import base64
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMEDRIVER = os.environ.get("KANSLI_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("KANSLI_CHROMIUM", "/usr/bin/chromium")
WAIT = 30  # seconds for any single page condition


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def new_driver(download_dir=None):
    """A headless Chromium with its own throw-away profile."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1400", "--lang=sv-SE", "--no-first-run", "--disable-extensions"):
        opts.add_argument(arg)
    if download_dir:
        opts.add_experimental_option("prefs", {"download.default_directory": download_dir})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(WAIT * 2)
    driver.set_script_timeout(WAIT * 2)
    return driver


class Portal:
    """`kansli portal-demo` on a free loopback port, with its own data folder; stop() ends it."""

    def __init__(self, kansli, data_dir, extra_args=()):
        self.data_dir = data_dir
        ready = os.path.join(data_dir, "ready-url")
        env = dict(os.environ, KANSLI_PORTAL_DEMO_READY_FILE=ready, TZ="UTC", LC_ALL="C.UTF-8")
        self.log_path = os.path.join(data_dir, "portal.log")
        self.log = open(self.log_path, "wb")
        cmd = [kansli, "portal-demo", "--data", os.path.join(data_dir, "portal"), "--listen", "127.0.0.1:0"]
        self.proc = subprocess.Popen(cmd + list(extra_args), stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env)
        deadline = time.time() + 60
        self.url = None
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise Failure("kansli portal-demo exited with %s:\n%s" % (self.proc.returncode, self.output()))
            if os.path.exists(ready):
                text = open(ready).read().strip()
                if text:
                    self.url = text.rstrip("/")
                    break
            m = re.search(r"listening on (http://127\.0\.0\.1:\d+)/", self.output())
            if m:
                self.url = m.group(1)
                break
            time.sleep(0.1)
        check(self.url, "the portal did not announce its URL within 60 s:\n" + self.output())
        self.wait_healthy()

    def output(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def wait_healthy(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise Failure("GET /healthz did not answer ok")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


class Shots:
    """Numbered PNG screenshots of whole pages, kept in `folder` (the build tree)."""

    def __init__(self, folder):
        self.folder = folder
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        self.n = 0
        self.names = []

    def take(self, driver, name):
        self.n += 1
        # The whole page, beyond the viewport (Chromium's DevTools protocol), at most 8000 px high.
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}
        shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                      {"format": "png", "captureBeyondViewport": True, "clip": clip})
        path = os.path.join(self.folder, "%02d-%s.png" % (self.n, name))
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        with open(path, "rb") as f:
            check(f.read(8) == b"\x89PNG\r\n\x1a\n", "screenshot %s is not a PNG" % path)
        self.names.append(os.path.basename(path))
        return path


def wait_for(driver, css, timeout=WAIT):
    return WebDriverWait(driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_url(driver, pattern, timeout=WAIT):
    WebDriverWait(driver, timeout).until(lambda d: re.search(pattern, d.current_url))
    return re.search(pattern, driver.current_url)


def page_left(old):
    """A wait condition: the page that held `old` (its <html>) is gone. Selenium's staleness_of
    knows only StaleElementReferenceException; while the next page loads, Chromium's driver may
    answer "Node with given id does not belong to the document" instead (a WebDriverException),
    which made this test fail about once in five runs. Either answer means the old page is gone."""

    def gone(_driver):
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True

    return gone


def login(driver, base, name, password="kansli-demo"):
    driver.delete_all_cookies()
    driver.get(base + "/login")
    wait_for(driver, "form#login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, WAIT).until(page_left(old))
    check("/login" not in driver.current_url, "login as %s failed: %s" % (name, page_text(driver)[:500]))


def click_and_wait(driver, element):
    """Clicks a submit button and waits for the next page to load."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, WAIT * 2).until(page_left(old))
    wait_for(driver, "main")


def page_text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def errors(driver):
    return [li.text for li in driver.find_elements(By.CSS_SELECTOR, "ul.errors li")]


def session_opener(driver):
    """A urllib opener carrying the browser's session cookie (to download files the page links)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    cookies = "; ".join("%s=%s" % (c["name"], c["value"]) for c in driver.get_cookies())
    opener.addheaders = [("Cookie", cookies)]
    return opener


def temp_dir(prefix):
    return tempfile.mkdtemp(prefix=prefix)
