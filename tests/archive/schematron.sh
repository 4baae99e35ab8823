#!/bin/bash
# Usage: schematron.sh RULES_DIR METS.xml... — runs every E-ARK CSIP/SIP 2.1.0 Schematron file of
# RULES_DIR (compiled with the ISO XSLT 1.0 skeleton) on each METS.xml; exit 1 when a failed
# assertion of role ERROR is not listed in RULES_DIR/ignored.tsv (prints each), 77 when the
# skeleton is not installed (python3-lxml).
set -euo pipefail
RULES=$1; shift
SK=/usr/lib/python3/dist-packages/lxml/isoschematron/resources/xsl/iso-schematron-xslt1
[ -f "$SK/iso_svrl_for_xslt1.xsl" ] || { echo "no ISO Schematron skeleton (install python3-lxml)"; exit 77; }
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
for r in "$RULES"/*.xml; do
  xsltproc "$SK/iso_dsdl_include.xsl" "$r" | xsltproc "$SK/iso_abstract_expand.xsl" - |
    xsltproc "$SK/iso_svrl_for_xslt1.xsl" - >"$W/$(basename "$r" .xml).xsl"
done
ignored=$(cut -f1 "$RULES/ignored.tsv" | tail -n +2 | paste -sd'|')
bad=0; asserts=0
for m in "$@"; do
  for x in "$W"/*.xsl; do
    out=$(xsltproc "$x" "$m")
    asserts=$((asserts + $(grep -c '<svrl:fired-rule' <<<"$out" || true)))
    while read -r id; do
      [ -z "$id" ] && continue
      if ! grep -qxE "$ignored" <<<"$id"; then echo "$m: $(basename "$x" .xsl): $id failed"; bad=1; fi
    done < <(grep -o '<svrl:failed-assert[^>]*role="ERROR"' <<<"$out" | grep -o ' id="[^"]*"' | cut -d'"' -f2)
  done
done
echo "schematron: $# METS files, $asserts rules fired"
exit $bad
