#!/bin/bash
# Differential check of the preflight reading verify's load (pdf/loaded.hpp; not a test): nothing
# an archive or a report says may change.
#  1. test_inspect_shared over a corpus: `kansli demo --batch N`, tampered copies of three of its
#     protokolls (tests/bench/tamper_batch.py), copies with bytes after the last %%EOF (blank, NUL,
#     other) and a `kansli demo` output: the inspect report through verify's load equals the
#     standalone one on each (and verify's report is the same with and without handing it out).
#  2. `kansli inspect` (text and --json, exit code) of the two binaries on the same corpus.
#  3. `archive ingest` of the batch plus the tampered and trailing-byte copies (quarantined ones too)
#     by both binaries, -j 1 and -j 2: their --json lines (sorted), `diff -r` of the archives and
#     `sqlite3 .dump` of their registers (-j 2: the rows sorted, the register file aside).
# Usage: tests/bench/inspect_shared_differential.sh OLD_KANSLI_FULL NEW_KANSLI_FULL [N=20] [WORK=/tmp/kansli-inshare-diff]
#   Run from the repository root with a built build/ (test_inspect_shared). Exit 0 when identical.
set -euo pipefail
OLD=$1 NEW=$2 N=${3:-20} W=${4:-/tmp/kansli-inshare-diff}
export SOURCE_DATE_EPOCH=1767225600 TZ=UTC LC_ALL=C.UTF-8 KANSLI_HOME=$PWD
rm -rf "$W" && mkdir -p "$W/corpus" "$W/in"
"$NEW" demo --batch "$N" --out "$W/batch" >/dev/null
mapfile -t batch < <(ls "$W"/batch/*.pdf)
for f in "${batch[0]}" "${batch[$((N / 2))]}" "${batch[$((N - 1))]}"; do
  python3 tests/bench/tamper_batch.py "$f" "$W/corpus"
done
for i in 1 2 3; do
  s=$(basename "${batch[$i]}" .pdf)
  { cat "${batch[$i]}"; printf '\n \n'; } >"$W/corpus/$s-blank-tail.pdf"
  { cat "${batch[$i]}"; printf '\0\0'; } >"$W/corpus/$s-nul-tail.pdf"
  { cat "${batch[$i]}"; printf '%%junk\n'; } >"$W/corpus/$s-junk-tail.pdf"
done
"$NEW" demo --out "$W/demo-out" >/dev/null
find "$W/demo-out" -name '*.pdf' | sort | while read -r f; do cp "$f" "$W/corpus/demo_$(basename "$f")"; done
cp "$W"/batch/*.pdf "$W/corpus/"
echo "1. shared load vs standalone: $(ls "$W"/corpus/*.pdf | wc -l) PDFs"
KANSLI_SHARED_CORPUS=$W/corpus build/tests/inspect/test_inspect_shared "[inspect][shared]" | grep -E "PDFs compared|passed|FAILED"
echo "2. kansli inspect, old and new binaries"
for b in old new; do
  bin=$OLD && [ $b = new ] && bin=$NEW
  mkdir -p "$W/inspect-$b"
  for f in "$W"/corpus/*.pdf; do
    { "$bin" inspect "$f" 2>&1 || echo "rc=$?"; } >"$W/inspect-$b/$(basename "$f").txt"
    { "$bin" inspect "$f" --json 2>&1 || echo "rc=$?"; } >"$W/inspect-$b/$(basename "$f").json"
  done
done
diff -r "$W/inspect-old" "$W/inspect-new" && echo "   identical"
echo "3. archive ingest, old and new binaries"
cp "$W"/batch/* "$W/in/"
cp "$W"/corpus/*-tail.pdf "$W"/corpus/*-content.pdf "$W"/corpus/*-truncated.pdf "$W"/corpus/*-resave.pdf "$W/in/"
K=keys/demo
for j in 1 2; do
  for b in old new; do
    bin=$OLD && [ $b = new ] && bin=$NEW
    { "$bin" archive ingest "$W/in" --archive "$W/A-$b-$j" -j $j --trust $K/root.cert.pem \
      --crl $K/issuing.crl.pem --crl $K/root.crl.pem --json || echo "rc=$?"; } | sed "s|$W/A-$b-$j|A|g" |
      sort >"$W/ingest-$b-$j.txt"  # -j 2 prints in the order documents finish
    if [ $j = 1 ]; then
      sqlite3 "$W/A-$b-$j/register.sqlite" .dump >"$W/dump-$b-$j.sql"
    else  # rows in the order documents finish: compare content (as tests/archive/archive_test.sh)
      for t in documents versions packages files signatures paragraphs; do
        sqlite3 "$W/A-$b-$j/register.sqlite" "SELECT * FROM $t ORDER BY 1, 2"
      done >"$W/dump-$b-$j.sql"
      sqlite3 "$W/A-$b-$j/register.sqlite" "SELECT time, objid, type, outcome, detail FROM events ORDER BY 2, 3, 1" \
        >>"$W/dump-$b-$j.sql"
    fi
  done
  diff "$W/ingest-old-$j.txt" "$W/ingest-new-$j.txt"
  diff "$W/dump-old-$j.sql" "$W/dump-new-$j.sql"
  x=() && [ $j = 2 ] && x=(-x 'register.sqlite*')  # -j 1: the register file itself too
  diff -r "${x[@]}" "$W/A-old-$j" "$W/A-new-$j"
  echo "   -j $j: $(grep -c '"outcome": "archived"' "$W/ingest-new-$j.txt" || true) archived lines," \
    "$(ls "$W/A-new-$j/karantän" 2>/dev/null | wc -l) quarantined entries, $(wc -l <"$W/dump-new-$j.sql") dump lines: identical"
done
