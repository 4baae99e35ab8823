#!/usr/bin/env python3
"""Writes small hostile (or plain) PDFs for the tests and benchmarks of kansli's hardened reader.

Usage: hostile_pdf.py KIND OUT [N]

Kinds (each a class of issue 9; N overrides the size where one is given):
  ok              one A4 page with a line of text
  pages           N pages (default 2000), each with its own small content stream
  inherited       two pages that inherit /MediaBox [0 0 300 400] and /Resources from their /Pages node
  lying-count     a valid page tree whose root says /Count 2147483647
  missing-kid     /Kids naming an object that does not exist
  non-page-kid    /Kids naming the catalog
  self-kid        a /Pages node that is its own kid
  deep-tree       a page tree N levels deep (default 30000)
  objstm-nesting  an object in a compressed object stream nested N deep (default 20000)
  objstm-bomb     an object stream that inflates to N MiB (default 128) of zeros
  objstm-bomb-catalog  the catalog inside a valid object stream padded to N MiB (default 128)
  huge-array      one array of N elements (default 5,000,000)
  many-arrays     N arrays of 400,000 elements each (default 3), reachable from the page
  many-objects    N indirect objects (default 1,000,000)
"""
import sys
import zlib


def page_tree(first_page_obj, count, parent=2):
    return b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % (first_page_obj + i) for i in range(count)), count)


def classic(objects, root=1):
    """objects: {number: body bytes}; bodies may contain b'stream' sections."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data, extra=b"", compress=True):
    body = zlib.compress(data, 9) if compress else data
    filt = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s %s>>\nstream\n" % (len(body), filt, extra) + body + b"\nendstream"


def with_object_stream(objects, packed, stm_num, payload=None, pad_mib=0):
    """Plain `objects`, plus `packed` ({number: body}) inside object stream `stm_num`, and an xref
    stream. `payload` replaces the object stream's (compressed) data when given; `pad_mib` MiB of
    spaces follow the packed objects (a valid object stream that inflates that much)."""
    head = b" ".join(b"%d %d" % (n, 0) for n in sorted(packed))  # offsets filled below
    bodies, offs, pos = [], [], 0
    for n in sorted(packed):
        offs.append(pos)
        bodies.append(packed[n] + b"\n")
        pos += len(bodies[-1])
    head = b" ".join(b"%d %d" % (n, o) for n, o in zip(sorted(packed), offs)) + b"\n"
    data = head + b"".join(bodies)
    if pad_mib:
        z = zlib.compressobj(9)
        chunk = b" " * (1 << 20)
        comp = z.compress(data) + b"".join(z.compress(chunk) for _ in range(pad_mib)) + z.flush()
    else:
        comp = payload if payload is not None else zlib.compress(data, 9)
    objects = dict(objects)
    objects[stm_num] = b"<< /Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode >>\nstream\n" % (
        len(packed), len(head), len(comp)) + comp + b"\nendstream"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    xref_num = max(list(objects) + list(packed)) + 1
    size = xref_num + 1
    rows = bytearray()
    index_in_stm = {n: i for i, n in enumerate(sorted(packed))}
    offsets[xref_num] = len(out)
    for n in range(size):
        if n in offsets:
            rows += bytes([1]) + offsets[n].to_bytes(4, "big") + (0).to_bytes(2, "big")
        elif n in packed:
            rows += bytes([2]) + stm_num.to_bytes(4, "big") + index_in_stm[n].to_bytes(2, "big")
        else:
            rows += bytes([0]) + (0).to_bytes(4, "big") + (0xFFFF).to_bytes(2, "big")
    xs = zlib.compress(bytes(rows))
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d /Filter /FlateDecode >>\nstream\n" % (
        xref_num, size, len(xs)) + xs + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_num]
    return bytes(out)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def page(content_obj, parent=2, extra=b""):
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents %d 0 R %s>>" % (parent, content_obj, extra))


def text(s, y=770):
    return stream(b"BT /F1 18 Tf 72 %d Td (%s) Tj ET" % (y, s))


def make(kind, n):
    base = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 4: FONT}
    if kind == "ok":
        return classic({**base, 2: page_tree(3, 1), 3: page(5), 5: text(b"Bilaga sida 1")})
    if kind == "pages":
        n = n or 2000
        objs = dict(base)
        objs[2] = page_tree(5, n)
        for i in range(n):
            objs[5 + i] = page(5 + n + i)
            objs[5 + n + i] = text(b"Bilaga sida %d" % (i + 1))
        return classic(objs)
    if kind == "inherited":
        return classic({**base,
                        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 /MediaBox [0 0 300 400] "
                           b"/Resources << /Font << /F1 4 0 R >> >> >>",
                        3: b"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>", 5: text(b"Arvd sida 1", 200),
                        6: b"<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>", 7: text(b"Arvd sida 2", 200)})
    if kind == "lying-count":
        return classic({**base, 2: b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>", 3: page(5), 5: text(b"x")})
    if kind == "missing-kid":
        return classic({**base, 2: b"<< /Type /Pages /Kids [3 0 R 99 0 R] /Count 2 >>", 3: page(5), 5: text(b"x")})
    if kind == "non-page-kid":
        return classic({**base, 2: b"<< /Type /Pages /Kids [3 0 R 1 0 R] /Count 2 >>", 3: page(5), 5: text(b"x")})
    if kind == "self-kid":
        return classic({**base, 2: b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>", 3: page(5), 5: text(b"x")})
    if kind == "deep-tree":
        n = n or 30000
        objs = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: FONT, 5: text(b"x")}
        for d in range(n):  # node 10+d has the single kid 10+d+1; the last kid is the page
            parent = b" /Parent %d 0 R" % (10 + d - 1) if d else b""
            objs[10 + d] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (10 + d + 1, parent)
        objs[10 + n] = page(5, parent=10 + n - 1)
        return classic(objs)
    if kind == "objstm-nesting":
        n = n or 20000
        deep = b"[" * n + b"]" * n
        objs = {**base, 2: page_tree(3, 1), 3: page(5, extra=b"/X 6 0 R "), 5: text(b"x")}
        return with_object_stream(objs, {6: deep}, 7)
    if kind == "objstm-bomb":
        n = n or 128
        z = zlib.compressobj(9)
        chunk = b"\0" * (1 << 20)
        bomb = b"".join(z.compress(chunk) for _ in range(n)) + z.flush()
        objs = {**base, 2: page_tree(3, 1), 3: page(5, extra=b"/X 6 0 R "), 5: text(b"x")}
        return with_object_stream(objs, {6: b"<< /A 1 >>"}, 7, payload=bomb)
    if kind == "objstm-bomb-catalog":
        n = n or 128
        objs = {4: FONT, 2: page_tree(3, 1), 3: page(5), 5: text(b"x")}
        return with_object_stream(objs, {1: base[1]}, 7, pad_mib=n)
    if kind == "huge-array":
        n = n or 5_000_000
        objs = {**base, 2: page_tree(3, 1), 3: page(5, extra=b"/X 6 0 R "), 5: text(b"x"), 6: b"[" + b"0 " * n + b"]"}
        return classic(objs)
    if kind == "many-arrays":
        n = n or 3
        objs = {**base, 2: page_tree(3, 1), 5: text(b"x")}
        objs[3] = page(5, extra=b"/X [%s] " % b" ".join(b"%d 0 R" % (10 + i) for i in range(n)))
        for i in range(n):
            objs[10 + i] = b"[" + b"0 " * 400_000 + b"]"
        return classic(objs)
    if kind == "many-objects":
        n = n or 1_000_000
        objs = {**base, 2: page_tree(3, 1), 3: page(5), 5: text(b"x")}
        for i in range(n):
            objs[6 + i] = b"null"
        return classic(objs)
    raise SystemExit("unknown kind " + kind)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    data = make(sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    with open(sys.argv[2], "wb") as f:
        f.write(data)
