#!/bin/bash
# Makes a register of about TARGET documents for the search benchmark from a real one: copies of
# its rows (documents, versions, packages, signatures, §§ and their FTS5 index) under new keys.
# The source register must be of schema version 3 (kansli archive check upgrades one of version 1 or 2).
# Only the register is copied (search reads nothing else); the real ingest of 10,000 documents is
# too slow for a benchmark run on a shared machine. Usage: archive_search_register.sh FROM_ARCHIVE
# TO_ARCHIVE [TARGET=10000]
set -euo pipefail
FROM=$1
TO=$2
TARGET=${3:-10000}
rm -rf "$TO" && mkdir -p "$TO"
sqlite3 "$FROM/register.sqlite" ".backup '$TO/register.sqlite'"
v=$(sqlite3 "$TO/register.sqlite" "SELECT value FROM meta WHERE key = 'schema_version'")
if [ "$v" != 3 ]; then
  echo "$FROM: register schema version $v; upgrade it first (kansli archive check --archive $FROM)" >&2
  exit 2
fi
N=$(sqlite3 "$TO/register.sqlite" 'SELECT count(*) FROM versions')
copies=$(( (TARGET + N - 1) / N - 1 ))
sqlite3 "$TO/register.sqlite" <<SQL
BEGIN;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO documents SELECT d.id || '-' || k.i, d.kind, d.organisation, d.organ, d.date FROM documents d, k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO versions SELECT v.sha256 || '-' || k.i, v.document_id || '-' || k.i, v.revisions, v.source, v.rebuild,
  v.rebuild_detail, v.built_at, v.ingested FROM versions v, k WHERE v.sha256 NOT LIKE '%-%';
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO packages SELECT p.objid || '-' || k.i, p.version || '-' || k.i, p.path, p.created FROM packages p, k
  WHERE p.objid NOT LIKE '%-%-%-%-%-%-%';
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO signatures SELECT s.version || '-' || k.i, s.seq, s.signer, s.role, s.field, s.time, s.level, s.verdict
  FROM signatures s, k WHERE s.version NOT LIKE '%-%';
-- Through the view, as ingest writes them (its trigger keys and indexes each row of paragraphs):
-- each document's §§ together and in order.
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO paragraphs_fts(title, text, version, number) SELECT p.title, p.text, p.version || '-' || k.i, p.number
  FROM paragraphs p, k WHERE p.version NOT LIKE '%-%' ORDER BY 3, 4;
COMMIT;
SQL
echo "search register: $(sqlite3 "$TO/register.sqlite" 'SELECT count(*) FROM versions') documents," \
  "$(sqlite3 "$TO/register.sqlite" 'SELECT count(*) FROM paragraphs') §§"
