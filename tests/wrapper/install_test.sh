#!/usr/bin/env bash
# `cmake --install` (what `./kansli install` runs) into a temporary prefix, then kansli run from
# PATH with no wrapper and no KANSLI_HOME: it must read the installed data (PREFIX/share/kansli),
# not the source tree it was built from. Checked three ways: `kansli --paths` names the
# installed folder; a label changed in the installed style appears in the built PDF; and
# validate, build and demo work from the installed copy (outputs checked with qpdf and pdftotext).
# Usage: tests/wrapper/install_test.sh BUILD_DIR
set -euo pipefail
build="$(cd "${1:?usage: install_test.sh BUILD_DIR}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unset KANSLI_HOME
export SOURCE_DATE_EPOCH=1677628800 TZ=UTC
failures=0
check() {  # check WHAT COMMAND...: the command must succeed
  local what="$1"; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
share="$prefix/share/kansli"
export PATH="$prefix/bin:$PATH"
cd "$work"
check "kansli on PATH is the installed one" test "$(command -v kansli)" = "$prefix/bin/kansli"
check "kansli-full installed beside it" test -x "$prefix/bin/kansli-full"
paths="$(kansli --paths)"
check "--paths names the installed data" grep -qx "home: $share (installed beside the executable)" <<<"$paths"
check "--paths: schemas installed" test -f "$share/schemas/protokoll.xsd"

mkdir doc
cp "$share/templates/examples/protokoll-2023-02-24.xml" doc/
check "validate an installed example" kansli validate doc/protokoll-2023-02-24.xml
check "build it" kansli build doc/protokoll-2023-02-24.xml -o doc/p.pdf
check "the PDF passes qpdf --check" bash -c 'qpdf --check doc/p.pdf >/dev/null'
check "its text has the style's label" grep -q "PROTOKOLL" <(pdftotext -l 1 doc/p.pdf -)

# The installed style, and no other, is what build reads by default.
sed -i 's/^protokoll = PROTOKOLL$/protokoll = INSTALLERAT PROTOKOLL/' "$share/templates/style/region-jh.conf"
check "build after the installed style changed" kansli build doc/protokoll-2023-02-24.xml -o doc/q.pdf
check "the changed label of the installed style is in the PDF" \
  grep -q "INSTALLERAT PROTOKOLL" <(pdftotext -l 1 doc/q.pdf -)
sed -i 's/^protokoll = INSTALLERAT PROTOKOLL$/protokoll = PROTOKOLL/' "$share/templates/style/region-jh.conf"

# A schema error that only the installed schemas know: they, not the source tree's, validate.
sed -i 's/<datum>2023-02-24<\/datum>/<datum>2023-02-24<\/datum><utan-schema\/>/' doc/protokoll-2023-02-24.xml
check "an invalid source is refused (exit 1)" bash -c 'kansli validate doc/protokoll-2023-02-24.xml 2>/dev/null; test $? -eq 1'

check "demo from the install" bash -c 'kansli demo --out "$1" --date 2026-01-15T12:00:00Z >"$1.log" 2>&1' _ "$work/demo"
check "demo: every signed PDF verified" grep -q "Demo complete" "$work/demo.log"
check "demo: the signed protokoll passes qpdf --check" \
  bash -c 'qpdf --check "$1" >/dev/null' _ "$work/demo/protokoll-2023-02-24.signerad.pdf"

if ((failures)); then echo "install_test: $failures failed"; exit 1; fi
echo "install_test: all passed"
