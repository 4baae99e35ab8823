#!/usr/bin/env bash
# Generates the certificate-chain corpus of tests/verify/chain_diff_test.cpp with the openssl CLI.
# Usage: make-chains.sh OUTDIR
# Every case is a directory OUTDIR/NAME holding trust.pem (trust anchors), untrusted.pem
# (intermediates offered, may be empty), crls.pem (may be empty) and leaf.pem; OUTDIR/cases lists
# the names in order. Validity dates are fixed (the test validates at 2030-01-01T00:00:00Z):
# certificates 2026-01-01..2040-01-01, CRLs 2029-06-01..2031-01-01, unless a case says otherwise.
# Keys are fresh per run (names, dates and structure are deterministic; so is every verdict).
set -euo pipefail
out="${1:?usage: make-chains.sh OUTDIR}"
rm -rf "$out"
mkdir -p "$out/keys"
out="$(cd "$out" && pwd)"
: >"$out/cases"

START=260101000000Z END=400101000000Z
CRL_LAST=20290601000000Z CRL_NEXT=20310101000000Z
O="/O=Kansli Chains/C=SE"

# ---- keys (a small pool, shared by the cases) --------------------------------------------------
rsa() { openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$out/keys/$1.key" 2>/dev/null; }
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$out/keys/$1.key" 2>/dev/null; }
rsa root 2048; rsa inter 2048; rsa inter2 2048; rsa leaf 2048; rsa other 2048; rsa weak 1024
ec ecroot; ec ecinter; ec ecleaf

# ---- extension sections (one file for every case) ----------------------------------------------
cat >"$out/ext.cnf" <<'EOF'
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_pl0]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_pl1]
basicConstraints = critical, CA:true, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_nokcs]
basicConstraints = critical, CA:true
keyUsage = critical, digitalSignature, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_notca]
basicConstraints = critical, CA:false
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_nc_perm]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nameConstraints = critical, permitted;DNS:kansli.test
[ca_nc_excl]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nameConstraints = critical, excluded;DNS:bad.kansli.test
[ca_nc_dn]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nameConstraints = critical, permitted;dirName:nc_dn
[nc_dn]
C = SE
O = Kansli Chains
[ca_crit]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.55555.1 = critical, ASN1:UTF8String:unknown
[ca_noncrit]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.55555.1 = ASN1:UTF8String:unknown
[ca_eku]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
extendedKeyUsage = serverAuth
[leaf]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:www.kansli.test
[leaf_evil]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:www.evil.test
[leaf_bad]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:x.bad.kansli.test
[leaf_eku]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:www.kansli.test
extendedKeyUsage = emailProtection, 1.3.6.1.4.1.311.10.3.12
[leaf_crit]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:www.kansli.test
1.3.6.1.4.1.55555.2 = critical, ASN1:UTF8String:unknown
[leaf_kcs]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyCertSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:www.kansli.test
EOF

# ---- one CA = a directory with its certificate, key, database and configuration -----------------
# ca_dir CASE NAME KEY: prepares CASE/ca-NAME signing with keys/KEY.key.
ca_dir() {
  local d="$out/$1/ca-$2"
  mkdir -p "$d/new"
  : >"$d/index.txt"
  printf '%s\n' "$(printf '%X' $((0x1000 + ${#2} * 16 + $(ls -d "$out/$1"/ca-* | wc -l))))" >"$d/serial"
  printf '01\n' >"$d/crlnumber"
  cat >"$d/ca.cnf" <<EOF
[ca]
default_ca = this
[this]
dir = $d
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = \$dir/cert.pem
private_key = $out/keys/$3.key
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
email_in_dn = no
[anything]
commonName = supplied
organizationName = optional
countryName = optional
[crl_akid]
authorityKeyIdentifier = keyid:always
[crl_plain]
EOF
}

# cert CASE SIGNER NAME "CN" KEY EXT [START END MD]: NAME.pem in CASE, signed by CASE/ca-SIGNER
# (SIGNER = "-" for self-signed with KEY). An EXT of a CA also prepares CASE/ca-NAME. The subject
# is CN, O, C (in that order) unless SUBJ gives it.
cert() {
  local c="$1" signer="$2" name="$3" cn="$4" key="$5" ext="$6" s="${7:-$START}" e="${8:-$END}" md="${9:-sha256}"
  local req="$out/$c/$name.csr"
  openssl req -new -key "$out/keys/$key.key" -subj "${SUBJ:-/CN=$cn$O}" -out "$req" 2>/dev/null
  if [[ "$ext" != leaf* ]]; then ca_dir "$c" "$name" "$key"; fi
  local cfg args=()
  if [[ "$signer" == - ]]; then
    cfg="$out/$c/ca-$name/ca.cnf"
    args=(-selfsign -keyfile "$out/keys/$key.key")
  else
    cfg="$out/$c/ca-$signer/ca.cnf"
  fi
  openssl ca -batch -notext -preserveDN -config "$cfg" "${args[@]}" -in "$req" -out "$out/$c/$name.pem" \
    -startdate "$s" -enddate "$e" -md "$md" -extfile "$out/ext.cnf" -extensions "$ext" 2>/dev/null
  if [[ "$ext" != leaf* ]]; then cp "$out/$c/$name.pem" "$out/$c/ca-$name/cert.pem"; fi
  rm -f "$req"
}
revoke() { openssl ca -batch -config "$out/$1/ca-$2/ca.cnf" -revoke "$out/$1/$3.pem" 2>/dev/null; }
# crl CASE CA [LAST NEXT EXT]: appends CASE/ca-CA's CRL to CASE/crls.pem.
crl() {
  local c="$1" ca="$2" last="${3:-$CRL_LAST}" next="${4:-$CRL_NEXT}" ext="${5:-crl_akid}"
  openssl ca -batch -gencrl -config "$out/$c/ca-$ca/ca.cnf" -crl_lastupdate "$last" -crl_nextupdate "$next" \
    -crlexts "$ext" -out "$out/$c/$ca.crl" 2>/dev/null
  cat "$out/$c/$ca.crl" >>"$out/$c/crls.pem"
}
# begin CASE: a new case directory; finish CASE TRUST "UNTRUSTED..." LEAF: writes its files.
begin() { mkdir -p "$out/$1"; : >"$out/$1/crls.pem"; }
finish() {
  local c="$1" trust="$2" leaf="$4"
  cat "$out/$c/$trust.pem" >"$out/$c/trust.pem"
  : >"$out/$c/untrusted.pem"
  for u in $3; do cat "$out/$c/$u.pem" >>"$out/$c/untrusted.pem"; done
  cp "$out/$c/$leaf.pem" "$out/$c/leaf.pem"
  echo "$c" >>"$out/cases"
}
# std CASE [INTER_EXT [LEAF_EXT]]: root → inter → leaf with both CRLs (the usual shape).
std() {
  local c="$1" iext="${2:-ca}" lext="${3:-leaf}"
  begin "$c"
  cert "$c" - root "Root" root root
  cert "$c" root inter "Inter" inter "$iext"
  cert "$c" inter ee "Leaf" leaf "$lext"
}
std_crls() { crl "$1" root; crl "$1" inter; }

# ---- the cases ---------------------------------------------------------------------------------
std valid; std_crls valid; finish valid root inter ee
std valid-no-crl; finish valid-no-crl root inter ee
std missing-leaf-crl; crl missing-leaf-crl root; finish missing-leaf-crl root inter ee
std missing-inter-crl; crl missing-inter-crl inter; finish missing-inter-crl root inter ee
std revoked-leaf; revoke revoked-leaf inter ee; std_crls revoked-leaf; finish revoked-leaf root inter ee
std revoked-inter; revoke revoked-inter root inter; std_crls revoked-inter; finish revoked-inter root inter ee
std expired-crl; crl expired-crl root; crl expired-crl inter 20280101000000Z 20290101000000Z; finish expired-crl root inter ee
std future-crl; crl future-crl root; crl future-crl inter 20300601000000Z 20310101000000Z; finish future-crl root inter ee

# A CRL in the issuing CA's name signed by another key, with and without an authority key id.
for v in akid plain; do
  c="crl-wrong-key-$v"
  std "$c"; crl "$c" root
  cert "$c" - fake "Inter" other root
  crl "$c" fake "$CRL_LAST" "$CRL_NEXT" "crl_$v"
  finish "$c" root inter ee
done

# Validity of the intermediate and of the leaf.
begin expired-inter; cert expired-inter - root "Root" root root
cert expired-inter root inter "Inter" inter ca 200101000000Z 250101000000Z
cert expired-inter inter ee "Leaf" leaf leaf; std_crls expired-inter; finish expired-inter root inter ee
begin future-inter; cert future-inter - root "Root" root root
cert future-inter root inter "Inter" inter ca 310101000000Z 400101000000Z
cert future-inter inter ee "Leaf" leaf leaf; std_crls future-inter; finish future-inter root inter ee
begin expired-leaf; cert expired-leaf - root "Root" root root; cert expired-leaf root inter "Inter" inter ca
cert expired-leaf inter ee "Leaf" leaf leaf 200101000000Z 250101000000Z; std_crls expired-leaf; finish expired-leaf root inter ee

# CA flags and usages.
std ca-no-keycertsign ca_nokcs; std_crls ca-no-keycertsign; finish ca-no-keycertsign root inter ee
std ca-not-ca ca_notca; std_crls ca-not-ca; finish ca-not-ca root inter ee
std leaf-keycertsign ca leaf_kcs; std_crls leaf-keycertsign; finish leaf-keycertsign root inter ee
std eku-leaf ca leaf_eku; std_crls eku-leaf; finish eku-leaf root inter ee
std eku-inter ca_eku; std_crls eku-inter; finish eku-inter root inter ee

# Name constraints on the intermediate (a directory name constrains the leading RDNs: C, O first).
std nc-permitted-ok ca_nc_perm; std_crls nc-permitted-ok; finish nc-permitted-ok root inter ee
std nc-permitted-violated ca_nc_perm leaf_evil; std_crls nc-permitted-violated; finish nc-permitted-violated root inter ee
std nc-excluded-ok ca_nc_excl; std_crls nc-excluded-ok; finish nc-excluded-ok root inter ee
std nc-excluded-violated ca_nc_excl leaf_bad; std_crls nc-excluded-violated; finish nc-excluded-violated root inter ee
begin nc-dirname-ok; cert nc-dirname-ok - root "Root" root root; cert nc-dirname-ok root inter "Inter" inter ca_nc_dn
SUBJ="/C=SE/O=Kansli Chains/CN=Leaf" cert nc-dirname-ok inter ee "Leaf" leaf leaf
std_crls nc-dirname-ok; finish nc-dirname-ok root inter ee
begin nc-dirname-violated; cert nc-dirname-violated - root "Root" root root
cert nc-dirname-violated root inter "Inter" inter ca_nc_dn
SUBJ="/C=SE/O=Elsewhere/CN=Leaf" cert nc-dirname-violated inter ee "Leaf" leaf leaf
std_crls nc-dirname-violated; finish nc-dirname-violated root inter ee

# Path length: root → inter (pathlen N) → inter2 → leaf.
for n in 0 1; do
  c="pathlen-$n"
  begin "$c"; cert "$c" - root "Root" root root
  cert "$c" root inter "Inter" inter "ca_pl$n"
  cert "$c" inter inter2 "Inter 2" inter2 ca
  cert "$c" inter2 ee "Leaf" leaf leaf
  crl "$c" root; crl "$c" inter; crl "$c" inter2
  finish "$c" root "inter inter2" ee
done

# Unknown extensions.
std crit-ext-inter ca_crit; std_crls crit-ext-inter; finish crit-ext-inter root inter ee
std crit-ext-leaf ca leaf_crit; std_crls crit-ext-leaf; finish crit-ext-leaf root inter ee
std noncrit-ext-inter ca_noncrit; std_crls noncrit-ext-inter; finish noncrit-ext-inter root inter ee

# Weak algorithms: SHA-1 signatures, a 1024-bit RSA key.
begin sha1-leaf; cert sha1-leaf - root "Root" root root; cert sha1-leaf root inter "Inter" inter ca
cert sha1-leaf inter ee "Leaf" leaf leaf "$START" "$END" sha1; std_crls sha1-leaf; finish sha1-leaf root inter ee
begin sha1-inter; cert sha1-inter - root "Root" root root
cert sha1-inter root inter "Inter" inter ca "$START" "$END" sha1
cert sha1-inter inter ee "Leaf" leaf leaf; std_crls sha1-inter; finish sha1-inter root inter ee
begin rsa1024-leaf; cert rsa1024-leaf - root "Root" root root; cert rsa1024-leaf root inter "Inter" inter ca
cert rsa1024-leaf inter ee "Leaf" weak leaf; std_crls rsa1024-leaf; finish rsa1024-leaf root inter ee
begin rsa1024-inter; cert rsa1024-inter - root "Root" root root; cert rsa1024-inter root inter "Inter" weak ca
cert rsa1024-inter inter ee "Leaf" leaf leaf; std_crls rsa1024-inter; finish rsa1024-inter root inter ee

# A self-issued intermediate (the root's name, a new key: a key rollover) between root and inter.
begin self-issued; cert self-issued - root "Root" root root
cert self-issued root rollover "Root" inter2 ca
cert self-issued rollover inter "Inter" inter ca
cert self-issued inter ee "Leaf" leaf leaf
crl self-issued root; crl self-issued rollover; crl self-issued inter
finish self-issued root "rollover inter" ee

# A loop: A issued by B, B issued by A, the leaf by A; the trusted root issued neither.
begin loop; cert loop - root "Root" root root
cert loop - tmpa "Loop A" inter root; cert loop - tmpb "Loop B" inter2 root
cert loop tmpa b "Loop B" inter2 ca; cert loop tmpb a "Loop A" inter ca
cert loop tmpa ee "Leaf" leaf leaf
crl loop root; crl loop tmpa; crl loop tmpb
finish loop root "a b" ee

# Names and trust.
begin wrong-issuer-name; cert wrong-issuer-name - root "Root" root root
cert wrong-issuer-name root inter "Inter" inter ca
cert wrong-issuer-name root ghost "Ghost" inter ca
cert wrong-issuer-name ghost ee "Leaf" leaf leaf
crl wrong-issuer-name root; crl wrong-issuer-name inter
finish wrong-issuer-name root inter ee
std root-not-trusted; std_crls root-not-trusted
cert root-not-trusted - other "Root" other root
finish root-not-trusted other "inter root" ee
std no-intermediate; std_crls no-intermediate; finish no-intermediate root "" ee
std leaf-signed-by-other; cert leaf-signed-by-other - fake "Inter" other root
cert leaf-signed-by-other fake ee2 "Leaf" leaf leaf
std_crls leaf-signed-by-other; finish leaf-signed-by-other root inter ee2
std inter-as-trust-anchor; std_crls inter-as-trust-anchor; finish inter-as-trust-anchor inter "" ee

# ECDSA P-256: a whole chain, and an RSA root over an ECDSA intermediate.
begin ecdsa; cert ecdsa - root "EC Root" ecroot root; cert ecdsa root inter "EC Inter" ecinter ca
cert ecdsa inter ee "EC Leaf" ecleaf leaf; std_crls ecdsa; finish ecdsa root inter ee
begin ecdsa-revoked; cert ecdsa-revoked - root "EC Root" ecroot root; cert ecdsa-revoked root inter "EC Inter" ecinter ca
cert ecdsa-revoked inter ee "EC Leaf" ecleaf leaf; revoke ecdsa-revoked inter ee; std_crls ecdsa-revoked
finish ecdsa-revoked root inter ee
begin mixed; cert mixed - root "Root" root root; cert mixed root inter "EC Inter" ecinter ca
cert mixed inter ee "Leaf" leaf leaf; std_crls mixed; finish mixed root inter ee
begin ecdsa-expired-leaf; cert ecdsa-expired-leaf - root "EC Root" ecroot root
cert ecdsa-expired-leaf root inter "EC Inter" ecinter ca
cert ecdsa-expired-leaf inter ee "EC Leaf" ecleaf leaf 200101000000Z 250101000000Z
std_crls ecdsa-expired-leaf; finish ecdsa-expired-leaf root inter ee

echo "$(wc -l <"$out/cases") chains in $out"
