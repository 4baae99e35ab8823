#!/usr/bin/env python3
"""Checks that every stage under pipeline/ includes only headers of stages (and third-party
libraries) that its CMake target links, directly or through a PUBLIC dependency chain.

The compiler already refuses such an include (each stage's headers are on the include path of its
own library and its dependants only, see the top-level CMakeLists.txt); this check says it in
words, names the file and line, and also covers third-party headers, which the system include
path would otherwise let through.

Usage: check_includes.py LINKS_TXT PIPELINE_DIR
       check_includes.py --self-test
LINKS_TXT is written by CMake (build/arch/links.txt): one line per stage,
"stage target: lib1;lib2;...".
"""
import os
import re
import sys
import tempfile

THIRD_PARTY = {  # include prefix -> the CMake target that provides it
    "botan/": "PkgConfig::BOTAN",
    "qpdf/": "PkgConfig::QPDF",
    "podofo/": "PkgConfig::PODOFO",
    "libxml/": "PkgConfig::LIBXML2",
    "hyphen.h": "HYPHEN_LIB",
    "httplib.h": "PkgConfig::HTTPLIB",
    "sqlite3.h": "PkgConfig::SQLITE3",
    "archive.h": "PkgConfig::LIBARCHIVE",
    "archive_entry.h": "PkgConfig::LIBARCHIVE",
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_links(path):
    stages, links = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            head, _, tail = line.partition(":")
            if not tail:
                continue
            stage, target = head.split()
            stages[target] = stage
            libs = [l.strip() for l in tail.strip().split(";") if l.strip()]
            # $<LINK_ONLY:x> and friends: keep the target name
            libs = [re.sub(r"^\$<[A-Z_]+:(.*)>$", r"\1", l) for l in libs]
            links[target] = ["HYPHEN_LIB" if l.endswith("libhyphen.so") or l.endswith("libhyphen.a") else l
                             for l in libs]
    return stages, links


def closure(target, links):
    seen, todo = set(), [target]
    while todo:
        t = todo.pop()
        for l in links.get(t, []):
            if l not in seen:
                seen.add(l)
                todo.append(l)
    return seen


def check(links_txt, pipeline):
    stages, links = read_links(links_txt)
    by_stage = {s: t for t, s in stages.items()}
    problems = []
    for target, stage in sorted(stages.items(), key=lambda p: p[1]):
        reach = closure(target, links)
        allowed_stages = {stage} | {stages[t] for t in reach if t in stages}
        folder = os.path.join(pipeline, stage)
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".cpp", ".hpp")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                for no, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    kind, inc = m.groups()
                    first = inc.split("/", 1)[0]
                    if kind == '"' and "/" in inc and first in by_stage and first not in allowed_stages:
                        problems.append(f"{path}:{no}: stage {stage} includes {inc} but {target} does not link "
                                        f"{by_stage[first]}\n  hint: add it to target_link_libraries in "
                                        f"pipeline/{stage}/CMakeLists.txt if the arrow {stage} → {first} is "
                                        f"intended, or move the code")
                    for prefix, lib in THIRD_PARTY.items():
                        if inc.startswith(prefix) and lib not in reach:
                            problems.append(f"{path}:{no}: stage {stage} includes <{inc}> but {target} does not "
                                            f"link {lib}\n  hint: link it (PRIVATE unless a public header needs it)")
    return problems


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        pipe = os.path.join(tmp, "pipeline")
        for s in ("core", "layout", "render"):
            os.makedirs(os.path.join(pipe, s))
        with open(os.path.join(pipe, "layout", "a.cpp"), "w") as f:
            f.write('#include "core/x.hpp"\n#include "render/r.hpp"\n#include <podofo/podofo.h>\n')
        with open(os.path.join(pipe, "render", "r.cpp"), "w") as f:
            f.write('#include "layout/a.hpp"\n#include "core/x.hpp"\n#include <podofo/podofo.h>\n')
        links = os.path.join(tmp, "links.txt")
        with open(links, "w") as f:
            f.write("core kansli_core: \nlayout kansli_layout: kansli_core\n"
                    "render kansli_render: kansli_layout;$<LINK_ONLY:PkgConfig::PODOFO>\n")
        got = check(links, pipe)
        want_files = ["layout/a.cpp:2", "layout/a.cpp:3"]
        ok = len(got) == 2 and all(any(w in g for g in got) for w in want_files)
        print("self-test:", "passed" if ok else "FAILED", *got, sep="\n")
        return 0 if ok else 1


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(argv[1], argv[2])
    for p in problems:
        print(p)
    print(f"arch: {len(problems)} include(s) across stage boundaries that the link lines do not allow")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
