#!/usr/bin/env bash
# Process-level benchmarks against the outside tools the issues compare with (not a test):
#   - start-up: `kansli --version` and `kansli-full --version`;
#   - a 3-signer chain (sekreterare, justerare, ordförande) as three `kansli sign` processes, and
#     as three `podofosign` processes on the same document and the same encrypted keys;
#   - verifying the 3-signed protokoll: `kansli verify` (chain + CRL) and `pdfsig` (with the demo
#     root trusted in a temporary NSS database, as kansli's check; without one; with -nocert).
# Usage: tests/bench/bench_process.sh [BUILD_DIR] [N]   (default build/ and N=50 rounds each)
# Prints the mean wall time per command over N rounds, after 3 warm-up rounds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
n="${2:-50}"
bin="$build/pipeline/cli/kansli"
keys="$root/keys/demo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'kansli-demo\n' >"$work/pass"

# mean_ms N COMMAND...: mean wall time of N runs in milliseconds (3 warm-up runs first).
mean_ms() {
  local runs="$1"; shift
  for _ in 1 2 3; do "$@" >/dev/null 2>&1 || true; done
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  awk -v ns=$((end - start)) -v n="$runs" 'BEGIN { printf "%.2f", ns / n / 1e6 }'
}

"$bin" build "$root/templates/examples/protokoll-2023-02-24.xml" -o "$work/p.pdf" --date 2023-02-24T16:00:00Z >/dev/null 2>&1

signers=(christian-ahren:sekreterare:Sekreterare bjorn-sandal:justerare:Justerare katarina-nyberg-finn:ordförande:Ordförande)
kansli_chain() {
  local in="$work/p.pdf" i=0
  for s in "${signers[@]}"; do
    IFS=: read -r who role _ <<<"$s"
    i=$((i + 1))
    "$bin" sign "$in" -o "$work/k$i.pdf" --key "$keys/$who.key.pem" --cert "$keys/$who.cert.pem" \
      --role "$role" --passphrase-file "$work/pass" --date "2023-02-2${i}T12:00:00Z" || return 1
    in="$work/k$i.pdf"
  done
}
podofo_chain() {
  local in="$work/p.pdf" i=0
  for s in "${signers[@]}"; do
    IFS=: read -r who _ field <<<"$s"
    i=$((i + 1))
    podofosign -in "$in" -out "$work/o$i.pdf" -cert "$keys/$who.cert.pem" -pkey "$keys/$who.key.pem" \
      -password kansli-demo -digest SHA256 -field-name "$field" -field-use-existing >/dev/null || return 1
    in="$work/o$i.pdf"
  done
}
chain_once() { rm -f "$work"/k*.pdf; kansli_chain; }
podofo_once() { rm -f "$work"/o*.pdf; podofo_chain; }

kansli_chain >/dev/null 2>&1
signed="$work/k3.pdf"
echo "start-up (kansli --version):        $(mean_ms "$n" "$bin" --version) ms"
echo "start-up (kansli-full --version):   $(mean_ms "$n" "$build/pipeline/cli/kansli-full" --version) ms"
echo "3-signer chain, kansli sign x3:     $(mean_ms "$n" chain_once) ms  (bytes: $(stat -c %s "$work/p.pdf") → $(stat -c %s "$work/k1.pdf") → $(stat -c %s "$work/k2.pdf") → $(stat -c %s "$work/k3.pdf"))"
if command -v podofosign >/dev/null && podofo_once 2>/dev/null; then
  echo "3-signer chain, podofosign x3:      $(mean_ms "$n" podofo_once) ms"
else
  echo "3-signer chain, podofosign x3:      (podofosign not available or failed)"
fi
echo "verify, kansli verify (trust, CRL): $(mean_ms "$n" "$bin" verify "$signed" --trust "$keys/root.cert.pem" --crl "$keys/issuing.crl.pem") ms"
if command -v pdfsig >/dev/null; then
  if command -v certutil >/dev/null; then
    # The same check as kansli's: the demo root trusted (for e-mail/document signing) in an NSS db.
    mkdir "$work/nss"
    certutil -N -d "sql:$work/nss" --empty-password
    certutil -A -d "sql:$work/nss" -n kansli-demo-root -t "CT,C,C" -i "$keys/root.cert.pem"
    echo "verify, pdfsig (root trusted):      $(mean_ms "$n" pdfsig -nssdir "sql:$work/nss" "$signed") ms"
  fi
  echo "verify, pdfsig (no trust db):       $(mean_ms "$n" pdfsig "$signed") ms"
  echo "verify, pdfsig -nocert:             $(mean_ms "$n" pdfsig -nocert "$signed") ms"
fi
