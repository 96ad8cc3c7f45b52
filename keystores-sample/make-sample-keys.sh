#!/usr/bin/env bash
# Makes the SAMPLE key material of the two demo gateways (JP, ID): a demo CA, each party's
# signing/decryption key (RSA, eDelivery AS4 1.15) and its Ed25519 signing and X25519 decryption keys
# (eDelivery AS4 2.0), TLS key, truststore, a back-office client key, and two broken keys for
# tests. Everything is regenerated from scratch on each run (idempotent). SAMPLES ONLY: the
# passwords are in this file and the CA key is beside the certificates. Never use in production;
# see README.md for a real party's keys.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
TESTKEYS="$HERE/../src/test/resources/keys"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$TESTKEYS"

DAYS=3650
KT="keytool -noprompt -storetype PKCS12"
# Java 17's keytool cannot have the CA sign an X25519 key (no CSR without a signature); JDK 21+'s
# -genkeypair -signer can. Set JDK_SIGNER_HOME to another JDK 21+ if Temurin 25 is elsewhere.
JDK_SIGNER_HOME=${JDK_SIGNER_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
KT_SIGNER="$JDK_SIGNER_HOME/bin/keytool -noprompt -storetype PKCS12"

rm -f ca.crt ca.p12 jp.p12 id.p12 jp-truststore.p12 id-truststore.p12 jp-tls.p12 id-tls.p12 jp-chamber.p12 \
      "$TESTKEYS/id-expired.p12" "$TESTKEYS/rogue.p12"

# demo CA: its key stays in ca.p12, only this script uses it
$KT -genkeypair -keystore ca.p12 -storepass sample-ca -alias ca -keyalg RSA -keysize 3072 \
    -sigalg SHA256withRSA -validity $((DAYS * 2)) \
    -dname "CN=co-gateway demo CA (SAMPLE),O=co-gateway samples,C=XX" \
    -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign
$KT -exportcert -rfc -keystore ca.p12 -storepass sample-ca -alias ca -file ca.crt

# issue STORE PASS ALIAS DNAME [extra keytool -gencert options...]: a CA-signed key in STORE
issue() {
    local store=$1 pass=$2 alias=$3 dname=$4; shift 4
    $KT -genkeypair -keystore "$store" -storepass "$pass" -alias "$alias" -keyalg RSA -keysize 2048 \
        -sigalg SHA256withRSA -validity $DAYS -dname "$dname"
    $KT -certreq -keystore "$store" -storepass "$pass" -alias "$alias" -file "$WORK/$alias.csr"
    $KT -gencert -keystore ca.p12 -storepass sample-ca -alias ca -sigalg SHA256withRSA \
        -infile "$WORK/$alias.csr" -outfile "$WORK/$alias.crt" -rfc "$@"
    $KT -importcert -keystore "$store" -storepass "$pass" -alias ca -file ca.crt
    # the reply carries the chain (leaf + CA), so the stored key entry has its full chain
    cat "$WORK/$alias.crt" ca.crt > "$WORK/$alias-chain.crt"
    $KT -importcert -keystore "$store" -storepass "$pass" -alias "$alias" -file "$WORK/$alias-chain.crt"
    $KT -delete -keystore "$store" -storepass "$pass" -alias ca
}

# issue_xdh STORE PASS ALIAS KEYALG DNAME KEYUSAGE: a CA-signed Ed25519 or X25519 key in STORE. The CA
# key is copied into a scratch store for -signer (the signer must be in the same store), and only
# the new entry, with its chain, is moved into STORE.
issue_xdh() {
    local store=$1 pass=$2 alias=$3 keyalg=$4 dname=$5 usage=$6
    cp ca.p12 "$WORK/signer.p12"
    $KT_SIGNER -genkeypair -keystore "$WORK/signer.p12" -storepass sample-ca -alias "$alias" -keyalg "$keyalg" \
        -signer ca -signerkeypass sample-ca -sigalg SHA256withRSA -validity $DAYS -dname "$dname" -ext "ku:c=$usage"
    $KT -importkeystore -srckeystore "$WORK/signer.p12" -srcstoretype PKCS12 -srcstorepass sample-ca \
        -srcalias "$alias" -destkeystore "$store" -deststorepass "$pass" -destkeypass "$pass"
    rm "$WORK/signer.p12"
}

SIGN_EXT=(-ext ku:c=digitalSignature,keyEncipherment,nonRepudiation)
TLS_EXT=(-ext san=dns:localhost,ip:127.0.0.1 -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth)

issue jp.p12 sample-jp jp "CN=JP-GW,O=Japan CO gateway (SAMPLE),C=JP" -validity $DAYS "${SIGN_EXT[@]}"
issue id.p12 sample-id id "CN=ID-GW,O=Indonesia CO gateway (SAMPLE),C=ID" -validity $DAYS "${SIGN_EXT[@]}"

# eDelivery AS4 2.0 keys, in the same keystores as the RSA key: Ed25519 signs, X25519 decrypts
issue_xdh jp.p12 sample-jp jp-ed25519 Ed25519 "CN=JP-GW,OU=Ed25519,O=Japan CO gateway (SAMPLE),C=JP" \
    digitalSignature,nonRepudiation
issue_xdh jp.p12 sample-jp jp-x25519 X25519 "CN=JP-GW,OU=X25519,O=Japan CO gateway (SAMPLE),C=JP" keyAgreement
issue_xdh id.p12 sample-id id-ed25519 Ed25519 "CN=ID-GW,OU=Ed25519,O=Indonesia CO gateway (SAMPLE),C=ID" \
    digitalSignature,nonRepudiation
issue_xdh id.p12 sample-id id-x25519 X25519 "CN=ID-GW,OU=X25519,O=Indonesia CO gateway (SAMPLE),C=ID" keyAgreement

# TLS keys have their own files, so that the message-signing key never serves TLS
tls() {
    local party=$1 pass=$2
    issue "$WORK/$party-tls.p12" "$pass" tls "CN=localhost,O=$party CO gateway TLS (SAMPLE)" -validity $DAYS "${TLS_EXT[@]}"
    mv "$WORK/$party-tls.p12" "$party-tls.p12"
}
tls jp sample-jp
tls id sample-id

issue jp-chamber.p12 sample-jp-chamber jp-chamber \
    "CN=jp-chamber,O=Japan Chamber of Commerce and Industry (SAMPLE),C=JP" -validity $DAYS "${SIGN_EXT[@]}"

# truststores: the demo CA (for chains, TLS and back-office clients) and the partner's own certificate
$KT -exportcert -rfc -keystore jp.p12 -storepass sample-jp -alias jp -file "$WORK/jp-leaf.crt"
$KT -exportcert -rfc -keystore id.p12 -storepass sample-id -alias id -file "$WORK/id-leaf.crt"
$KT -importcert -keystore jp-truststore.p12 -storepass sample-jp -alias ca -file ca.crt
$KT -importcert -keystore jp-truststore.p12 -storepass sample-jp -alias id -file "$WORK/id-leaf.crt"
$KT -importcert -keystore id-truststore.p12 -storepass sample-id -alias ca -file ca.crt
$KT -importcert -keystore id-truststore.p12 -storepass sample-id -alias jp -file "$WORK/jp-leaf.crt"
for key in ed25519 x25519; do
    $KT -exportcert -rfc -keystore jp.p12 -storepass sample-jp -alias "jp-$key" -file "$WORK/jp-$key.crt"
    $KT -exportcert -rfc -keystore id.p12 -storepass sample-id -alias "id-$key" -file "$WORK/id-$key.crt"
    $KT -importcert -keystore jp-truststore.p12 -storepass sample-jp -alias "id-$key" -file "$WORK/id-$key.crt"
    $KT -importcert -keystore id-truststore.p12 -storepass sample-id -alias "jp-$key" -file "$WORK/jp-$key.crt"
done

# test keys: ID's name on a CA-signed certificate that expired long ago, and on a self-signed one
issue "$TESTKEYS/id-expired.p12" sample-id id "CN=ID-GW,O=Indonesia CO gateway (SAMPLE),C=ID" \
    -startdate 2020/01/01 -validity 30 "${SIGN_EXT[@]}"
$KT -genkeypair -keystore "$TESTKEYS/rogue.p12" -storepass sample-id -alias id -keyalg RSA -keysize 2048 \
    -sigalg SHA256withRSA -validity $DAYS -dname "CN=ID-GW,O=Indonesia CO gateway (SAMPLE),C=ID"

echo "sample keys written to $HERE and $TESTKEYS"
