#!/usr/bin/env bash
# The lean `kansli` (sign, verify, keys, inspect, archive search) loads no shared library it does
# not call: start-up is most of such a process. A unity batch that mixes the files it links with
# files that call PoDoFo, libxml2, libarchive, ... brought 34 more libraries in (CMakeLists.txt,
# kansli_unity_lean). Usage: lean_test.sh KANSLI_BINARY
set -euo pipefail
bin=$1
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
echo "the lean kansli needs: $(echo $needed)"
status=0
for lib in $needed; do
  case $lib in
    # libc, SQLite (archive search), GnuTLS's dependencies that ship no static archive, and the
    # libraries linked statically when their archives are installed (KANSLI_STATIC_DEPS): Botan,
    # qpdf, GnuTLS, zlib, libjpeg, libstdc++.
    libc.so.* | libm.so.* | ld-linux* | libsqlite3.so.* | libunistring.so.* | libp11-kit.so.* | libffi.so.* | \
    libgcc_s.so.* | libstdc++.so.* | libbotan-2.so.* | libqpdf.so.* | libgnutls.so.* | libz.so.* | libjpeg.so.*) ;;
    *) echo "FAIL: the lean kansli links $lib, which none of its commands calls" >&2; status=1 ;;
  esac
done
((status == 0)) && echo "ok: no shared library beyond what its commands call"

# Both executables stay position-independent (address-space randomisation), and a SQLite linked in
# statically (KANSLI_STATIC_DEPS) is the only SQLite of the process: no shared library either one
# loads brings libsqlite3.so (two copies' POSIX locks on one register would not see each other).
for b in "$bin" "$(dirname "$bin")/kansli-full"; do
  [ -x "$b" ] || continue
  if ! readelf -h "$b" | grep -q 'Type:.*DYN'; then
    echo "FAIL: $b is not position-independent" >&2
    status=1
  fi
  # (grep -c reads all: grep -q would end nm with SIGPIPE, a failure under pipefail)
  if [ "$(nm "$b" 2>/dev/null | grep -c ' T sqlite3_open_v2$')" -gt 0 ]; then
    if [ "$(ldd "$b" | grep -c 'libsqlite3\.so')" -gt 0 ]; then
      echo "FAIL: $b has SQLite linked in and loads libsqlite3.so too: $(ldd "$b" | grep libsqlite3)" >&2
      status=1
    else
      echo "ok: $(basename "$b") holds one SQLite (static), position-independent"
    fi
  fi
done

# GnuTLS starts only when a command may need it (main.cpp): verifying a PDF encrypted with a user
# password makes qpdf check the password with GnuTLS's SHA-256 and AES, which must have started.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here=$(cd "$(dirname "$0")/../.." && pwd)
qpdf --encrypt user owner 256 -- "$here/tests/data/verify/shadow-signed.pdf" "$tmp/enc.pdf"
out=$("$bin" verify "$tmp/enc.pdf" 2>&1 || true)
if grep -q "invalid password" <<<"$out" && ! grep -qi "gnutls" <<<"$out"; then
  echo "ok: qpdf checked the password through GnuTLS"
else
  echo "FAIL: verify of an encrypted PDF: $out" >&2
  status=1
fi
exit $status
