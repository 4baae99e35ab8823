#!/bin/bash
# Usage: archive_search_test.sh KANSLI_FULL KANSLI. archive search semantics on a register whose
# rows the test writes itself (in ingest's order, §§ through the view paragraphs_fts and its
# trigger, as ingest and merge write them): newest first, the limit, the total of all matches,
# every filter alone and combined against the same question asked of the plain tables with
# sqlite3, the organ code shared past 4094, the FTS5 index against its content (paragraphs), and
# the upgrade of schema version 2 and 1 registers. The first failure stops the test.
set -euo pipefail
FULL=$1
KANSLI=$2
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
A=$W/A
R=$A/register.sqlite
mkdir "$W/empty"
"$FULL" archive ingest "$W/empty" --archive "$A" >/dev/null

step "a register of 60 documents written as ingest writes them (document, version, package, signatures, §§)"
# Meeting i: organ i % 4, date 2020-01-01 + 37 i days (meetings 1 and 5: one date, one organ), §§ 10 i + 1 … 10 i + (i % 5) + 1 (none for i % 7 = 0), signers
# "Anna A" always, "Björn B" for even i, "Sekreterare <i>" for i % 3 = 0 (20 signers); § text "ord<i % 3>" and "common"; title "Titel <i>".
{
  echo "BEGIN;"
  for i in $(seq 1 60); do
    d=$(date -u -d "2020-01-01 + $((37 * i)) days" +%F)
    [ "$i" -eq 5 ] && d=$(date -u -d "2020-01-01 + 37 days" +%F)  # the date of meeting 1, organ 1 too
    v=$(printf 'v%062d' "$i")
    echo "INSERT INTO documents VALUES ('doc$i', 'protokoll', 'Org', 'Organ $((i % 4))', '$d');"
    echo "INSERT INTO versions VALUES ('$v', 'doc$i', 1, '', 'identical', '', '', '');"
    echo "INSERT INTO packages VALUES ('obj$(printf %03d "$i")', '$v', 'packages/obj$i', '');"
    echo "INSERT INTO signatures VALUES ('$v', 1, 'Anna A', 'ordförande', 'f1', '', 'B-T', 'valid');"
    [ $((i % 2)) -eq 0 ] && echo "INSERT INTO signatures VALUES ('$v', 2, 'Björn B', 'justerare', 'f2', '', 'B-T', 'valid');"
    [ $((i % 3)) -eq 0 ] && echo "INSERT INTO signatures VALUES ('$v', 3, 'Sekreterare $i', 'sekreterare', 'f3', '', 'B-T', 'valid');"
    if [ $((i % 7)) -ne 0 ]; then
      for n in $(seq $((10 * i + 1)) $((10 * i + i % 5 + 1))); do
        echo "INSERT INTO paragraphs_fts VALUES ('Titel $i', 'ord$((i % 3)) common text', '$v', $n);"
      done
    fi
  done
  echo "COMMIT;"
} | sqlite3 "$R"

# The expected answer from the plain tables: "DATE ORGAN §N OBJID" lines in the documented order
# (newest first: date, organ code, archive order, § number, all descending).
expect() { # WHERE-clause over d (documents), p (packages), f (paragraphs or NULL), s (signer list)
  sqlite3 "$R" "SELECT d.date || '  ' || d.organ || '  ' || coalesce('§' || f.number || ' ' || f.title || '  ', '') || p.objid
    FROM documents d JOIN versions v ON v.document_id = d.id JOIN packages p ON p.version = v.sha256
    JOIN organs o ON o.name = d.organ $2
    JOIN (SELECT version, group_concat(signer, char(10)) AS s FROM signatures GROUP BY version) g ON g.version = v.sha256
    WHERE $1 ORDER BY d.date DESC, o.code DESC, p.rowid DESC, f.number DESC"
}
check() { # NAME WHERE JOIN-OF-f -- ARGS...
  local name=$1 where=$2 join=$3
  shift 4
  expect "$where" "$join" >"$W/want"
  "$KANSLI" archive search --archive "$A" --limit 1000 "$@" | grep -v '^    ' | sed '$d' >"$W/got"
  diff "$W/want" "$W/got" >"$W/diff" || { cat "$W/diff"; fail "$name: hits or their order differ"; }
  local n
  n=$(wc -l <"$W/want")
  [ "$n" -gt 0 ] || [ "$name" = "nothing" ] || fail "$name: the test expects hits"
  # The limit: the first 3 of the same list, and the total of all.
  "$KANSLI" archive search --archive "$A" --limit 3 "$@" >"$W/three"
  grep -v '^    ' "$W/three" | sed '$d' | diff - <(head -3 "$W/want") || fail "$name: --limit 3 is not the first 3"
  if [ "$n" -gt 3 ]; then
    tail -1 "$W/three" | grep -q "^3 of $n hits, newest first" || fail "$name: total $(tail -1 "$W/three"), want $n"
  else
    tail -1 "$W/three" | grep -qx "$n hits\?" || fail "$name: last line $(tail -1 "$W/three"), want $n"
  fi
  "$KANSLI" archive search --archive "$A" --limit 3 --json "$@" | grep -q "^{\"total\": $n, \"shown\": $((n < 3 ? n : 3))," ||
    fail "$name: JSON total"
  echo "   $name: $n hits"
}
F="LEFT JOIN paragraphs f ON 0"
P="JOIN paragraphs f ON f.version = v.sha256"
step "every filter alone and combined: the same hits, in the same order, as the plain tables give"
check "everything" "1" "$F" --
check "organ" "d.organ = 'Organ 2'" "$F" -- --organ "Organ 2"
check "dates" "d.date BETWEEN '2021-03-01' AND '2023-06-30'" "$F" -- --from 2021-03-01 --to 2023-06-30
check "organ + dates" "d.organ = 'Organ 1' AND d.date >= '2022-01-01'" "$F" -- --organ "Organ 1" --from 2022-01-01
check "signer" "instr(g.s, 'Björn') > 0" "$F" -- --signer Björn
# --signer matching a few signers writes their codes into the query; more than 16 are read from a
# JSON array (archive/search.cpp signer_in): both give the plain tables' answer.
check "signer, 3 names" "instr(g.s, 'Sekreterare 1') > 0" "$F" -- --signer "Sekreterare 1"
check "signer, 20 names" "instr(g.s, 'Sekreterare') > 0" "$F" -- --signer Sekreterare
check "word + signer, 20 names" "f.text LIKE 'ord0 %' AND instr(g.s, 'Sekreterare') > 0" "$P" -- ord0 --signer Sekreterare
check "signer, 3 names + paragraf" "instr(g.s, 'Sekreterare 1') > 0 AND f.number = 121" "$P" -- --signer "Sekreterare 1" --paragraf 121
check "paragraf" "f.number = 243" "$P" -- --paragraf 243
check "signer + paragraf" "instr(g.s, 'Björn') > 0 AND f.number = 121" "$P" -- --signer Björn --paragraf 121
check "word" "f.text LIKE 'ord1 %'" "$P" -- ord1
check "common word" "1" "$P" -- common
check "two words, one in the title" "f.title = 'Titel 12'" "$P" -- common "Titel" 12
check "word + organ + dates" "f.text LIKE 'ord2 %' AND d.organ = 'Organ 3' AND d.date <= '2024-12-31'" "$P" -- ord2 --organ "Organ 3" --to 2024-12-31
check "word + signer" "f.text LIKE 'ord0 %' AND instr(g.s, 'Björn') > 0" "$P" -- ord0 --signer Björn
check "word + paragraf" "f.number = 342" "$P" -- common --paragraf 342
check "nothing" "0" "$F" -- --organ "No such organ"
"$KANSLI" archive search --archive "$A" --limit 0 common | tail -1 | grep -q "^0 of $(sqlite3 "$R" 'SELECT count(*) FROM paragraphs') hits" ||
  fail "--limit 0 counts only"

step "the index is the §§ table's: FTS5's integrity-check against its content; a repeated § is ignored in both"
fts_ok() { sqlite3 "$R" "INSERT INTO paragraph_search(paragraph_search, rank) VALUES ('integrity-check', 1)"; }
fts_ok || fail "the FTS5 index does not match paragraphs"
[ "$(sqlite3 "$R" "SELECT count(*) FROM sqlite_master WHERE name = 'paragraph_search_content'")" = 0 ] ||
  fail "the FTS5 table keeps its own copy of the texts"
v3=$(printf 'v%062d' 3)
before=$(sqlite3 "$R" "SELECT count(*) FROM paragraphs; SELECT n_no FROM package_search WHERE version = '$v3'" | tr '\n' ' ')
sqlite3 "$R" "INSERT INTO paragraphs_fts VALUES ('Titel 3', 'second copy', '$v3', 31)"
[ "$(sqlite3 "$R" "SELECT count(*) FROM paragraphs; SELECT n_no FROM package_search WHERE version = '$v3'" | tr '\n' ' ')" = "$before" ] ||
  fail "a repeated (version, number) was registered"
fts_ok || fail "a repeated § put the index out of step"
"$KANSLI" archive search --archive "$A" "second copy" | tail -1 | grep -qx "0 hits" || fail "the repeated § is searchable"
# The check can fail: a text changed behind the index's back is found.
cp "$R" "$W/drift.sqlite"
sqlite3 "$W/drift.sqlite" "UPDATE paragraphs SET text = 'changed' WHERE rowid = (SELECT min(rowid) FROM paragraphs)"
if sqlite3 "$W/drift.sqlite" "INSERT INTO paragraph_search(paragraph_search, rank) VALUES ('integrity-check', 1)" 2>/dev/null; then
  fail "integrity-check missed a changed text"
fi

step "the count stops past 1000 hits unless it is all that is asked for (kCountCap)"
{
  echo "BEGIN;"
  v=$(printf 'v%062d' 64)
  echo "INSERT INTO documents VALUES ('doc64', 'protokoll', 'Org', 'Organ 0', '2019-06-01');"
  echo "INSERT INTO versions VALUES ('$v', 'doc64', 1, '', 'identical', '', '', '');"
  echo "INSERT INTO packages VALUES ('obj064', '$v', 'packages/obj64', '');"
  echo "INSERT INTO signatures VALUES ('$v', 1, 'Anna A', 'ordförande', 'f1', '', 'B-T', 'valid');"
  for n in $(seq 1 1100); do
    echo "INSERT INTO paragraphs_fts VALUES ('Många', 'mångfald $n', '$v', $n);"
  done
  echo "COMMIT;"
} | sqlite3 "$R"
"$KANSLI" archive search --archive "$A" --limit 3 mångfald | tail -1 | grep -q "^3 of more than 1000 hits, newest first" ||
  fail "past the cap: $("$KANSLI" archive search --archive "$A" --limit 3 mångfald | tail -1)"
"$KANSLI" archive search --archive "$A" --limit 3 --json mångfald | grep -q '^{"total": 1001, "total_exact": false, "shown": 3,' ||
  fail "past the cap: JSON"
"$KANSLI" archive search --archive "$A" --limit 0 mångfald | tail -1 | grep -q "^0 of 1100 hits" || fail "--limit 0: exact"
"$KANSLI" archive search --archive "$A" --limit 1050 mångfald | tail -1 | grep -q "^1050 of 1100 hits" ||
  fail "a limit past the cap counts to the next thousand"
"$KANSLI" archive search --archive "$A" --limit 1100 mångfald | tail -1 | grep -qx "1100 hits" || fail "all shown"
"$KANSLI" archive search --archive "$A" --limit 3 --json --organ "Organ 0" | grep -q '^{"total": [0-9]*, "shown": 3,' ||
  fail "under the cap: exact, no total_exact"

step "the documents of one date and organ: the last archived first, a document's §§ from the last"
d1=$(sqlite3 "$R" "SELECT date FROM documents WHERE id = 'doc1'")
"$KANSLI" archive search --archive "$A" --from "$d1" --to "$d1" | grep -o 'obj00[15]' | tr '\n' ' ' | grep -qx 'obj005 obj001 ' ||
  fail "two meetings of Organ 1 on $d1: want obj005 then obj001"
"$KANSLI" archive search --archive "$A" --from "$d1" --to "$d1" common | grep -o '^[0-9-]*  Organ 1  §[0-9]* [^ ]* [0-9]*  obj00[15]' |
  sed 's/.*§\([0-9]*\) .*\(obj00.\)/\1 \2/' | tr '\n' ' ' | grep -qx '51 obj005 12 obj001 11 obj001 ' ||
  fail "their §§: want 51 of obj005, then 12 11 of obj001"

step "an organ past the 4094th shares the last code: its filter reads the rows and stays exact"
sqlite3 "$R" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 4100)
  INSERT INTO organs(name) SELECT 'Filler ' || i FROM k;"
{
  echo "BEGIN;"
  for i in 61 62 63; do
    v=$(printf 'v%062d' "$i")
    echo "INSERT INTO documents VALUES ('doc$i', 'protokoll', 'Org', 'Late organ $((i % 2))', '2030-01-0$((i - 60))');"
    echo "INSERT INTO versions VALUES ('$v', 'doc$i', 1, '', 'identical', '', '', '');"
    echo "INSERT INTO packages VALUES ('obj0$i', '$v', 'packages/obj$i', '');"
    echo "INSERT INTO signatures VALUES ('$v', 1, 'Anna A', 'ordförande', 'f1', '', 'B-T', 'valid');"
    echo "INSERT INTO paragraphs_fts VALUES ('Sent', 'late word', '$v', 1);"
  done
  echo "COMMIT;"
} | sqlite3 "$R"
[ "$(sqlite3 "$R" "SELECT count(DISTINCT (key >> 28) & 4095) FROM package_search WHERE organ LIKE 'Late%'")" = 1 ] ||
  fail "the late organs should share one code"
check "late organ" "d.organ = 'Late organ 1'" "$F" -- --organ "Late organ 1"
check "late organ + word" "d.organ = 'Late organ 0'" "$P" -- late --organ "Late organ 0"

step "registers of schema versions 2 and 1: search refuses them with a hint; check upgrades them; the same rows and answers"
"$KANSLI" archive search --archive "$A" --limit 1000 common >"$W/v3.txt"
"$KANSLI" archive search --archive "$A" --limit 1000 --signer Björn --paragraf 121 >"$W/v3b.txt"
keyed() { sqlite3 "$1" "SELECT rowid, * FROM paragraphs ORDER BY rowid; SELECT * FROM package_search ORDER BY key;
  SELECT * FROM organs ORDER BY code; SELECT * FROM signers ORDER BY code" | md5sum; }
keyed "$R" >"$W/v3.keys"
cp "$R" "$W/v3.sqlite"
# Version 2 as 0.4.0 wrote it: paragraphs with rowids of their own, the FTS5 table holding its own
# copy of the texts under the keys, the view's trigger writing that copy only.
sqlite3 "$R" "BEGIN;
  CREATE TEMP TABLE keep AS SELECT rowid AS key, version, number, title, text FROM paragraphs;
  DROP VIEW paragraphs_fts; DROP TABLE paragraph_search; DROP TABLE paragraphs;
  CREATE TABLE paragraphs(version TEXT NOT NULL REFERENCES versions(sha256), number INTEGER NOT NULL,
    title TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(version, number));
  INSERT INTO paragraphs SELECT version, number, title, text FROM keep ORDER BY version, number;
  CREATE VIRTUAL TABLE paragraph_search USING fts5(title, text, version UNINDEXED, number UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0');
  INSERT INTO paragraph_search(rowid, title, text, version, number) SELECT key, title, text, version, number FROM keep;
  CREATE VIEW paragraphs_fts(title, text, version, number) AS
    SELECT title, text, version, number FROM paragraph_search;
  CREATE TRIGGER paragraphs_fts_insert INSTEAD OF INSERT ON paragraphs_fts BEGIN
    INSERT INTO paragraph_search(rowid, title, text, version, number)
      SELECT CASE WHEN k.n < 16384 THEN k.key | k.n END, NEW.title, NEW.text, NEW.version, NEW.number
      FROM (SELECT key, n_no AS n FROM package_search WHERE version = NEW.version UNION ALL SELECT 0, 16384 LIMIT 1) k;
    UPDATE package_search SET first_no = CASE n_no WHEN 0 THEN NEW.number ELSE min(first_no, NEW.number) END,
      last_no = CASE n_no WHEN 0 THEN NEW.number ELSE max(last_no, NEW.number) END, n_no = n_no + 1
     WHERE version = NEW.version;
  END;
  UPDATE meta SET value = '2' WHERE key = 'schema_version'; COMMIT;"
[ "$(sqlite3 "$R" "SELECT count(*) FROM sqlite_master WHERE name = 'paragraph_search_content'")" = 1 ] || fail "not a version 2 layout"
upgraded() { # VERSION [keys]: with keys, the upgrade must keep every key, row and code
  set +e
  "$KANSLI" archive search --archive "$A" common >"$W/old.txt" 2>&1
  local rc=$?
  set -e
  [ $rc -eq 2 ] && grep -q "schema version $1;" "$W/old.txt" && grep -q 'hint: kansli archive check.*upgrades it to version 3' "$W/old.txt" ||
    { cat "$W/old.txt"; fail "v$1 register: exit $rc"; }
  "$FULL" archive check --archive "$A" >/dev/null 2>&1 || true  # the packages are not there: drift, but upgraded
  [ "$(sqlite3 "$R" "SELECT value FROM meta WHERE key = 'schema_version'")" = 3 ] || fail "check did not upgrade v$1"
  fts_ok || fail "v$1 upgraded: the index does not match paragraphs"
  [ "${2-}" != keys ] || keyed "$R" | diff "$W/v3.keys" - || fail "v$1 upgraded: other keys, rows or codes than version 3 wrote"
  "$KANSLI" archive search --archive "$A" --limit 1000 common | diff "$W/v3.txt" - || fail "v$1 upgraded: text search differs"
  "$KANSLI" archive search --archive "$A" --limit 1000 --signer Björn --paragraf 121 | diff "$W/v3b.txt" - ||
    fail "v$1 upgraded: signer + paragraf differs"
  echo "   version $1: upgraded"
}
upgraded 2 keys
# Version 1: one FTS5 table paragraphs_fts with insertion-order rowids, no keys, no package rows
# (nor organ codes: the 4,100 filler organs above are gone, so the keys are derived anew).
cp "$W/v3.sqlite" "$R"
rm -f "$R-wal" "$R-shm"
sqlite3 "$R" "BEGIN;
  CREATE TEMP TABLE keep AS SELECT f.version, f.number, f.title, f.text FROM paragraphs f
    JOIN packages p ON p.version = f.version ORDER BY p.rowid, f.rowid;
  DROP VIEW paragraphs_fts; DROP TABLE paragraph_search; DROP TRIGGER package_search_insert;
  DROP TRIGGER package_search_signer; DROP TABLE package_search; DROP TABLE organs; DROP TABLE signers;
  DROP TABLE paragraphs;
  CREATE TABLE paragraphs(version TEXT NOT NULL REFERENCES versions(sha256), number INTEGER NOT NULL,
    title TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(version, number));
  INSERT INTO paragraphs SELECT * FROM keep ORDER BY rowid;
  CREATE VIRTUAL TABLE paragraphs_fts USING fts5(title, text, version UNINDEXED, number UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0');
  INSERT INTO paragraphs_fts SELECT title, text, version, number FROM keep ORDER BY rowid;
  UPDATE meta SET value = '1' WHERE key = 'schema_version'; COMMIT;"
upgraded 1
echo "PASS"
