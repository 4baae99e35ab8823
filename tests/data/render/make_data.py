#!/usr/bin/python3
# Regenerates the render test inputs: flag.png (4x2 RGB), bilaga.pdf (2 pages, own outline that
# render must drop), broken.pdf (bilaga.pdf cut at 300 bytes). Run from this folder.
import zlib, struct
w, h = 4, 2
raw = b''.join(b'\x00' + b''.join(bytes(c) for c in ([(0, 106, 167), (254, 204, 0)] * 2)) for _ in range(h))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
open('flag.png', 'wb').write(png)
objs = [b"<< /Type /Catalog /Pages 2 0 R /Outlines 8 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>"]
for t in (b"Bilaga sida 1", b"Bilaga sida 2"):
    s = b"BT /F1 24 Tf 72 700 Td (" + t + b") Tj ET"
    objs.append(b"<< /Length %d >>\nstream\n" % len(s) + s + b"\nendstream")
objs += [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
         b"<< /Type /Outlines /First 9 0 R /Last 9 0 R /Count 1 >>",
         b"<< /Title (Foreign bookmark) /Parent 8 0 R /Dest [3 0 R /Fit] >>"]
out = b"%PDF-1.4\n"; offs = []
for i, o in enumerate(objs):
    offs.append(len(out)); out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b''.join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open('bilaga.pdf', 'wb').write(out)
open('broken.pdf', 'wb').write(out[:300])
# photo.jpg: a tiny JPEG made by poppler from page 1 of bilaga.pdf (5 dpi).
import subprocess
subprocess.run(['pdftoppm', '-jpeg', '-r', '5', '-f', '1', '-l', '1', '-singlefile', 'bilaga.pdf', 'photo'], check=True)
