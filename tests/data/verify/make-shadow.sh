#!/bin/sh
# Regenerates shadow-signed.pdf and objstm-signed.pdf: make-shadow.py's prepared document signed once by kansli with
# the demo sekreterare key (keys/demo, passphrase kansli-demo). Usage: make-shadow.sh KANSLI_BINARY
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/make-shadow.py" > "$tmp/base.pdf"
KANSLI_PASSPHRASE=kansli-demo "$1" sign "$tmp/base.pdf" -o "$here/shadow-signed.pdf" \
  --key "$repo/keys/demo/christian-ahren.key.pem" --cert "$repo/keys/demo/christian-ahren.cert.pem" \
  --role sekreterare --date 2023-03-01T10:00:00Z
# objstm-signed.pdf: the same document with object streams and an xref stream (qpdf), then signed:
# the base of the xref-stream /Index attacks.
qpdf --object-streams=generate "$tmp/base.pdf" "$tmp/objstm.pdf"
KANSLI_PASSPHRASE=kansli-demo "$1" sign "$tmp/objstm.pdf" -o "$here/objstm-signed.pdf" \
  --key "$repo/keys/demo/christian-ahren.key.pem" --cert "$repo/keys/demo/christian-ahren.cert.pem" \
  --role sekreterare --date 2023-03-01T10:00:00Z
