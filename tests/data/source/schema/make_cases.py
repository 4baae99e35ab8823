#!/usr/bin/env python3
"""Makes invalid/*.xml from the valid bases by one edit each, checks with xmllint (libxml2) that
every valid file (and every templates/**/*.xml) validates and every invalid one fails with the
expected message, and writes
cases.tsv: file, schema (relative to the repository's schemas/), expected message fragment.
Run from anywhere: python3 tests/data/source/schema/make_cases.py"""
import pathlib, subprocess, sys

HERE = pathlib.Path(__file__).resolve().parent
SCHEMAS = HERE.parents[3] / "schemas"
P, K, A = "valid/minimal-protokoll.xml", "valid/minimal-kallelse.xml", "valid/minimal-avtal.xml"
M = "valid/mixed-groups-protokoll.xml"  # ungrouped §§ before, between and after a <grupp>

# name, base, old, new, schema, expected fragment of libxml2's message
CASES = [
    ("wrong-root", P, None, '<?xml version="1.0" encoding="UTF-8"?>\n<huvud xmlns="urn:kansli:dokument:1"><organisation>R</organisation><organ>O</organ><datum>2023-02-24</datum></huvud>\n',
     "kansli.xsd", "No matching global declaration available for the validation root"),
    ("no-namespace", P, '<protokoll xmlns="urn:kansli:dokument:1">', "<protokoll>",
     "kansli.xsd", "No matching global declaration available for the validation root"),
    ("kallelse-as-protokoll", K, None, None,
     "protokoll.xsd", "No matching global declaration available for the validation root"),
    ("missing-rubrik", P, "<rubrik>Mötet öppnas</rubrik>", "",
     "kansli.xsd", "Expected is ( {urn:kansli:dokument:1}rubrik )"),
    ("blank-rubrik", P, "<rubrik>Mötet öppnas</rubrik>", "<rubrik>  </rubrik>",
     "kansli.xsd", "is not accepted by the pattern"),
    ("bad-date", P, "<datum>2023-02-24</datum>", "<datum>2023-02-30</datum>",
     "kansli.xsd", "'2023-02-30' is not a valid value"),
    ("bad-date-format", P, "<datum>2023-02-24</datum>", "<datum>2023-2-24</datum>",
     "kansli.xsd", "'2023-2-24' is not a valid value"),
    ("bad-time", P, 'slut="16:05"', 'slut="24:00"',
     "kansli.xsd", "'24:00' is not accepted by the pattern"),
    ("bad-range-dash", P, 'paragrafer="7-15"', 'paragrafer="7–15"',
     "kansli.xsd", "is not accepted by the pattern"),
    ("bad-range-open", P, 'paragrafer="7-15"', 'paragrafer="7-"',
     "kansli.xsd", "'7-' is not accepted by the pattern"),
    ("dangling-av", P, '<yrkande av="bs">', '<yrkande av="xx">',
     "kansli.xsd", "No match found for key-sequence ['xx'] of keyref '{urn:kansli:dokument:1}AvRef'"),
    ("dangling-justerare", P, '<utses-att-justera ref="bs"/>', '<utses-att-justera ref="nn"/>',
     "kansli.xsd", "No match found for key-sequence ['nn'] of keyref '{urn:kansli:dokument:1}JusterareRef'"),
    ("justerare-not-ledamot", P, '<utses-att-justera ref="bs"/>', '<utses-att-justera ref="sa"/>',
     "kansli.xsd", "No match found for key-sequence ['sa'] of keyref '{urn:kansli:dokument:1}JusterareRef'"),
    ("dangling-signer", P, '<underskrift roll="ordförande" ref="knf"/>', '<underskrift roll="ordförande" ref="kn"/>',
     "kansli.xsd", "No match found for key-sequence ['kn'] of keyref '{urn:kansli:dokument:1}UnderskriftRef'"),
    ("duplicate-id", P, '<ersättare id="sa"', '<ersättare id="bs"',
     "kansli.xsd", "'bs' is not a valid value of the atomic type 'xs:ID'"),
    ("bad-signer-role", P, 'roll="sekreterare"', 'roll="vice ordförande"',
     "kansli.xsd", "is not an element of the set"),
    ("unknown-element", P, "<beslut>Mötet öppnas.</beslut>", "<beslut>Mötet öppnas.</beslut><kommentar>x</kommentar>",
     "kansli.xsd", "Element '{urn:kansli:dokument:1}kommentar': This element is not expected"),
    ("unknown-attribute", P, '<paragraf>', '<paragraf färg="röd">',
     "kansli.xsd", "The attribute 'färg' is not allowed"),
    ("wrong-order", P, '<beslut>Mötet öppnas.</beslut>', '',
     "kansli.xsd", None),  # replaced below: beslut moved before sammanfattning
    ("fotnot-in-protokoll", P, "Ordföranden öppnar mötet.", "Ordföranden<fotnot>Not</fotnot> öppnar mötet.",
     "kansli.xsd", "Element '{urn:kansli:dokument:1}fotnot': This element is not expected"),
    ("grupp-in-grupp", M, '<grupp rubrik="Beslutsärenden">', '<grupp rubrik="Beslutsärenden"><grupp rubrik="Inre"><paragraf><rubrik>X</rubrik></paragraf></grupp>',
     "kansli.xsd", "Element '{urn:kansli:dokument:1}grupp': This element is not expected"),
    ("first-number-zero", P, 'första="1"', 'första="0"',
     "kansli.xsd", "'0' is not a valid value"),
    ("paus-without-till", K, ' till="14:45"', '',
     "kansli.xsd", "The attribute 'till' is required but missing"),
    ("bad-item-type", K, 'typ="information"', 'typ="övrigt"',
     "kansli.xsd", "is not an element of the set"),
    ("avtal-dangling-part", A, '<underskrift part="region"/>', '<underskrift part="regionen"/>',
     "kansli.xsd", "No match found for key-sequence ['regionen'] of keyref '{urn:kansli:dokument:1}PartRef'"),
    ("avtal-one-party", A, '    <part id="kommunerna" namn="Kommunerna i Jämtlands län"/>\n', '',
     "kansli.xsd", None),  # one party left: also breaks the keyref; see below
    ("avtal-bad-link", A, 'href="https://www.regionjh.se/"', 'href="javascript:alert(1)"',
     "kansli.xsd", "is not accepted by the pattern"),
    ("avtal-absolute-image", A, 'fil="bilder/x.png"', 'fil="/etc/passwd"',
     "kansli.xsd", "'/etc/passwd' is not accepted by the pattern"),
    ("avtal-image-without-alt", A, ' alt="En bild"', '',
     "kansli.xsd", "The attribute 'alt' is required but missing"),
    ("avtal-nested-fotnot", A, "<fotnot>7 kap. 2 § socialtjänstlagen</fotnot>", "<fotnot>7 kap.<fotnot>x</fotnot></fotnot>",
     "kansli.xsd", "Element '{urn:kansli:dokument:1}fotnot': This element is not expected"),
]

def run(schema, path):
    r = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(SCHEMAS / schema), str(path)],
                       capture_output=True, text=True)
    return r.returncode, r.stderr

def main():
    ok = True
    rows = []
    for base in (P, K, A, M):
        code, err = run("kansli.xsd", HERE / base)
        if code != 0:
            print("VALID FILE FAILS:", base, err); ok = False
        rows.append((base, "kansli.xsd", ""))
    for name, base, old, new, schema, expect in CASES:
        text = (HERE / base).read_text(encoding="utf-8")
        if name == "wrong-order":
            text = text.replace("      <beslut>Mötet öppnas.</beslut>\n", "")
            text = text.replace("      <sammanfattning>", "      <beslut>Mötet öppnas.</beslut>\n      <sammanfattning>")
            expect = "Element '{urn:kansli:dokument:1}sammanfattning': This element is not expected"
        elif name == "avtal-one-party":
            text = text.replace(old, new)
            text = text.replace('    <underskrift part="kommunerna"/>\n', "")
            expect = "Missing child element(s). Expected is ( {urn:kansli:dokument:1}part )"
        elif old is None and new is not None:
            text = new
        elif old is not None:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        out = HERE / "invalid" / f"{name}.xml"
        out.write_text(text, encoding="utf-8")
        code, err = run(schema, out)
        if code == 0 or expect not in err:
            print(f"CASE {name}: exit {code}, expected {expect!r} in:\n{err}"); ok = False
        rows.append((f"invalid/{name}.xml", schema, expect))
    templates = sorted((HERE.parents[3] / "templates").rglob("*.xml"))
    for t in templates:
        code, err = run("kansli.xsd", t)
        if code != 0:
            print("TEMPLATE FAILS:", t, err); ok = False
    print(f"{len(templates)} template files checked")
    with open(HERE / "cases.tsv", "w", encoding="utf-8") as f:
        f.write("# file\tschema\texpected libxml2 message fragment (empty: must validate)\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("all cases behave" if ok else "SOME CASES MISBEHAVE")
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
