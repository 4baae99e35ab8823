#!/bin/bash
# kansli archive ingest on a full disk and on a read-only archive, with real file systems: a 1 MB
# tmpfs (full after a few packages) and a read-only bind mount of an existing archive. Expects a
# clear error naming the cause, exit 2, and a register that names no missing package (every
# registered package is in place and `archive check` of a copy finds no drift).
# Needs mount(2) (root, or a user+mount namespace: unshare -rm); skips (exit 77) without it.
# Usage: archive_faults_test.sh KANSLI SOURCE_DIR
set -euo pipefail
KANSLI=$1
SRC=$2
export SOURCE_DATE_EPOCH=1767225600
W=$(mktemp -d)
MOUNTS=()
cleanup() {
  for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT
K=$SRC/keys/demo
TRUST=(--trust "$K/root.cert.pem" --crl "$K/issuing.crl.pem" --crl "$K/root.crl.pem")
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

mkdir -p "$W/full"
if ! mount -t tmpfs -o size=1M kansli-test-full "$W/full" 2>/dev/null; then
  echo "SKIP: mount is not permitted here (needs root or a mount namespace)"
  exit 77
fi
MOUNTS+=("$W/full")

# registered_in_place ARCHIVE: every package the register names exists (folder or .zip).
registered_in_place() {
  local n=0
  while IFS= read -r p; do
    [ -e "$1/$p" ] || fail "the register names $p, which is missing in $1"
    n=$((n + 1))
  done < <(sqlite3 "$1/register.sqlite" 'SELECT path FROM packages' || echo '(the register cannot be read)')
  echo "$n"
}

step "demo --batch 6"
"$KANSLI" demo --batch 6 --out "$W/in" >/dev/null

for zip in "" "--zip"; do
  step "full disk (1 MB tmpfs) ${zip:-folders}: exit 2, 'No space left on device', no half package registered"
  rm -rf "${W:?}/full/"* "$W/full/".[!.]* 2>/dev/null || true
  set +e
  "$KANSLI" archive ingest "$W/in" --archive "$W/full/A" -j 1 $zip "${TRUST[@]}" >"$W/out.txt" 2>"$W/err.txt"
  rc=$?
  set -e
  [ $rc -eq 2 ] || { cat "$W/out.txt" "$W/err.txt"; fail "exit $rc on a full disk, expected 2"; }
  grep -q 'No space left on device\|database or disk is full' "$W/out.txt" "$W/err.txt" ||
    { cat "$W/out.txt" "$W/err.txt"; fail "the error does not say the disk is full"; }
  grep -q 'is the disk full' "$W/out.txt" "$W/err.txt" || fail "no hint about the full disk"
  n=$(registered_in_place "$W/full/A")
  [ "$n" -lt 6 ] || fail "all 6 packages fit in 1 MB: the disk was never full"
  echo "   $n packages registered before the disk was full; every one in place"
  [ ! -e "$W/full/A/.tmp" ] || [ -z "$(ls -A "$W/full/A/.tmp")" ] || fail "a half-written package is left in .tmp"
  rm -rf "$W/copy" && cp -a "$W/full/A" "$W/copy"
  "$KANSLI" archive check --archive "$W/copy" >"$W/check.txt" || { cat "$W/check.txt"; fail "check after a full disk"; }
  # Room again: the rerun archives the rest (idempotent, no orphan), and check is clean.
  "$KANSLI" archive ingest "$W/in" --archive "$W/copy" -j 2 $zip "${TRUST[@]}" >"$W/rerun.txt" ||
    { cat "$W/rerun.txt"; fail "rerun after the disk was full"; }
  [ "$(registered_in_place "$W/copy")" -eq 6 ] || fail "the rerun did not archive all 6"
  [ "$(ls "$W/copy/packages" | wc -l)" -eq 6 ] || fail "an orphan package is left after the rerun"
  "$KANSLI" archive check --archive "$W/copy" >"$W/check.txt" || { cat "$W/check.txt"; fail "check after the rerun"; }
done

step "read-only archive (a read-only bind mount): exit 2, a clear error, the register unchanged"
"$KANSLI" archive ingest "$W/in/0001-"*.pdf "$W/in/0002-"*.pdf --archive "$W/ro-src" -j 1 "${TRUST[@]}" >/dev/null
mkdir -p "$W/ro"
mount --bind "$W/ro-src" "$W/ro"
MOUNTS=("$W/ro" "${MOUNTS[@]}")
mount -o remount,bind,ro "$W/ro"
touch "$W/ro/probe" 2>/dev/null && fail "the bind mount is writable"
before=$(sha256sum "$W/ro-src/register.sqlite")
set +e
"$KANSLI" archive ingest "$W/in" --archive "$W/ro" -j 1 "${TRUST[@]}" >"$W/out.txt" 2>"$W/err.txt"
rc=$?
set -e
[ $rc -eq 2 ] || { cat "$W/out.txt" "$W/err.txt"; fail "exit $rc on a read-only archive, expected 2"; }
grep -q 'Read-only file system' "$W/err.txt" || { cat "$W/err.txt"; fail "the error does not say read-only"; }
grep -q 'is the archive read-only' "$W/err.txt" || fail "no hint about the read-only archive"
[ "$(sha256sum "$W/ro-src/register.sqlite")" = "$before" ] || fail "the register changed"
[ "$(registered_in_place "$W/ro-src")" -eq 2 ] || fail "the read-only archive should still hold 2 packages"
step "search still reads a read-only archive"
"$KANSLI" archive search --archive "$W/ro" >"$W/search.txt" 2>&1 || { cat "$W/search.txt"; fail "search on read-only"; }
grep -q '^2 hits' "$W/search.txt" || { cat "$W/search.txt"; fail "search on read-only: expected 2 hits"; }
echo "PASS"
