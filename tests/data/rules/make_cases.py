#!/usr/bin/env python3
"""Writes the rule cases of tests/data/rules/: three valid bases and one-fault variants.

Each <case>.xml is schema-valid (except date-not-real, which shows that the schema already
refuses impossible dates) and breaks exactly one rule of pipeline/rules/. The expected
diagnostics live in <case>.expected, written by `UPDATE_GOLDEN=1 build/tests/test_rules`
and reviewed like code. Run: python3 tests/data/rules/make_cases.py
"""
import pathlib

HERE = pathlib.Path(__file__).parent

PROTOKOLL = """<?xml version="1.0" encoding="UTF-8"?>
<protokoll xmlns="urn:kansli:dokument:1">
  <huvud>
    <organisation>Region Jämtland Härjedalen</organisation>
    <organ>Sociala vård och omsorgsgruppen</organ>
    <datum>2023-02-24</datum>
    <tid start="13:00" slut="16:05"/>
  </huvud>
  <närvaro>
    <beslutande>
      <ledamot id="knf" namn="Katarina Nyberg Finn" parti="S" roll="Ordförande"/>
      <ledamot id="bs" namn="Björn Sandal" parti="S"/>
      <ledamot id="bz" namn="Bianca Zandén" parti="V" paragrafer="31"/>
      <ledamot id="gn" namn="Gabrielle Nyberg" parti="M" ersätter="Bianca Zandén (V)" paragrafer="32-33"/>
      <ledamot id="ah" namn="Anders Häggkvist" parti="C" paragrafer="31-32"/>
    </beslutande>
    <ersättare>
      <ersättare id="sa" namn="Stig Andersson" parti="KD" paragrafer="32-33"/>
    </ersättare>
    <övriga>
      <närvarande id="lg" namn="Lisbet Gibson" representerar="RJH - Regionstaben"/>
    </övriga>
  </närvaro>
  <justering>
    <utses-att-justera ref="bs"/>
    <plats-och-tid>Digital justering 2023-03-03</plats-och-tid>
    <omfattar>31-33</omfattar>
    <underskrifter>
      <underskrift roll="sekreterare" namn="Christian Åhrén"/>
      <underskrift roll="justerare" ref="bs"/>
      <underskrift roll="ordförande" ref="knf"/>
    </underskrifter>
  </justering>
  <anslag anslagstavla="Region Jämtland Härjedalens anslagstavla" förvaringsplats="Samordningskansliet"
          uppsatt="2023-03-03" nedtas="2023-03-27"/>
  <paragrafer första="31">
    <paragraf>
      <rubrik>Mötet öppnas</rubrik>
      <yrkande av="ah">Anders Häggkvist (C) yrkar bifall.</yrkande>
      <votering ja="3" nej="1">
        <ja><röst av="knf"/><röst av="bs"/><röst av="ah"/></ja>
        <nej><röst av="bz"/></nej>
      </votering>
      <beslut>Mötet öppnas.</beslut>
    </paragraf>
    <paragraf>
      <rubrik>Avtal Ungdomsmottagningen</rubrik>
      <beslut>Enligt förslaget.</beslut>
      <reservation av="gn">Till förmån för eget yrkande.</reservation>
      <beslutsunderlag><dokument fil="handlingar/underlag.pdf">Tjänsteskrivelse</dokument></beslutsunderlag>
    </paragraf>
    <paragraf nr="33">
      <rubrik>Mini-Maria</rubrik>
      <votering>
        <ja><röst av="knf"/><röst av="gn"/></ja>
      </votering>
      <beslut>Enligt förslaget.</beslut>
      <jäv av="bs"/>
    </paragraf>
  </paragrafer>
</protokoll>
"""

KALLELSE = """<?xml version="1.0" encoding="UTF-8"?>
<kallelse xmlns="urn:kansli:dokument:1">
  <huvud>
    <organisation>Region Jämtland Härjedalen</organisation>
    <organ>Sociala vård och omsorgsgruppen</organ>
    <datum>2022-12-02</datum>
    <tid start="13:00" slut="16:00"/>
  </huvud>
  <ärenden>
    <ärende tid="13:00"><rubrik>Mötet öppnas</rubrik></ärende>
    <grupp rubrik="Informationsärenden" typ="information">
      <ärende tid="13:10"><rubrik>Samverkansavtalet</rubrik></ärende>
      <ärende tid="14:00"><rubrik>Mini-Maria</rubrik>
        <beslutsunderlag><dokument fil="handlingar/underlag.pdf">Utredning</dokument></beslutsunderlag>
      </ärende>
      <paus från="14:20" till="14:45">PAUS/Kaffe</paus>
      <ärende tid="14:45"><rubrik>Summering</rubrik></ärende>
    </grupp>
  </ärenden>
</kallelse>
"""

AVTAL = """<?xml version="1.0" encoding="UTF-8"?>
<avtal xmlns="urn:kansli:dokument:1" typ="överenskommelse">
  <huvud>
    <organisation>Region Jämtland Härjedalen</organisation>
    <organ>Sociala vård och omsorgsgruppen</organ>
    <datum>2025-06-13</datum>
  </huvud>
  <titel>Överenskommelse</titel>
  <parter>
    <part id="kommunerna" namn="Kommunerna i Jämtlands län"/>
    <part id="region" namn="Region Jämtland Härjedalen"/>
  </parter>
  <giltighet från="2026-01-01" till="2028-12-31">Gäller tre år.</giltighet>
  <avsnitt>
    <rubrik>Bakgrund</rubrik>
    <stycke>Enligt lag<fotnot>7 kap. 2 § socialtjänstlagen</fotnot> ska parterna samverka.</stycke>
  </avsnitt>
  <underskrifter>
    <underskrift part="kommunerna"/>
    <underskrift part="region"/>
  </underskrifter>
</avtal>
"""

# case name -> (base, [(old, new), ...]); every `old` must occur exactly once in the base.
CASES = {
    "valid-protokoll": (PROTOKOLL, []),
    "valid-kallelse": (KALLELSE, []),
    "valid-avtal": (AVTAL, []),
    "numbering-gap": (PROTOKOLL, [('<paragraf nr="33">', '<paragraf nr="34">')]),
    "numbering-repeated": (PROTOKOLL, [('<paragraf nr="33">', '<paragraf nr="32">')]),
    "omfattar-mismatch": (PROTOKOLL, [("<omfattar>31-33</omfattar>", "<omfattar>31-34</omfattar>")]),
    "attendance-out-of-range": (PROTOKOLL, [('parti="KD" paragrafer="32-33"', 'parti="KD" paragrafer="32-35"')]),
    "ordforande-by-name": (PROTOKOLL, [('roll="ordförande" ref="knf"', 'roll="ordförande" namn="Katarina Nyberg Finn"')]),
    "ordforande-not-member": (PROTOKOLL, [('roll="ordförande" ref="knf"', 'roll="ordförande" ref="lg"')]),
    # A member with two roles: the 1:a vice ordförande acting as ordförande is the one who signs.
    "valid-protokoll-acting-chair": (PROTOKOLL, [('parti="S" roll="Ordförande"', 'parti="S"'),
                                            ('namn="Anders Häggkvist" parti="C"',
                                             'namn="Anders Häggkvist" parti="C" roll="1:a vice ordförande" tjänstgör-som="Ordförande"'),
                                            ('roll="ordförande" ref="knf"', 'roll="ordförande" ref="ah"')]),
    "ordforande-not-chair": (PROTOKOLL, [('parti="S" roll="Ordförande"', 'parti="S"'),
                                         ('namn="Anders Häggkvist" parti="C"',
                                          'namn="Anders Häggkvist" parti="C" roll="1:a vice ordförande" tjänstgör-som="Ordförande"')]),
    "justerare-not-appointed": (PROTOKOLL, [('roll="justerare" ref="bs"', 'roll="justerare" ref="ah"')]),
    "signatory-ref-and-name": (PROTOKOLL, [('roll="justerare" ref="bs"', 'roll="justerare" ref="bs" namn="Björn Sandal"')]),
    "ersatter-serving": (PROTOKOLL, [('parti="V" paragrafer="31"', 'parti="V" paragrafer="31-32"')]),
    "vote-tally": (PROTOKOLL, [('<votering>\n        <ja><röst av="knf"/><röst av="gn"/></ja>\n      </votering>',
                                '<votering ja="3" nej="2"/>')]),
    "vote-count-mismatch": (PROTOKOLL, [('<votering ja="3" nej="1">', '<votering ja="4" nej="1">')]),
    "voter-not-serving": (PROTOKOLL, [('<ja><röst av="knf"/><röst av="gn"/></ja>', '<ja><röst av="knf"/><röst av="ah"/></ja>')]),
    "voter-jav": (PROTOKOLL, [('<ja><röst av="knf"/><röst av="gn"/></ja>', '<ja><röst av="knf"/><röst av="bs"/></ja>')]),
    "voter-twice": (PROTOKOLL, [('<nej><röst av="bz"/></nej>', '<nej><röst av="bs"/></nej>'),
                                ('<votering ja="3" nej="1">', '<votering>')]),
    "reservation-not-serving": (PROTOKOLL, [('<reservation av="gn">', '<reservation av="bz">')]),
    "reservation-jav": (PROTOKOLL, [('<jäv av="bs"/>', '<reservation av="bs"/>\n      <jäv av="bs"/>')]),
    "motion-not-serving": (PROTOKOLL, [('<yrkande av="ah">', '<yrkande av="gn">')]),
    "jav-not-serving": (PROTOKOLL, [('<jäv av="bs"/>', '<jäv av="bs"/>\n      <jäv av="ah"/>')]),
    "date-not-real": (PROTOKOLL, [('uppsatt="2023-03-03"', 'uppsatt="2023-02-30"')]),
    "meeting-times-reversed": (PROTOKOLL, [('<tid start="13:00" slut="16:05"/>', '<tid start="16:05" slut="13:00"/>')]),
    "justering-late": (PROTOKOLL, [("Digital justering 2023-03-03", "Digital justering 2023-03-20"),
                                   ('uppsatt="2023-03-03" nedtas="2023-03-27"', 'uppsatt="2023-03-20" nedtas="2023-04-12"')]),
    "anslag-before-justering": (PROTOKOLL, [('uppsatt="2023-03-03"', 'uppsatt="2023-03-01"')]),
    "anslag-posted-late": (PROTOKOLL, [('uppsatt="2023-03-03" nedtas="2023-03-27"', 'uppsatt="2023-03-09" nedtas="2023-04-03"')]),
    "anslag-removed-early": (PROTOKOLL, [('nedtas="2023-03-27"', 'nedtas="2023-03-24"')]),
    "attachment-missing": (PROTOKOLL, [("handlingar/underlag.pdf", "handlingar/saknas.pdf")]),
    "attachment-not-pdf": (KALLELSE, [("handlingar/underlag.pdf", "handlingar/inte-pdf.pdf")]),
    "agenda-time-order": (KALLELSE, [('<ärende tid="14:00">', '<ärende tid="13:05">')]),
    "agenda-before-start": (KALLELSE, [('<ärende tid="13:00">', '<ärende tid="12:30">')]),
    "agenda-break-order": (KALLELSE, [('<paus från="14:20" till="14:45">', '<paus från="13:50" till="14:10">')]),
    "agenda-break-reversed": (KALLELSE, [('<paus från="14:20" till="14:45">', '<paus från="14:45" till="14:20">')]),
    "agenda-after-end": (KALLELSE, [('<ärende tid="14:45">', '<ärende tid="16:15">')]),
    "avtal-validity-reversed": (AVTAL, [('till="2028-12-31"', 'till="2025-12-31"')]),
    "image-missing": (AVTAL, [("<stycke>Enligt lag", '<bild fil="bilder/saknas.png" alt="Diagram"/>\n    <stycke>Enligt lag')]),
    "image-not-image": (AVTAL, [("<stycke>Enligt lag", '<bild fil="handlingar/underlag.pdf" alt="Diagram"/>\n    <stycke>Enligt lag')]),
}


def main() -> None:
    for name, (base, edits) in CASES.items():
        text = base
        for old, new in edits:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        (HERE / f"{name}.xml").write_text(text, encoding="utf-8")
    print(f"wrote {len(CASES)} cases")


if __name__ == "__main__":
    main()
