#!/usr/bin/env python3
# Makes tampered copies of signed batch protokolls (read-only inputs) for the differential corpus.
import re, subprocess, sys, os

def show(path, n):
    return subprocess.run(["qpdf", f"--show-object={n}", path], capture_output=True, text=True).stdout.strip()

def append(pdf, path, objects, size_extra=0):
    m = list(re.finditer(rb"startxref\s+(\d+)", pdf))
    prev = int(m[-1].group(1))
    tr = subprocess.run(["qpdf", "--show-object=trailer", path], capture_output=True, text=True).stdout
    size = int(re.search(r"/Size (\d+)", tr).group(1))
    root = re.search(r"/Root (\d+ \d+ R)", tr).group(1)
    ids = re.search(r"/ID (\[[^\]]*\])", tr).group(1)
    out = bytearray(pdf)
    if not out.endswith(b"\n"): out += b"\n"
    offs = {}
    for n, body in sorted(objects.items()):
        offs[n] = len(out)
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
        size = max(size, n + 1)
    x = len(out)
    out += b"xref\n"
    for n, o in sorted(offs.items()):
        out += f"{n} 1\n%010d 00000 n \n".encode() % o
    out += f"trailer\n<< /Size {size} /Root {root} /Prev {prev} /ID {ids} >>\nstartxref\n{x}\n%%EOF\n".encode()
    return bytes(out)

def stream(data, extra=b""):
    return b"<< /Length %d " % len(data) + extra + b" >>\nstream\n" + data + b"\nendstream"

def main(src, outdir):
    pdf = open(src, "rb").read()
    stem = os.path.splitext(os.path.basename(src))[0]
    tr = show(src, "trailer")
    info = int(re.search(r"/Info (\d+) 0 R", tr).group(1))
    root = int(re.search(r"/Root (\d+) 0 R", tr).group(1))
    cat = show(src, root)
    pages = subprocess.run(["qpdf", "--show-pages", src], capture_output=True, text=True).stdout
    page = int(re.search(r"page 1: (\d+) 0 R", pages).group(1))
    content = int(re.search(r"content:\s*\n\s*(\d+) 0 R", pages).group(1))
    pg = show(src, page)
    size = int(re.search(r"/Size (\d+)", tr).group(1))
    w = lambda name, data: open(os.path.join(outdir, f"{stem}-{name}.pdf"), "wb").write(data)
    # 1. page content replaced
    w("content", append(pdf, src, {content: stream(b"BT /F1 12 Tf 72 700 Td (AVSLAG) Tj ET")}))
    # 2. Info changed
    w("info", append(pdf, src, {info: b"<< /Producer (tampered) >>"}))
    # 3. annotation added to page 1
    newpg = re.sub(r"/Annots \[", f"/Annots [ {size} 0 R", pg) if "/Annots [" in pg else pg[:-2] + f" /Annots [ {size} 0 R ] >>"
    w("annot", append(pdf, src, {page: newpg.encode(),
        size: b"<< /Type /Annot /Subtype /Text /Rect [ 10 10 30 30 ] /Contents (note) >>"}))
    # 4. catalog gets an /OpenAction
    w("catalog", append(pdf, src, {root: (cat[:-2] + " /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>").encode()}))
    # 5. unchanged catalog re-saved (no change)
    w("resave", append(pdf, src, {root: cat.encode()}))
    # 6. page re-saved identical plus Info identical
    w("resave2", append(pdf, src, {page: pg.encode(), info: show(src, info).encode()}))
    # 7. a byte flipped in the first revision's body
    b = bytearray(pdf); i = len(pdf) // 5
    b[i] = b[i] ^ 0x01; w("flip-early", bytes(b))
    # 8. a hex digit changed in the last signature's /Contents
    b = bytearray(pdf); j = pdf.rfind(b"/Contents <") + 40
    b[j] = ord("0") if b[j] != ord("0") else ord("1"); w("flip-cms", bytes(b))
    # 9. truncated (last %%EOF gone)
    w("truncated", pdf[: pdf.rfind(b"%%EOF")])
    # 10. MediaBox of page 1 changed
    w("mediabox", append(pdf, src, {page: re.sub(r"/MediaBox \[[^\]]*\]", "/MediaBox [ 0 0 612 792 ]", pg).encode()}))

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
