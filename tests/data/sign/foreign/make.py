#!/usr/bin/env python3
# Writes the small hand-made PDFs of tests/sign/update_test.cpp (classic xref, correct offsets):
# each shapes the catalog, page, /Annots, /AcroForm and /Info differently. Run: python3 make.py
PAGE = "/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
CONTENT = "BT /F1 12 Tf 56 780 Td (Foreign) Tj ET"
FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
LINK = "<< /Type /Annot /Subtype /Link /Rect [56 700 200 720] /Border [0 0 0] >>"
INFO = "<< /Producer (make.py) /CreationDate (D:20230224130000Z) >>"

def page(extra=""):
    return "<< " + PAGE + " /Resources << /Font << /F1 5 0 R >> >>" + extra + " >>"

def stream(text):
    return "<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text)

CASES = {
    "no-acroform": ({1: "<< /Type /Catalog /Pages 2 0 R >>", 3: page()}, True),
    "annots-direct": ({1: "<< /Type /Catalog /Pages 2 0 R >>", 3: page(" /Annots [" + LINK + "]")}, True),
    "annots-indirect": ({1: "<< /Type /Catalog /Pages 2 0 R >>", 3: page(" /Annots 7 0 R"), 7: "[8 0 R]", 8: LINK}, True),
    "acroform-direct": ({1: "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>", 3: page()}, True),
    "acroform-indirect": ({1: "<< /Type /Catalog /Pages 2 0 R /AcroForm 7 0 R >>", 3: page(),
                           7: "<< /Fields 8 0 R /DA (/Helv 0 Tf 0 g) >>", 8: "[]"}, True),
    "no-info": ({1: "<< /Type /Catalog /Pages 2 0 R >>", 3: page()}, False),
}

for name, (objs, with_info) in CASES.items():
    objs = dict(objs)
    objs[2] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objs[4] = stream(CONTENT)
    objs[5] = FONT
    if with_info:
        objs[6] = INFO
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (n, objs[n].encode())
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 00001 f \n"
    trailer = "/Size %d /Root 1 0 R" % size + (" /Info 6 0 R" if with_info else "")
    trailer += " /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer.encode(), xref)
    open(name + ".pdf", "wb").write(out)
