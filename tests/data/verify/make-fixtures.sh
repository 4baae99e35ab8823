#!/usr/bin/env bash
# Regenerates the signed-PDF fixtures of tests/verify with tools we did not write:
# openssl (test PKI, CRLs, raw CMS), pdfsig -add-signature (poppler, NSS db) and podofosign.
# Outputs (committed, small): pki/*.pem, pki/*.crl, *.pdf, cms/*.der + cms/content.bin.
# Validity: certificates 2026-01-01 .. 2126-01-01 (expired signer: 2020 .. 2021); tests pin the
# validation time at 2030-01-01T00:00:00Z, which is after every CRL's thisUpdate.
# Needs: openssl, pdfsig (poppler-utils), certutil + pk12util (libnss3-tools), podofosign
# (libpodofo-utils), qpdf, python3 (stdlib only). Run from anywhere:
#   tests/data/verify/make-fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT; echo "work: $work" >&2
cd "$work"
mkdir -p pki out/cms
PW=test

# ---- test PKI -------------------------------------------------------------------------------
ca_conf() {  # $1 = CA dir
  cat > "$1/ca.cnf" <<CNF
[ca]
default_ca = this
[this]
dir = $1
database = $1/index.txt
serial = $1/serial
crlnumber = $1/crlnumber
new_certs_dir = $1
certificate = $1/ca.pem
private_key = $1/ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
countryName = optional
[v3_ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_ee]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
  : > "$1/index.txt"; echo 1000 > "$1/serial"; echo 01 > "$1/crlnumber"
}
mkca_root() {  # $1 = dir, $2 = CN
  mkdir -p "$1"; ca_conf "$work/$1"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/ca.key" 2>/dev/null
  openssl req -new -utf8 -key "$1/ca.key" -subj "/C=SE/O=Kansli Test/CN=$2" -out "$1/ca.csr"
  openssl ca -batch -config "$1/ca.cnf" -selfsign -keyfile "$1/ca.key" -in "$1/ca.csr" -out "$1/ca.pem" \
    -extensions v3_ca -startdate 20260101000000Z -enddate 21260101000000Z -notext 2>/dev/null
}
issue() {  # $1 = CA dir, $2 = out name, $3 = CN, $4 = key alg (rsa|ec), $5 = extensions, [$6 start $7 end]
  local key="pki/$2.key"
  if [[ $4 == ec ]]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key" 2>/dev/null
  else
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
  fi
  openssl req -new -utf8 -key "$key" -subj "/C=SE/O=Kansli Test/CN=$3" -out "pki/$2.csr"
  openssl ca -batch -utf8 -config "$1/ca.cnf" -in "pki/$2.csr" -out "pki/$2.pem" -extensions "$5" \
    -startdate "${6:-20260101000000Z}" -enddate "${7:-21260101000000Z}" -notext 2>/dev/null
}
mkca_root root "Kansli Test Root"
issue root issuing "Kansli Test Issuing CA" rsa v3_ca
mkdir -p issuing; ca_conf "$work/issuing"; cp pki/issuing.pem issuing/ca.pem; cp pki/issuing.key issuing/ca.key
issue issuing sekreterare "Sekreterare Testsson" rsa v3_ee
issue issuing justerare "Justerare Öberg" ec v3_ee
issue issuing ordforande "Ordförande Åström" rsa v3_ee
issue issuing revoked "Revoked Signer" rsa v3_ee
issue issuing expired "Expired Signer" rsa v3_ee 20200101000000Z 20210101000000Z
# An impostor root: the trusted root's name, another key; and a signer under it.
mkca_root fakeroot "Kansli Test Root"
issue fakeroot impostor "Sekreterare Testsson" rsa v3_ee
# An unrelated root and a signer under it.
mkca_root other "Other Root"
issue other stranger "Stranger Danger" rsa v3_ee
# CRLs: the issuing CA revokes "revoked"; the root revokes nothing (covers the issuing CA).
openssl ca -batch -config issuing/ca.cnf -revoke pki/revoked.pem 2>/dev/null
openssl ca -batch -config issuing/ca.cnf -gencrl -crldays 36500 -out out/issuing.crl.pem 2>/dev/null
openssl ca -batch -config root/ca.cnf -gencrl -crldays 36500 -out out/root.crl.pem 2>/dev/null
cp root/ca.pem out/root.pem; cp fakeroot/ca.pem out/fakeroot.pem; cp other/ca.pem out/other-root.pem
cp pki/issuing.pem out/issuing.pem
for s in sekreterare justerare ordforande revoked expired impostor stranger; do cp "pki/$s.pem" "out/$s.pem"; done
openssl x509 -in pki/sekreterare.pem -outform DER -out out/sekreterare.der

# ---- NSS db for pdfsig (signers with their chain) ---------------------------------------------
mkdir nss; certutil -N -d sql:nss --empty-password
for s in sekreterare justerare ordforande; do
  cat pki/$s.pem pki/issuing.pem > pki/$s.chain.pem
  openssl pkcs12 -export -inkey pki/$s.key -in pki/$s.pem -certfile pki/issuing.pem -name $s \
    -passout pass:$PW -out pki/$s.p12
  pk12util -i pki/$s.p12 -d sql:nss -W $PW -K "" >/dev/null
done
certutil -A -d sql:nss -n root -t "CT,C,C" -i root/ca.pem

# ---- base document: two pages, three empty signature fields, normalised by qpdf -----------------
python3 - <<'PY'
objs = [
 b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [8 0 R 9 0 R 10 0 R] /SigFlags 3 >> >>",
 b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> /Contents 5 0 R >>",
 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> /Contents 6 0 R /Annots [8 0 R 9 0 R 10 0 R] >>",
 None, None,
 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
 b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (sekreterare) /Rect [0 0 0 0] /F 132 /P 4 0 R >>",
 b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (justerare) /Rect [0 0 0 0] /F 132 /P 4 0 R >>",
 b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (ordforande) /Rect [0 0 0 0] /F 132 /P 4 0 R >>",
]
streams = {5: b"BT /F1 14 Tf 72 760 Td (Protokoll 2026-02-24, sida 1: Kommunstyrelsen beslutar att anta budgeten.) Tj ET",
           6: b"BT /F1 14 Tf 72 760 Td (Sida 2: Justeras.) Tj ET"}
out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"); offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    if o is None:
        s = streams[i]; o = b"<< /Length %d >>\nstream\n" % len(s) + s + b"\nendstream"
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs: out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open("raw.pdf", "wb").write(out)
PY
qpdf --object-streams=disable --static-id raw.pdf out/base.pdf

# ---- an ETSI.CAdES.detached signer: python writes the incremental update (PDF bytes only),
# openssl cms -sign -cades makes the CMS (signing-certificate-v2 included).
cat > cadessign.py <<'PY'
import re, subprocess, sys
src, dst, field, cert, key, chain = sys.argv[1:7]
d = bytes(open(src, "rb").read())
prev = int(re.findall(rb"startxref\s+(\d+)", d)[-1])
size = int(re.findall(rb"/Size\s+(\d+)", d)[-1])
root = re.findall(rb"/Root\s+(\d+\s+\d+\s+R)", d)[-1]
ids = re.findall(rb"/ID\s*(\[[^\]]*\])", d)
# the latest definition of the field's object
fm = [m for m in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*endobj", d, re.S)
      if re.search(rb"/T\s*\(" + field.encode() + rb"\)", m.group(2))][-1]
fnum, fdict = int(fm.group(1)), fm.group(2)
sig = size
HOLE = 16384
body = bytearray(d)
if not body.endswith(b"\n"): body += b"\n"
offs = {}
offs[sig] = len(body)
body += b"%d 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20260224130000Z) " % sig
br_pos = len(body) + len(b"/ByteRange ")
body += b"/ByteRange [0 0000000000 0000000000 0000000000] /Contents "
hole_start = len(body)
body += b"<" + b"0" * HOLE + b">"
hole_end = len(body)
body += b" >>\nendobj\n"
offs[fnum] = len(body)
body += b"%d 0 obj\n" % fnum + fdict[:-2].rstrip() + b" /V %d 0 R >>\nendobj\n" % sig
x = len(body)
body += b"xref\n"
for n in sorted(offs):
    body += b"%d 1\n%010d 00000 n \n" % (n, offs[n])
body += b"trailer\n<< /Size %d /Root %s /Prev %d" % (size + 1, root, prev)
if ids: body += b" /ID " + ids[-1]
body += b" >>\nstartxref\n%d\n%%%%EOF\n" % x
br = b"[0 %010d %010d %010d]" % (hole_start, hole_end, len(body) - hole_end)
body[br_pos:br_pos + len(br)] = br
open("tosign.bin", "wb").write(body[:hole_start] + body[hole_end:])
cms = subprocess.run(["openssl", "cms", "-sign", "-binary", "-outform", "DER", "-in", "tosign.bin", "-md", "sha256",
                      "-signer", cert, "-inkey", key, "-certfile", chain, "-cades", "-nosmimecap"],
                     check=True, capture_output=True).stdout.hex().encode()
assert len(cms) <= HOLE
body[hole_start + 1:hole_start + 1 + len(cms)] = cms
open(dst, "wb").write(body)
PY

# ---- signed documents -------------------------------------------------------------------------
# (pdfsig 22.12 cannot sign with ECDSA keys: "unable update signature"; -etsi is ignored.)
ps() {  # pdfsig, adbe.pkcs7.detached: $1 in, $2 out, $3 nick, $4 field
  pdfsig -nssdir sql:nss -sign "$4" -nick "$3" "$1" "$2" 2>/dev/null >/dev/null
}
pd() {  # podofosign: $1 in, $2 out, $3 signer name, $4 field, [$5 digest]
  podofosign -in "$1" -out "$2" -cert "pki/$3.pem" -pkey "pki/$3.key" -field-name "$4" -field-use-existing \
    -digest "${5:-SHA256}" -sigsize 4096 >/dev/null
}
cs() {  # ETSI.CAdES.detached via openssl: $1 in, $2 out, $3 signer name, $4 field
  python3 cadessign.py "$1" "$2" "$4" "pki/$3.pem" "pki/$3.key" pki/issuing.pem
}
ps out/base.pdf out/pdfsig-rsa.pdf sekreterare sekreterare
pd out/base.pdf out/podofosign-rsa.pdf ordforande ordforande
pd out/base.pdf out/podofosign-ecdsa-sha384.pdf justerare justerare SHA384
cs out/base.pdf out/cades-rsa.pdf sekreterare sekreterare
cs out/base.pdf out/cades-ecdsa.pdf justerare justerare
# Three signers in a row by different tools: pdfsig (RSA), podofosign (ECDSA), openssl CAdES (RSA).
ps out/base.pdf s1.pdf sekreterare sekreterare
pd s1.pdf s2.pdf justerare justerare
cs s2.pdf out/three.pdf ordforande ordforande
# Signers that must be rejected (podofosign: OpenSSL signs with any key and certificate).
pd out/base.pdf out/revoked.pdf revoked sekreterare
pd out/base.pdf out/expired.pdf expired sekreterare
pd out/base.pdf out/impostor.pdf impostor sekreterare
pd out/base.pdf out/stranger.pdf stranger sekreterare
for f in pdfsig-rsa podofosign-rsa podofosign-ecdsa-sha384 cades-rsa cades-ecdsa three; do
  pdfsig -nssdir sql:nss out/$f.pdf 2>/dev/null | grep -q "Signature is Valid" || { echo "pdfsig rejects $f" >&2; exit 1; }
done

# ---- CMS made by openssl cms, embedded into the hole of pdfsig-rsa.pdf ------------------------
# embed.py IN OUT CMS.der: writes CMS.der (hex, zero-padded) into the /Contents hole of IN's
# first signature; ranges.py IN OUT.bin: the signed bytes of IN's first signature.
cat > ranges.py <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", d)
a, b, c, e = map(int, m.groups())
open(sys.argv[2], "wb").write(d[a:a + b] + d[c:c + e])
PY
cat > embed.py <<'PY'
import re, sys
d = bytearray(open(sys.argv[1], "rb").read())
m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", d)
a, b, c, e = map(int, m.groups())
cms = open(sys.argv[3], "rb").read().hex().encode()
hole = c - b - 2
assert len(cms) <= hole, "CMS too large for the hole"
d[b + 1:c - 1] = cms + b"0" * (hole - len(cms))
open(sys.argv[2], "wb").write(d)
PY
python3 ranges.py out/pdfsig-rsa.pdf ranges.bin
printf 'not the signed bytes' > other.bin
cmsign() {  # $1 content, $2 out.der, rest: openssl cms options
  local content="$1" outf="$2"; shift 2
  openssl cms -sign -binary -outform DER -in "$content" -out "$outf" -md sha256 -nosmimecap "$@"
}
openssl x509 -in pki/sekreterare.pem -noout -serial | sed 's/serial=//' > sek.serial
# A cert for the ordförande key with the sekreterare's issuer and serial: its CMS names the
# sekreterare certificate, carries it, and is signed by another key.
openssl x509 -req -in pki/ordforande.csr -CA pki/issuing.pem -CAkey pki/issuing.key \
  -set_serial "0x$(cat sek.serial)" -days 36500 -out twin.pem 2>/dev/null
cmsign ranges.bin cms-nocerts.der -signer pki/sekreterare.pem -inkey pki/sekreterare.key -nocerts
cmsign other.bin cms-wrongdigest.der -signer pki/sekreterare.pem -inkey pki/sekreterare.key -certfile pki/issuing.pem -cades
cmsign ranges.bin cms-otherkey.der -signer twin.pem -inkey pki/ordforande.key -nocerts -certfile pki/sekreterare.pem
python3 embed.py out/pdfsig-rsa.pdf out/cms-nocerts.pdf cms-nocerts.der
python3 embed.py out/pdfsig-rsa.pdf out/cms-wrongdigest.pdf cms-wrongdigest.der
python3 embed.py out/pdfsig-rsa.pdf out/cms-otherkey.pdf cms-otherkey.der

# ---- raw CMS for tests/cms: detached signatures over content.bin -------------------------------
printf 'kansli cms test content\n' > out/cms/content.bin
c=out/cms/content.bin
cmsign $c out/cms/rsa-sha256.der -signer pki/sekreterare.pem -inkey pki/sekreterare.key -cades
openssl cms -sign -binary -outform DER -in $c -out out/cms/rsa-sha384.der -md sha384 -nosmimecap -signer pki/sekreterare.pem -inkey pki/sekreterare.key -cades
openssl cms -sign -binary -outform DER -in $c -out out/cms/rsa-sha512.der -md sha512 -nosmimecap -signer pki/ordforande.pem -inkey pki/ordforande.key
cmsign $c out/cms/ecdsa-sha256.der -signer pki/justerare.pem -inkey pki/justerare.key -cades
cmsign $c out/cms/noattrs-rsa.der -signer pki/sekreterare.pem -inkey pki/sekreterare.key -noattr
cmsign $c out/cms/nocerts.der -signer pki/sekreterare.pem -inkey pki/sekreterare.key -nocerts
cmsign other.bin out/cms/wrongdigest.der -signer pki/sekreterare.pem -inkey pki/sekreterare.key
cmsign $c out/cms/otherkey.der -signer twin.pem -inkey pki/ordforande.key -nocerts -certfile pki/sekreterare.pem
cmsign $c out/cms/otherkey-cades.der -signer twin.pem -inkey pki/ordforande.key -nocerts -certfile pki/sekreterare.pem -cades
# Two SignerInfos (as podofosign writes them): sekreterare and justerare over the same content.
openssl cms -sign -binary -outform DER -in $c -out out/cms/two-signers.der -md sha256 -nosmimecap \
  -signer pki/sekreterare.pem -inkey pki/sekreterare.key -signer pki/justerare.pem -inkey pki/justerare.key
cat root/ca.pem pki/issuing.pem > trust.pem
for f in rsa-sha256 ecdsa-sha256; do
  openssl cms -verify -binary -inform DER -in out/cms/$f.der -content $c -CAfile trust.pem \
    -purpose any -out /dev/null 2>/dev/null || { echo "openssl rejects $f" >&2; exit 1; }
done

# ---- install ---------------------------------------------------------------------------------
rm -rf "$here/pki" "$here/cms"; mkdir -p "$here/pki" "$here/cms"
for f in out/*.pem; do cp "$f" "$here/pki/"; done
for f in out/*.crl.pem; do mv "$here/pki/$(basename "$f")" "$here/pki/$(basename "$f" .pem)"; done
cp out/cms/* "$here/cms/"
cp out/*.pdf "$here/"
echo "fixtures written to $here ($(du -sh "$here" | cut -f1))"
