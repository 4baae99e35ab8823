#!/usr/bin/python3
"""Load benchmark of the portal's public verification endpoint (issue 14): C concurrent clients
(default 50), each a thread opening a connection per request (--keep-alive: one connection each), post the signed example
protokoll to POST /api/verify (multipart field `pdf`) until N requests (default 10,000) are done.
Reports p50/p95/p99/max latency, throughput, errors (any status but 200, any body that is not the
verify JSON), and the server's RSS (VmRSS from /proc/PID/status) sampled every 1,000 requests,
which must stay flat (growth after the first sample ≤ --rss-slack MiB, default 16).

Every request posts the same bytes, so after the first one the server answers from its report
cache (identical bytes reused for 60 s): the figures are those of the cached path; the cost of a
verification itself is what bench_verify measures (in-process).

It starts `kansli portal --data TMP --listen 127.0.0.1:0 --verify-rate 0` itself (the rate limit
off, as the server offers for this), or measures a running server with --url and --pid. The signed
PDF is built and signed here by the kansli CLI from templates/examples/protokoll-2023-02-24.xml
(three demo signers, in order), or given with --pdf.

usage: bench_portal_verify.py --kansli build/pipeline/cli/kansli [--source .] [--clients 50]
       [--requests 10000] [--pdf F] [--url U --pid P] [--p95-target-ms 100] [--json OUT]
Exit status: 0 when no error and RSS flat (the p95 target is reported, not enforced: the machine
may be shared; the lead re-measures idle), 1 otherwise, 2 on usage/set-up errors.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SIGNERS = (("christian-ahren", "sekreterare"), ("bjorn-sandal", "justerare"), ("katarina-nyberg-finn", "ordförande"))
DATE = "2023-03-01T10:00:00Z"


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode != 0:
        sys.exit("bench: %s failed (%d):\n%s" % (" ".join(cmd), r.returncode, r.stderr.decode(errors="replace")))
    return r.stdout


def make_signed_pdf(kansli, source, work):
    src = os.path.join(source, "templates", "examples", "protokoll-2023-02-24.xml")
    pdf = os.path.join(work, "protokoll.pdf")
    run([kansli, "build", src, "-o", pdf, "--date", DATE])
    keys = os.path.join(source, "keys", "demo")
    passfile = os.path.join(work, "pass")
    with open(passfile, "w") as f:
        f.write("kansli-demo\n")
    for i, (who, role) in enumerate(SIGNERS):
        out = os.path.join(work, "signed-%d.pdf" % i)
        run([kansli, "sign", pdf, "-o", out, "--key", os.path.join(keys, who + ".key.pem"), "--cert",
             os.path.join(keys, who + ".cert.pem"), "--passphrase-file", passfile, "--role", role, "--date", DATE])
        pdf = out
    return pdf


def start_server(kansli, work, extra):
    data = os.path.join(work, "portal")
    log = open(os.path.join(work, "portal.log"), "w+b")
    cmd = [kansli, "portal", "--data", data, "--listen", "127.0.0.1:0", "--verify-rate", "0"] + extra
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            sys.exit("bench: %s exited %d:\n%s" % (" ".join(cmd), proc.returncode, log.read().decode()))
        log.seek(0)
        m = re.search(rb"listening on (http://127\.0\.0\.1:\d+)/", log.read())
        if m:
            return proc, m.group(1).decode()
        time.sleep(0.05)
    proc.kill()
    sys.exit("bench: the portal did not announce its URL within 30 s")


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def cpu_seconds(pid):
    """utime + stime of process pid (all its threads), from /proc/PID/stat."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def multipart(pdf_bytes):
    boundary = "kansli-bench-" + os.urandom(8).hex()
    body = (("--%s\r\nContent-Disposition: form-data; name=\"pdf\"; filename=\"protokoll.pdf\"\r\n"
             "Content-Type: application/pdf\r\n\r\n" % boundary).encode() + pdf_bytes +
            ("\r\n--%s--\r\n" % boundary).encode())
    return body, "multipart/form-data; boundary=" + boundary


class Load:
    def __init__(self, url, body, ctype, total, pid, every, keep_alive=False):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.body, self.ctype = body, ctype
        self.total, self.pid, self.every = total, pid, every
        self.lock = threading.Lock()
        self.issued = 0
        self.done = 0
        self.latencies = []
        self.errors = []
        self.rss = []  # (requests done, KiB)
        self.reconnects = 0
        self.keep_alive = keep_alive
        self.headers = {"Content-Type": ctype}
        if not keep_alive:
            self.headers["Connection"] = "close"

    def next_ticket(self):
        with self.lock:
            if self.issued >= self.total:
                return False
            self.issued += 1
            return True

    def record(self, latency, error):
        with self.lock:
            self.done += 1
            self.latencies.append(latency)
            if error:
                self.errors.append(error)
            if self.pid and self.done % self.every == 0:
                self.rss.append((self.done, rss_kib(self.pid)))

    def client(self):
        conn = None
        while self.next_ticket():
            if conn is None:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            t0 = time.perf_counter()
            error = None
            try:
                conn.request("POST", "/api/verify", self.body, self.headers)
                resp = conn.getresponse()
                data = resp.read()
                if resp.status != 200:
                    error = "HTTP %d: %s" % (resp.status, data[:200])
                else:
                    doc = json.loads(data)
                    if not isinstance(doc, (dict, list)):
                        error = "not the verify JSON: %r" % data[:200]
                if not self.keep_alive or resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
                    if self.keep_alive:
                        with self.lock:
                            self.reconnects += 1
            except (OSError, http.client.HTTPException, ValueError) as e:
                error = "%s: %s" % (type(e).__name__, e)
                conn.close()
                conn = None
            self.record(time.perf_counter() - t0, error)
        if conn is not None:
            conn.close()


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kansli", default="build/pipeline/cli/kansli")
    ap.add_argument("--source", default=".")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=10000)
    ap.add_argument("--rss-every", type=int, default=1000)
    ap.add_argument("--warm-requests", type=int, default=300,
                    help="requests at the measured concurrency before the measurement (not counted)")
    ap.add_argument("--rss-slack", type=float, default=16.0, help="allowed RSS growth after the first sample, MiB")
    ap.add_argument("--p95-target-ms", type=float, default=100.0)
    ap.add_argument("--keep-alive", action="store_true",
                    help="reuse each client's connection (cpp-httplib then pins a worker thread per connection)")
    ap.add_argument("--pdf")
    ap.add_argument("--url")
    ap.add_argument("--pid", type=int)
    ap.add_argument("--json", help="write the figures as JSON here")
    ap.add_argument("server_args", nargs="*", help="extra arguments for `kansli portal` (after --)")
    a = ap.parse_args()
    if a.clients < 1 or a.requests < 1 or (a.url and not a.pid):
        ap.error("--clients/--requests must be positive; --url needs --pid (the server's RSS is sampled)")
    work = tempfile.mkdtemp(prefix="kansli-bench-portal-")
    proc = None
    try:
        kansli = os.path.abspath(a.kansli)
        pdf = a.pdf or make_signed_pdf(kansli, os.path.abspath(a.source), work)
        with open(pdf, "rb") as f:
            pdf_bytes = f.read()
        if a.url:
            url, pid = a.url, a.pid
        else:
            proc, url = start_server(kansli, work, a.server_args)
            pid = proc.pid
        body, ctype = multipart(pdf_bytes)
        # One warm-up request (also checks the endpoint answers 200 before the load starts).
        warm = Load(url, body, ctype, 1, 0, a.rss_every)
        warm.client()
        if warm.errors:
            sys.exit("bench: warm-up request failed: %s" % warm.errors[0])
        # Then a warm-up at the measured concurrency: the allocator of kansli-full (mimalloc) keeps
        # a heap per server thread, and each grows to its working size on its first requests. RSS
        # is judged from the steady state on: a leak still grows it with every request.
        warm = Load(url, body, ctype, a.warm_requests, 0, a.rss_every, a.keep_alive)
        warm_threads = [threading.Thread(target=warm.client) for _ in range(a.clients)]
        for t in warm_threads:
            t.start()
        for t in warm_threads:
            t.join()
        if warm.errors:
            sys.exit("bench: warm-up load failed: %s" % warm.errors[0])
        load = Load(url, body, ctype, a.requests, pid, a.rss_every, a.keep_alive)
        rss0 = rss_kib(pid)
        server_cpu0 = cpu_seconds(pid)
        cpu0 = os.times()
        threads = [threading.Thread(target=load.client) for _ in range(a.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        cpu1 = os.times()
        server_cpu_ms = (cpu_seconds(pid) - server_cpu0) * 1000.0 / max(load.done, 1)
        lat = sorted(x * 1000.0 for x in load.latencies)
        figures = {
            "clients": a.clients, "keep_alive": a.keep_alive, "requests": load.done, "pdf_bytes": len(pdf_bytes), "wall_s": round(wall, 2),
            "throughput_rps": round(load.done / wall, 1), "errors": len(load.errors),
            "first_errors": load.errors[:5], "reconnects": load.reconnects,
            "p50_ms": round(percentile(lat, 50), 2), "p95_ms": round(percentile(lat, 95), 2),
            "p99_ms": round(percentile(lat, 99), 2), "max_ms": round(lat[-1], 2) if lat else None,
            "rss_before_kib": rss0, "rss_kib": load.rss,
            "client_cpu_s": round((cpu1.user - cpu0.user) + (cpu1.system - cpu0.system), 2),
            "server_cpu_ms_per_request": round(server_cpu_ms, 2), "cores": os.cpu_count(), "loadavg_before": open("/proc/loadavg").read().split()[:3],
        }
        samples = [k for _, k in load.rss]
        growth_mib = (max(samples) - samples[0]) / 1024.0 if samples else 0.0
        figures["rss_growth_mib"] = round(growth_mib, 1)
        print("bench_portal_verify: %d clients, %d requests of %d bytes in %.1f s (%.0f req/s), %d errors" %
              (a.clients, load.done, len(pdf_bytes), wall, load.done / wall, len(load.errors)))
        print("  latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (p95 target %.0f: %s)" %
              (figures["p50_ms"], figures["p95_ms"], figures["p99_ms"], figures["max_ms"], a.p95_target_ms,
               "met" if figures["p95_ms"] <= a.p95_target_ms else "NOT met"))
        print("  server RSS MiB (every %d): %s; growth after the first sample %.1f MiB" %
              (a.rss_every, " ".join("%.1f" % (k / 1024.0) for k in samples), growth_mib))
        print("  server CPU %.1f ms per request; client CPU %.1f s; %d cores; load average before %s; reconnects %d" %
              (server_cpu_ms, figures["client_cpu_s"], figures["cores"], " ".join(figures["loadavg_before"]), load.reconnects))
        for e in load.errors[:5]:
            print("  error: " + e)
        if a.json:
            with open(a.json, "w") as f:
                json.dump(figures, f, indent=1)
        ok = not load.errors and load.done == a.requests and growth_mib <= a.rss_slack
        return 0 if ok else 1
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
