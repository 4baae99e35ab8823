#!/bin/bash
# Benchmark of kansli archive (issue 13): ingest, check and search.
# Usage: tests/bench/bench_archive.sh [N=1000] [KANSLI=build/pipeline/cli/kansli-full] [WORK=/tmp/kansli-bench-archive]
#   1. kansli demo --batch N (the input; timed but not a target)
#   2. kansli archive ingest -j 2 of the N documents, every check (verify, rebuild, package, register)
#   3. kansli archive check -j 2 of the N packages
#   4. kansli archive search over 10,000 documents: the register of step 2 multiplied (SQL copies of its
#      rows under other version keys, FTS5 included) to 10,000 documents, then 20 timed searches
# Prints wall time, CPU time and peak RSS of each step (GNU time). Run on an idle machine.
set -euo pipefail
N=${1:-1000}
KANSLI=${2:-build/pipeline/cli/kansli-full}
W=${3:-/tmp/kansli-bench-archive}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
K=$(dirname "$0")/../../keys/demo
T() { /usr/bin/time -f "  $1: %e s wall, %U s user, %S s sys, %M KB peak RSS" "${@:2}"; }
if [ ! -f "$W/in/$(printf %04d "$N")-"*.pdf ] 2>/dev/null && [ "$(ls "$W/in"/*.pdf 2>/dev/null | wc -l)" -ne "$N" ]; then
  rm -rf "$W/in"
  T "demo --batch $N" "$KANSLI" demo --batch "$N" --out "$W/in" >/dev/null
fi
rm -rf "$W/A"
T "ingest $N -j 2" "$KANSLI" archive ingest "$W/in" --archive "$W/A" -j 2 --trust "$K/root.cert.pem" \
  --crl "$K/issuing.crl.pem" --crl "$K/root.crl.pem" >"$W/ingest.txt"
tail -1 "$W/ingest.txt"
T "check $N -j 2" "$KANSLI" archive check --archive "$W/A" -j 2 | tail -1
# 10,000 documents for search: copies of the rows under new version/document keys.
rm -rf "$W/S" && mkdir -p "$W/S" && cp "$W/A/register.sqlite" "$W/S/"
copies=$(( (10000 + N - 1) / N - 1 ))
sqlite3 "$W/S/register.sqlite" <<SQL
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO documents SELECT d.id || '-' || k.i, d.kind, d.organisation, d.organ, d.date FROM documents d, k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO versions SELECT v.sha256 || '-' || k.i, v.document_id || '-' || k.i, v.revisions, v.source, v.rebuild,
  v.rebuild_detail, v.built_at, v.ingested FROM versions v, k WHERE v.sha256 NOT LIKE '%-%';
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO packages SELECT p.objid || '-' || k.i, p.version || '-' || k.i, p.path, p.created FROM packages p, k
  WHERE p.objid NOT LIKE '%-%-%-%-%-%';
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO signatures SELECT s.version || '-' || k.i, s.seq, s.signer, s.role, s.field, s.time, s.level, s.verdict
  FROM signatures s, k WHERE s.version NOT LIKE '%-%';
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO paragraphs SELECT p.version || '-' || k.i, p.number, p.title, p.text FROM paragraphs p, k
  WHERE p.version NOT LIKE '%-%';
INSERT INTO paragraphs_fts(title, text, version, number) SELECT title, text, version, number FROM paragraphs
  WHERE version LIKE '%-%';
SQL
echo "  search register: $(sqlite3 "$W/S/register.sqlite" 'SELECT count(*) FROM versions') documents," \
  "$(sqlite3 "$W/S/register.sqlite" 'SELECT count(*) FROM paragraphs') §§"
for q in "psykisk hälsa" "Mötet avslutas" "ungdomsmottagning" "--organ Patientnämnden --from 2023-01-01 --to 2023-12-31" \
         "--signer Björn --paragraf 12" "suicid --organ Samverkansberedningen"; do
  start=$(date +%s%N)
  for i in 1 2 3 4 5; do eval "\"$KANSLI\" archive search --archive \"$W/S\" --limit 20 $q" >/dev/null; done
  end=$(date +%s%N)
  echo "  search $q: $(( (end - start) / 5000000 )) ms per process (mean of 5, start-up included)"
done
