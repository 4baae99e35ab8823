#!/usr/bin/env python3
"""Text extraction from built PDFs (issue 11): the words a reader gets back are the source's.

`pdfinfo -struct-text` (the structure tree's text) and `pdftotext` on the example protokoll must
give every <stycke> of the §§ as the same words in the same order, and each § heading as
"§N Rubrik" (number and title not glued). A copy built with a narrow house style hyphenates:
there `pdftotext` (which honours /ActualText) must give the unhyphenated words, and the
structure text must still hold every word once, neither glued nor cut short (poppler's
structure text ignores /ActualText, so an inserted hyphen may show there).

Usage: text_test.py KANSLI SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

KANSLI, SRC = sys.argv[1], sys.argv[2]
EXAMPLE = os.path.join(SRC, "templates", "examples", "protokoll-2023-02-24.xml")
STYLE = os.path.join(SRC, "templates", "style", "region-jh.conf")
passed, failed = 0, 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def source_paragraphs():
    """(heading, [stycke text, ...]) of each <paragraf>, whitespace collapsed."""
    out = []
    ns = "{urn:kansli:dokument:1}"
    for p in ET.parse(EXAMPLE).getroot().iter(ns + "paragraf"):
        title = " ".join("".join(p.find(ns + "rubrik").itertext()).split())
        out.append((title, [" ".join("".join(s.itertext()).split()) for s in p.iter(ns + "stycke")]))
    check(len(out) == 15, f"the example has 15 §§ ({len(out)})")
    return out


def struct_chunks(pdf):
    """The quoted texts of `pdfinfo -struct-text`, consecutive chunks of one element joined."""
    lines = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, check=True).stdout.decode()
    texts, last_indent = [], None
    for line in lines.splitlines():
        m = re.match(r'^(\s*)"(.*)"$', line)
        if not m:
            last_indent = None
            continue
        if last_indent == len(m.group(1)) and texts:
            texts[-1] += m.group(2)
        else:
            texts.append(m.group(2))
        last_indent = len(m.group(1))
    return texts


def body_text(pdf):
    """pdftotext without the running header and footer: the lines every page has, and "N / M"
    (pdftotext ignores /Artifact, so a paragraph across a page break has them in between)."""
    pages = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, check=True).stdout.decode().split("\f")
    pages = [p for p in pages if p.strip()]
    common = set.intersection(*[set(p.splitlines()) for p in pages])
    keep = [l for p in pages for l in p.splitlines() if l not in common and not re.fullmatch(r"\d+ / \d+", l)]
    return "\n".join(keep)


def words(text, dehyphen=False):
    ws = text.split()
    return [w.replace("-", "") for w in ws] if dehyphen else ws


def contains(hay, needle):
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def check_document(pdf, name, dehyphen):
    chunks = struct_chunks(pdf)
    struct_words = words(" ".join(chunks), dehyphen)
    text_words = words(body_text(pdf))
    paragraphs = source_paragraphs()
    for n, (title, styckes) in enumerate(paragraphs, start=1):
        check(f"§{n} {title}" in chunks, f"{name}: heading '§{n} {title}' in the structure text")
        for s in styckes:
            check(contains(struct_words, words(s, dehyphen)), f"{name}: structure text of § {n}: {s[:60]}")
            if dehyphen:
                # pdftotext joins any line that ends in '-' to the next, also a source hyphen
                # before a space ("hälso- och" at a line end): compare the letters only.
                check("".join(words(s, True)) in "".join(words(" ".join(text_words), True)),
                      f"{name}: pdftotext of § {n}: {s[:60]}")
            else:
                check(contains(text_words, words(s)), f"{name}: pdftotext of § {n}: {s[:60]}")
    return chunks


def main():
    with tempfile.TemporaryDirectory(prefix="kansli-text-") as tmp:
        pdf = os.path.join(tmp, "p.pdf")
        subprocess.run([KANSLI, "build", EXAMPLE, "-o", pdf, "--date", "2023-02-24"], check=True,
                       capture_output=True)
        chunks = check_document(pdf, "protokoll", dehyphen=False)
        check("Region Jämtland Härjedalen Sociala vård och omsorgsgruppen PROTOKOLL Mötesdatum 2023-02-24" in chunks,
              "the title block's parts are separated by spaces")

        # The same document on a narrow measure: line breaking hyphenates.
        style = os.path.join(tmp, "narrow.conf")
        with open(STYLE, encoding="utf-8") as f:
            conf = re.sub(r"(?m)^margin_right = .*$", "margin_right = 110mm", f.read())
        with open(style, "w", encoding="utf-8") as f:
            f.write(conf)
        narrow = os.path.join(tmp, "narrow.pdf")
        r = subprocess.run([KANSLI, "build", EXAMPLE, "-o", narrow, "--date", "2023-02-24", "--style", style],
                           capture_output=True)
        check(r.returncode == 0, f"narrow build: {r.stderr.decode()[-300:]}")
        qdf = os.path.join(tmp, "q.pdf")
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", narrow, qdf], check=True)
        data = open(qdf, "rb").read()
        hyphenated = re.findall(rb"/ActualText <feff([0-9a-f]+)>", data)
        check(len(hyphenated) >= 3, f"the narrow build hyphenates ({len(hyphenated)} words)")
        check(len(re.findall(rb"/ActualText \(\)", data)) == len(hyphenated), "each second half has /ActualText ()")
        text = body_text(narrow)
        for h in hyphenated:
            word = bytes.fromhex(h.decode()).decode("utf-16-be")
            check(len(word) > 3 and word in text.split(), f"pdftotext gives the unhyphenated word '{word}'")
        check_document(narrow, "narrow", dehyphen=True)
        r = subprocess.run([KANSLI, "inspect", narrow], capture_output=True)
        check(r.returncode == 0, "the hyphenated build passes inspect")
    print(f"text: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
