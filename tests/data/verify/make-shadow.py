#!/usr/bin/env python3
"""Writes shadow-base.pdf: a one-page document prepared the way a shadow attacker prepares one
before it is signed (Mainka et al. 2021): indirect /Resources, a content array, a Form XObject
with a small /BBox, an image, a font with indirect /Widths and /FontDescriptor, a pattern with
a shading, an ExtGState, an optional content group switched OFF, a hidden annotation with an
appearance stream, a chain of Form XObjects three hops deep, an ExtGState that calls itself
/Type /Pages (readers ignore /Type there; a verifier must not take it for a page), and a second
page whose /Parent is a node outside the page tree carrying the /Resources it inherits (pdf.js
follows /Parent, poppler the tree). make-shadow.sh signs it."""
import sys, zlib

def stream(d, extra=""):
    return "<< /Length %d %s>>\nstream\n%s\nendstream" % (len(d), extra, d)

objs = {
 1: "<< /Type /Catalog /Pages 2 0 R /OCProperties 21 0 R >>",
 2: "<< /Type /Pages /Kids [3 0 R 22 0 R] /Count 2 >>",
 3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 4 0 R /Contents [5 0 R 6 0 R] /Annots [7 0 R] >>",
 4: "<< /Font << /F1 8 0 R >> /XObject << /Fm 9 0 R /Im 10 0 R /Deep 16 0 R >> /Properties << /OC1 20 0 R >>"
    " /ExtGState << /GS 11 0 R >> /Pattern << /P1 12 0 R >> >>",
 5: stream("BT /F1 12 Tf 72 760 Td (Kommunstyrelsen beslutar att anta budgeten.) Tj ET"),
 6: stream("q /GS gs /Fm Do Q q 10 0 0 10 72 600 cm /Im Do Q q /Deep Do Q "
            "q /Pattern cs /P1 scn 72 500 50 50 re f Q /OC /OC1 BDC BT /F1 12 Tf 72 700 Td (Dold) Tj ET EMC"),
 7: "<< /Type /Annot /Subtype /FreeText /Rect [72 400 300 420] /F 2 /Contents (Dold) /DA (/F1 12 Tf 0 g) /AP << /N 13 0 R >> >>",
 8: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths 14 0 R /FontDescriptor 18 0 R >>",
 9: stream("BT /F1 12 Tf 72 650 Td (Dold text i formularet) Tj ET", "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources 4 0 R "),
 10: stream("\x80", "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "),
 11: "<< /Type /Pages /CA 1 /ca 1 >>",
 12: "<< /Type /Pattern /PatternType 2 /Shading 15 0 R >>",
 13: stream("BT /F1 12 Tf 2 5 Td (Dold anteckning) Tj ET", "/Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources 4 0 R "),
 14: "[" + " ".join(["556"] * 95) + "]",
 15: "<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0] /Function << /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [1 1 1] /N 1 >> >>",
 16: stream("/Inner Do", "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Inner 17 0 R >> >> "),
 17: stream("/Innermost Do", "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Innermost 19 0 R >> >> "),
 18: "<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [-166 -225 1000 931] /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 >>",
 19: stream("", "/Type /XObject /Subtype /Form /BBox [0 0 595 842] "),
 20: "<< /Type /OCG /Name (Dold) >>",
 21: "<< /OCGs [20 0 R] /D << /OFF [20 0 R] >> >>",
 22: "<< /Type /Page /Parent 23 0 R /MediaBox [0 0 595 842] /Contents 24 0 R >>",
 23: "<< /Type /Pages /Resources 25 0 R >>",
 24: stream("BT /F2 12 Tf 72 760 Td (Sida 2) Tj ET"),
 25: "<< /Font << /F2 8 0 R >> >>",
}
out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offs = {}
for n in sorted(objs):
    offs[n] = len(out)
    out += ("%d 0 obj\n%s\nendobj\n" % (n, objs[n])).encode("latin-1")
x = len(out)
n = max(objs) + 1
out += b"xref\n0 %d\n0000000000 65535 f \n" % n
for i in range(1, n):
    out += b"%010d 00000 n \n" % offs[i]
out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<6b616e736c692d736861646f77000000> <6b616e736c692d736861646f77000000>] >>\nstartxref\n%d\n%%%%EOF\n" % (n, x)
sys.stdout.buffer.write(out)
