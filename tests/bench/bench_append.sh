#!/bin/sh
# Benchmark (not a test): `kansli build` of a kallelse (templates/new/kallelse.xml) whose one
# beslutsunderlag is a generated PDF of N pages (tests/support/hostile_pdf.py pages N), for each N.
# Prints per N: wall time, user+sys CPU time and peak RSS of the process (GNU time), and checks
# that the result has N + the kallelse's pages, passes qpdf --check, and that a second build
# writes identical bytes. Appending must be linear in N (issue 8 item 6).
# Usage: bench_append.sh KANSLI_BINARY [N...]     (default N: 2000 4000 8000 20000)
# e.g.   tests/bench/bench_append.sh build/pipeline/cli/kansli
set -eu
bin=${1:?usage: bench_append.sh KANSLI_BINARY [N...]}
shift
[ "$#" -gt 0 ] || set -- 2000 4000 8000 20000
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sed 's|<dokument>Tjänsteskrivelse 2025-01-15</dokument>|<dokument fil="bilaga.pdf">Tjänsteskrivelse 2025-01-15</dokument>|' \
    "$here/templates/new/kallelse.xml" >"$out/kallelse.xml"
printf '%8s %9s %9s %9s %8s\n' pages wall_s cpu_s rss_mb out_mb
for n in "$@"; do
    python3 "$here/tests/support/hostile_pdf.py" pages "$out/bilaga.pdf" "$n"
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$bin" build --date 2025-01-20 -o "$out/a.pdf" "$out/kallelse.xml" >/dev/null
    "$bin" build --date 2025-01-20 -o "$out/b.pdf" "$out/kallelse.xml" >/dev/null
    cmp -s "$out/a.pdf" "$out/b.pdf" || { echo "N=$n: two builds differ" >&2; exit 1; }
    qpdf --check "$out/a.pdf" >/dev/null || { echo "N=$n: qpdf --check fails" >&2; exit 1; }
    pages=$(qpdf --show-npages "$out/a.pdf")
    [ "$pages" -gt "$n" ] || { echo "N=$n: only $pages pages" >&2; exit 1; }
    read -r wall user sys rss <"$out/time"
    size=$(stat -c %s "$out/a.pdf")
    awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v z="$size" \
        'BEGIN { printf "%8d %9.2f %9.2f %9.1f %8.1f\n", n, w, u + s, r / 1024, z / 1048576 }'
done
