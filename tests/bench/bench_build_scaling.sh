#!/bin/sh
# Benchmark (not a test): does the cost of `kansli build` grow linearly with the document?
# Generates protokolls of N paragrafer from the example (its 15 paragrafer repeated in order,
# <omfattar> widened to 1-N), builds each with `kansli build` as a process (--date fixed) and
# prints pages, wall time and CPU time (user+sys; best of R runs) and peak RSS (/usr/bin/time -v,
# largest of the runs), each as a ratio to the previous size too (linear: about 2.0). On a shared
# machine the CPU time is the steadier figure.
# Usage: bench_build_scaling.sh KANSLI_BINARY [R] [N...]   (default R=3, N = 300 600 1200 2400)
# e.g.   tests/bench/bench_build_scaling.sh build/pipeline/cli/kansli 3
set -eu
bin=${1:?usage: bench_build_scaling.sh KANSLI_BINARY [R] [N...]}
runs=${2:-3}
[ $# -ge 2 ] && shift 2 || shift $#
sizes=${*:-300 600 1200 2400}
here=$(cd "$(dirname "$0")/../.." && pwd)
example=$here/templates/examples/protokoll-2023-02-24.xml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# gen N OUT: the example with its <paragraf> elements repeated to N.
gen() {
    awk -v n="$1" '
        /<paragrafer[ >]/ { print; inside = 1; next }
        inside && /<\/paragrafer>/ {
            for (i = 0; i < n; i++) printf "%s", block[i % count]
            print; inside = 0; next
        }
        inside {
            cur = cur $0 "\n"
            if ($0 ~ /<\/paragraf>/) { block[count++] = cur; cur = "" }
            next
        }
        /<omfattar>/ { sub(/<omfattar>[^<]*</, "<omfattar>1-" n "<") }
        { print }' "$example" >"$2"
}

printf '%6s %6s %9s %7s %9s %7s %8s %7s\n' "N" "pages" "wall ms" "ratio" "CPU ms" "ratio" "RSS MB" "ratio"
prev_t="" prev_c="" prev_m=""
for n in $sizes; do
    gen "$n" "$work/p$n.xml"
    best="" cpu="" rss=0 i=0
    while [ "$i" -lt "$runs" ]; do
        t0=$(date +%s%N)
        /usr/bin/time -v -o "$work/time" "$bin" build --date 2023-02-24T13:00:00+01:00 -o "$work/p$n.pdf" \
            "$work/p$n.xml" >/dev/null || { echo "build of N=$n failed" >&2; exit 1; }
        t1=$(date +%s%N)
        t=$(( (t1 - t0) / 1000 ))
        r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
        c=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%d", s * 1000000 }' "$work/time")
        { [ -z "$best" ] || [ "$t" -lt "$best" ]; } && best=$t
        { [ -z "$cpu" ] || [ "$c" -lt "$cpu" ]; } && cpu=$c
        [ "$r" -gt "$rss" ] && rss=$r
        i=$((i + 1))
    done
    pages=$(grep -a -c '/Type */Page[^s]' "$work/p$n.pdf" || true)
    awk -v n="$n" -v p="$pages" -v t="$best" -v c="$cpu" -v m="$rss" -v pt="$prev_t" -v pc="$prev_c" \
        -v pm="$prev_m" 'function r(a, b) { return b == "" ? "-" : sprintf("%.2f", a / b) } BEGIN {
        printf "%6d %6d %9.1f %7s %9.1f %7s %8.1f %7s\n", n, p, t / 1000, r(t, pt), c / 1000, r(c, pc), m / 1024, r(m, pm) }'
    prev_t=$best prev_c=$cpu prev_m=$rss
    rm -f "$work/p$n.pdf"
done
