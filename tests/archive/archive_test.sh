#!/bin/bash
# Usage: archive_test.sh KANSLI SOURCE_DIR. Every step states what it expects; the first failure
# stops the test with a message (set -e and fail()).
set -euo pipefail
KANSLI=$1
SRC=$2
export SOURCE_DATE_EPOCH=1767225600  # 2026-01-01T00:00:00Z: batch meetings 2021-2025
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
K=$SRC/keys/demo
TRUST=(--trust "$K/root.cert.pem" --crl "$K/issuing.crl.pem" --crl "$K/root.crl.pem")
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "demo --batch 8, plus two documents that must be quarantined"
"$KANSLI" demo --batch 8 --out "$W/in" >/dev/null
ls "$W/in"/*.pdf | wc -l | grep -qx 8 || fail "demo --batch 8 did not make 8 signed PDFs"
# A signed byte flipped inside the first revision: a signature no longer verifies.
cp "$W/in/0001-protokoll-"*.pdf "$W/in/bad-signature.pdf"
printf 'X' | dd of="$W/in/bad-signature.pdf" bs=1 seek=2000 conv=notrunc status=none
# A source edited after signing (meeting 8): the rebuild differs from the signed first revision.
sed -i 's/Mötet öppnas/Mötet öppnades/' "$W/in/0008-protokoll-"*.xml

step "ingest: 7 archived, 2 quarantined (exit 1)"
set +e
"$KANSLI" archive ingest "$W/in" --archive "$W/A" -j 2 "${TRUST[@]}" --organisation "Region Jämtland Härjedalen" \
  --organisation-number 232100-0214 >"$W/ingest.txt"
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$W/ingest.txt"; fail "ingest exit $rc, expected 1"; }
[ "$(grep -c '^archived' "$W/ingest.txt")" -eq 7 ] || fail "expected 7 archived"
grep -q '^quarantined .*bad-signature.pdf .*verification failed' "$W/ingest.txt" || fail "bad signature not quarantined"
grep -q '^quarantined .*0008-protokoll-.*rebuild: the source rebuilt at .* differs' "$W/ingest.txt" ||
  fail "edited source not quarantined"
[ "$(ls "$W/A/karantän" | wc -l)" -eq 2 ] || fail "karantän should hold 2 folders"
grep -q 'rebuild identical' "$W/ingest.txt" || fail "no rebuild was identical"

step "every METS and PREMIS file validates (xmllint: METS 1.12.1, XLink, CSIP extension, PREMIS 3.0)"
export XML_CATALOG_FILES=$SRC/schemas/archive/catalog.xml
find "$W/A/packages" \( -name METS.xml -o -name premis.xml \) | sort >"$W/xml.txt"
[ "$(wc -l <"$W/xml.txt")" -eq 28 ] || fail "expected 7 x (3 METS + 1 PREMIS) files"
xargs xmllint --nonet --noout --schema "$SRC/schemas/archive/package.xsd" <"$W/xml.txt" 2>"$W/lint.txt" ||
  { cat "$W/lint.txt"; fail "xmllint"; }
[ "$(grep -c ' validates$' "$W/lint.txt")" -eq 28 ] || fail "not every file validated"
# The schema set is not a rubber stamp: a wrong CSIP value and a misplaced PREMIS element fail.
P=$(ls -d "$W/A/packages"/uuid-* | head -1)
sed 's/csip:OAISPACKAGETYPE="SIP"/csip:OAISPACKAGETYPE="PIZZA"/' "$P/METS.xml" >"$W/bad-mets.xml"
! xmllint --nonet --noout --schema "$SRC/schemas/archive/package.xsd" "$W/bad-mets.xml" 2>/dev/null ||
  fail "a bad csip:OAISPACKAGETYPE validated"
grep -q 'csip:CONTENTINFORMATIONTYPE="OTHER"' "$P/METS.xml" || fail "CONTENTINFORMATIONTYPE"
grep -q 'PROFILE="https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"' "$P/METS.xml" || fail "PROFILE"
grep -q 'TYPE="PHYSICAL" LABEL="CSIP"' "$P/METS.xml" || fail "structMap"
grep -q 'IDENTIFICATIONCODE">232100-0214' "$P/METS.xml" || fail "organisation number"
grep -q '<premis:eventOutcome>passed</premis:eventOutcome>' "$P/metadata/preservation/premis.xml" || fail "PREMIS event"
# METS checksums are the files' own.
pdf=$(ls "$P"/representations/rep1/data/*.pdf)
grep -q "CHECKSUM=\"$(sha256sum "$pdf" | cut -d' ' -f1)\"" "$P/METS.xml" || fail "METS checksum of the PDF"

step "E-ARK CSIP 2.1.0 and SIP 2.1.0 Schematron (xsltproc, ISO skeleton) on every root METS"
set +e
bash "$SRC/tests/archive/schematron.sh" "$SRC/tests/data/archive/schematron" "$W/A/packages"/uuid-*/METS.xml >"$W/sch.txt"
rc=$?
set -e
if [ $rc -eq 77 ]; then
  echo "   skipped: $(cat "$W/sch.txt")"
else
  [ $rc -eq 0 ] || { cat "$W/sch.txt"; fail "Schematron"; }
  tail -1 "$W/sch.txt"
fi

dump() {  # the register's content, order-independent (event ids depend on thread timing)
  for t in documents versions packages files signatures paragraphs; do
    sqlite3 "$1/register.sqlite" "SELECT * FROM $t ORDER BY 1, 2"
  done
  sqlite3 "$1/register.sqlite" "SELECT time, objid, type, outcome, detail FROM events ORDER BY 2, 3, 1"
}
tree_sum() { (cd "$1" && find packages karantän -type f | sort | xargs sha256sum); }

step "idempotent: a rerun archives nothing and changes nothing"
dump "$W/A" >"$W/dump1.txt"; tree_sum "$W/A" >"$W/tree1.txt"
set +e; "$KANSLI" archive ingest "$W/in" --archive "$W/A" -j 2 "${TRUST[@]}" --organisation "Region Jämtland Härjedalen" \
  --organisation-number 232100-0214 >"$W/again.txt"; set -e
[ "$(grep -c '^exists' "$W/again.txt")" -eq 7 ] || fail "rerun: expected 7 exists"
dump "$W/A" | diff - "$W/dump1.txt" || fail "rerun changed the register"
tree_sum "$W/A" | diff - "$W/tree1.txt" || fail "rerun changed the packages"

step "deterministic: another archive, one thread, JSON lines: byte-identical packages, same register"
set +e; "$KANSLI" archive ingest "$W/in" --archive "$W/B" -j 1 --json "${TRUST[@]}" --organisation "Region Jämtland Härjedalen" \
  --organisation-number 232100-0214 >"$W/b.json"; set -e
[ "$(grep -c '"outcome": "archived"' "$W/b.json")" -eq 7 ] || fail "JSON lines"
tail -1 "$W/b.json" | grep -q '"summary": {"archived": 7, "exists": 0, "quarantined": 2' || fail "JSON summary"
diff -r "$W/A/packages" "$W/B/packages" || fail "packages differ between runs"
dump "$W/B" | diff - "$W/dump1.txt" || fail "registers differ between runs"

step "kill -9 at several moments, then a rerun: the same packages and register, no orphans"
for delay in 0.3 0.8 1.5; do
  rm -rf "$W/C"
  "$KANSLI" archive ingest "$W/in" --archive "$W/C" -j 2 "${TRUST[@]}" --organisation "Region Jämtland Härjedalen" \
    --organisation-number 232100-0214 >/dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  set +e; "$KANSLI" archive ingest "$W/in" --archive "$W/C" -j 2 "${TRUST[@]}" --organisation "Region Jämtland Härjedalen" \
    --organisation-number 232100-0214 >/dev/null; set -e
  diff -r "$W/A/packages" "$W/C/packages" >/dev/null || fail "kill -9 after ${delay}s: packages differ"
  dump "$W/C" | grep -v '|quarantine|' >"$W/c.txt"; grep -v '|quarantine|' "$W/dump1.txt" | diff - "$W/c.txt" ||
    fail "kill -9 after ${delay}s: register differs"
  [ ! -e "$W/C/.tmp" ] || fail "kill -9 after ${delay}s: .tmp left behind"
  "$KANSLI" archive check --archive "$W/C" >/dev/null || fail "kill -9 after ${delay}s: check not clean"
done

step "search: full text, organ, dates, signer, § number"
"$KANSLI" archive search --archive "$W/A" "Mötet öppnas" --json >"$W/s.json"
[ "$(grep -o '"objid"' "$W/s.json" | wc -l)" -eq 7 ] || fail "every archived meeting has 'Mötet öppnas'"
"$KANSLI" archive search --archive "$W/A" --signer "Björn Sandal" | tail -1 | grep -qx '7 hits' || fail "signer"
"$KANSLI" archive search --archive "$W/A" --signer "Nobody Here" | tail -1 | grep -qx '0 hits' || fail "unknown signer"
organ=$(sqlite3 "$W/A/register.sqlite" "SELECT organ FROM documents ORDER BY date LIMIT 1")
n=$(sqlite3 "$W/A/register.sqlite" "SELECT count(*) FROM documents WHERE organ = '$organ'")
"$KANSLI" archive search --archive "$W/A" --organ "$organ" | tail -1 | grep -qx "$n hits\?" || fail "organ"
first=$(sqlite3 "$W/A/register.sqlite" "SELECT min(date) FROM documents")
"$KANSLI" archive search --archive "$W/A" --to "$first" | tail -1 | grep -qx '1 hit' || fail "--to"
num=$(sqlite3 "$W/A/register.sqlite" "SELECT number FROM paragraphs ORDER BY version LIMIT 1")
"$KANSLI" archive search --archive "$W/A" --paragraf "$num" | grep -q "§$num " || fail "--paragraf"
"$KANSLI" archive search --archive "$W/A" '"unbalanced' 'AND' 'NEAR(' >/dev/null || fail "FTS syntax from the user"

step "export: a folder and a deterministic ZIP"
objid=$(basename "$P")
"$KANSLI" archive export --archive "$W/A" "$objid" -o "$W/e1.zip"
"$KANSLI" archive export --archive "$W/A" "$objid" -o "$W/e2.zip"
cmp "$W/e1.zip" "$W/e2.zip" || fail "export ZIP not deterministic"
unzip -tq "$W/e1.zip" >/dev/null || fail "unzip -t"
"$KANSLI" archive export --archive "$W/A" "$objid" -o "$W/e-dir"
diff -r "$P" "$W/e-dir" || fail "exported folder differs"
set +e; "$KANSLI" archive export --archive "$W/A" nosuch -o "$W/x.zip" 2>/dev/null; rc=$?; set -e
[ $rc -eq 1 ] || fail "unknown id: exit $rc, expected 1"

step "4 shards through GNU parallel, merged = the single run"
parallel -j 2 "$KANSLI" archive ingest "$W/in" --archive "$W/S{}" --shard {}/4 -j 1 "${TRUST[@]}" \
  --organisation "'Region Jämtland Härjedalen'" --organisation-number 232100-0214 '>' /dev/null ::: 1 2 3 4 || true
"$KANSLI" archive merge --archive "$W/M" "$W/S1" "$W/S2" "$W/S3" "$W/S4" >/dev/null
diff -r "$W/A/packages" "$W/M/packages" || fail "merged packages differ"
dump "$W/M" | diff - "$W/dump1.txt" || fail "merged register differs"

step "check: clean, then a flipped byte, a replaced file and a deleted package are each named (exit 1)"
"$KANSLI" archive check --archive "$W/B" >"$W/check.txt" || { cat "$W/check.txt"; fail "check of a fresh archive"; }
grep -q 'no drift' "$W/check.txt" || fail "check output"
mapfile -t pk < <(ls -d "$W/B/packages"/uuid-* | sort)
pdf=$(ls "${pk[0]}"/representations/rep1/data/*.pdf)
printf '\x00' | dd of="$pdf" bs=1 seek=5000 conv=notrunc status=none
echo "replaced" >"${pk[1]}/documentation/rebuild.txt"
rm -rf "${pk[2]}"
# A file replaced by a symbolic link to a copy of the same bytes outside the archive: the package
# no longer holds it; check names it and does not read through the link.
cp "${pk[3]}/documentation/verification.txt" "$W/outside.txt"
ln -sf "$W/outside.txt" "${pk[3]}/documentation/verification.txt"
set +e; "$KANSLI" archive check --archive "$W/B" --json >"$W/check.json"; rc=$?; set -e
[ $rc -eq 1 ] || fail "check after tampering: exit $rc, expected 1"
grep -q "\"objid\": \"$(basename "${pk[0]}")\", \"file\": \"representations/rep1/data/.*changed: SHA-256" "$W/check.json" ||
  fail "bit rot not named"
grep -q "\"objid\": \"$(basename "${pk[0]}")\", \"file\": \"representations/rep1/data/.*signatures failed" "$W/check.json" ||
  fail "the flipped byte's signature failure not named"
grep -q "\"objid\": \"$(basename "${pk[1]}")\", \"file\": \"documentation/rebuild.txt\", \"what\": \"changed" "$W/check.json" ||
  fail "replaced file not named"
grep -q "\"objid\": \"$(basename "${pk[2]}")\", \"file\": \"\", \"what\": \"missing package" "$W/check.json" ||
  fail "missing package not named"
grep -q "\"objid\": \"$(basename "${pk[3]}")\", \"file\": \"documentation/verification.txt\", \"what\": \"replaced by a symbolic link" "$W/check.json" ||
  fail "file replaced by a symbolic link not named"
[ "$(grep -o '"objid"' "$W/check.json" | wc -l)" -eq 5 ] || { cat "$W/check.json"; fail "exactly 5 drifts expected"; }

step "check: the register itself: its § index out of step, then a damaged b-tree page, named as register.sqlite (exit 1)"
cp -a "$W/M" "$W/R"
RR=$W/R/register.sqlite
sqlite3 "$RR" "UPDATE paragraphs SET text = 'ändrad' WHERE rowid = (SELECT min(rowid) FROM paragraphs)"
set +e; "$KANSLI" archive check --archive "$W/R" --json >"$W/rcheck.json"; rc=$?; set -e
[ $rc -eq 1 ] || { cat "$W/rcheck.json"; fail "check of a register whose index is out of step: exit $rc, expected 1"; }
grep -q '"objid": "", "file": "register.sqlite", "what": "the search index does not match the §§' "$W/rcheck.json" ||
  { cat "$W/rcheck.json"; fail "the index out of step not named"; }
[ "$(grep -o '"objid"' "$W/rcheck.json" | wc -l)" -eq 1 ] || { cat "$W/rcheck.json"; fail "exactly 1 drift expected"; }
# The hint's remedy, as printed: the index is rebuilt from the §§ and the check is clean again.
fix=$({ "$KANSLI" archive check --archive "$W/R" || true; } | grep -o 'sqlite3 register.sqlite ".*"$' | sed 's/^sqlite3 register.sqlite //')
[ -n "$fix" ] || fail "no remedy printed"
eval "sqlite3 \"\$RR\" $fix"
"$KANSLI" archive check --archive "$W/R" >"$W/rcheck.txt" || { cat "$W/rcheck.txt"; fail "check after the rebuild"; }
# Bytes of an index page overwritten (the signers' index, which check does not read itself).
sqlite3 "$RR" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
root=$(sqlite3 "$RR" "SELECT rootpage FROM sqlite_master WHERE name = 'signatures_signer'")
psize=$(sqlite3 "$RR" "PRAGMA page_size")
printf 'kansli-rot-test-%.0s' 1 2 3 4 5 6 7 8 | dd of="$RR" bs=1 seek=$(((root - 1) * psize + psize - 196)) conv=notrunc status=none
set +e; "$KANSLI" archive check --archive "$W/R" >"$W/rcheck.txt"; rc=$?; set -e
[ $rc -eq 1 ] || { cat "$W/rcheck.txt"; fail "check of a damaged register: exit $rc, expected 1"; }
grep -q '^DRIFT  register.sqlite  integrity_check: ' "$W/rcheck.txt" || { cat "$W/rcheck.txt"; fail "damaged page not named"; }
! grep -q '^DRIFT  uuid-' "$W/rcheck.txt" || { cat "$W/rcheck.txt"; fail "a package named for the register's damage"; }

step "--zip: packages as ZIP files (unzip -t, xmllint on the METS inside), check and export work on them"
"$KANSLI" archive ingest "$W/in"/000[1-3]-*.pdf --archive "$W/ZIP" --zip -j 2 "${TRUST[@]}" \
  --organisation "Region Jämtland Härjedalen" --organisation-number 232100-0214 >"$W/zip.txt" ||
  { cat "$W/zip.txt"; fail "ingest --zip"; }
[ "$(ls "$W/ZIP/packages"/*.zip | wc -l)" -eq 3 ] || fail "expected 3 .zip packages"
[ -z "$(find "$W/ZIP/packages" -mindepth 1 -type d)" ] || fail "--zip left a package folder"
z=$(ls "$W/ZIP/packages"/*.zip | head -1)
zid=$(basename "$z" .zip)
unzip -tq "$z" >/dev/null || fail "unzip -t $z"
rm -rf "$W/unz" && mkdir "$W/unz" && (cd "$W/unz" && unzip -q "$z")
xmllint --nonet --noout --schema "$SRC/schemas/archive/package.xsd" "$W/unz/$zid/METS.xml" \
  "$W/unz/$zid/representations/rep1/METS.xml" "$W/unz/$zid/metadata/preservation/premis.xml" 2>"$W/lint.txt" ||
  { cat "$W/lint.txt"; fail "xmllint of the METS inside the ZIP"; }
"$KANSLI" archive check --archive "$W/ZIP" >"$W/zcheck.txt" || { cat "$W/zcheck.txt"; fail "check of zipped packages"; }
# The same package as a folder (the merged archive M) exported as a ZIP has the same bytes.
"$KANSLI" archive export --archive "$W/ZIP" "$zid" -o "$W/zexp" || fail "export of a zipped package to a folder"
cmp -s "$W/zexp/METS.xml" "$W/unz/$zid/METS.xml" || fail "exported folder differs from the ZIP"
[ -d "$W/M/packages/$zid" ] || fail "no folder package $zid in the merged archive"
"$KANSLI" archive export --archive "$W/M" "$zid" -o "$W/from-folder.zip" || fail "export of a folder package as ZIP"
cmp -s "$W/from-folder.zip" "$z" || fail "--zip package and exported ZIP of the same package differ"
# A ZIP entry changed: check names the package and the file.
rm -rf "$W/tamper" && mkdir "$W/tamper" && (cd "$W/unz" && printf 'x' >>"$zid/documentation/rebuild.txt" &&
  rm "$z" && zip -qX -r "$z" "$zid")
set +e
"$KANSLI" archive check --archive "$W/ZIP" --json >"$W/zcheck.json"
rc=$?
set -e
[ $rc -eq 1 ] || fail "check of a changed ZIP exit $rc, expected 1"
grep -q "\"objid\": \"$zid\", \"file\": \"documentation/rebuild.txt\", \"what\": \"changed" "$W/zcheck.json" ||
  { cat "$W/zcheck.json"; fail "changed ZIP entry not named"; }

step "usage errors exit 2"
set +e
"$KANSLI" archive ingest "$W/in" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no --archive"
"$KANSLI" archive ingest "$W/in" --archive "$W/Z" --shard 5/4 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--shard 5/4"
"$KANSLI" archive search --archive "$W/nothing" x >/dev/null 2>&1; [ $? -eq 2 ] || fail "search of no archive"
set -e
echo "archive test passed"
