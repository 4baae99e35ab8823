#!/usr/bin/env python3
"""Writes delaktighetstrappa.png: five steps of rising participation (SKR's delaktighetstrappa),
drawn without text (the <bild alt="…"> in overenskommelse-2025.xml names the steps).
Pure Python (zlib only), deterministic: run it again to get the same bytes."""
import struct, zlib, pathlib

W, H = 600, 260
steps = 5
shades = [(0xd6, 0xe4, 0xf0), (0xb3, 0xcd, 0xe3), (0x8f, 0xb6, 0xd6), (0x5b, 0x93, 0xc2), (0x2a, 0x6f, 0xa8)]
img = [[(255, 255, 255)] * W for _ in range(H)]
margin, gap = 20, 8
step_w = (W - 2 * margin - (steps - 1) * gap) // steps
for i in range(steps):
    x0 = margin + i * (step_w + gap)
    top = H - margin - (i + 1) * (H - 2 * margin) // steps
    for y in range(top, H - margin):
        row = img[y]
        for x in range(x0, x0 + step_w):
            row[x] = shades[i]

def chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in img)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
pathlib.Path(__file__).with_name("delaktighetstrappa.png").write_bytes(png)
