#!/usr/bin/env bash
# Walks the README's "Trying it" end to end: starts the two demo gateways (JP and ID, fresh embedded
# databases in a temporary folder), then sends the sample requests of samples/soap/ with curl as they
# are (only the tracking id a submission returned is filled in), prints each answer and checks it.
# Exit code 0 when every answer was right, 1 at the first wrong one (the gateways' logs are printed then).
#
#   bash samples/walkthrough.sh                            # JP on 8080, ID on 8081, as the samples say
#   JP_HTTP_PORT=18080 ID_HTTP_PORT=18081 bash samples/walkthrough.sh
#
# Runs from a project checkout after 'mvn package' (target/co-gateway.jar) or from the unpacked
# distribution (bin/co-gateway). Needs java and curl.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JP_PORT="${JP_HTTP_PORT:-8080}"
ID_PORT="${ID_HTTP_PORT:-8081}"
WAIT_SECONDS="${WALKTHROUGH_WAIT:-120}"
SOAP="$ROOT/samples/soap"
if [ -x "$ROOT/bin/co-gateway" ]; then
    GATEWAY=("$ROOT/bin/co-gateway")
elif [ -f "$ROOT/target/co-gateway.jar" ]; then
    GATEWAY=(java ${JAVA_OPTS:-} -jar "$ROOT/target/co-gateway.jar")
else
    echo "neither bin/co-gateway nor target/co-gateway.jar under $ROOT: run 'mvn package' first" >&2
    exit 1
fi

DATA="$(mktemp -d "${TMPDIR:-/tmp}/co-gateway-walkthrough.XXXXXX")"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$DATA"
}
trap cleanup EXIT

fail() {
    echo "WALKTHROUGH FAILED: $*"
    for side in jp id; do
        echo "--- last lines of the $side gateway's log"
        tail -n 20 "$DATA/$side.log" 2>/dev/null || true
    done
    exit 1
}

# start SIDE PORT PARTNER PARTNER_PORT: one demo gateway, its partner's endpoint on the partner's port
start() {
    local side="$1" port="$2" partner="$3" partner_port="$4"
    env "COGW_HTTP_PORT=$port" "COGW_GATEWAY_DATADIR=$DATA/$side" \
        "COGW_PARTNER_${partner}_ENDPOINT=http://127.0.0.1:$partner_port/as4" \
        "${GATEWAY[@]}" serve -c "$ROOT/config/gateway-$side.properties" >"$DATA/$side.log" 2>&1 &
    PIDS+=("$!")
}

await_up() {
    local side="$1" port="$2"
    for _ in $(seq "$WAIT_SECONDS"); do
        if curl -sf -o /dev/null "http://127.0.0.1:$port/services/co?wsdl"; then
            echo "$side gateway up on http://127.0.0.1:$port"
            return
        fi
        sleep 1
    done
    fail "the $side gateway did not answer on port $port within $WAIT_SECONDS s"
}

# post PORT FILE [TRACKING_ID]: the sample as it is (the tracking id filled in), the answer on stdout
post() {
    local port="$1" file="$2" tracking="${3:-00000000-0000-0000-0000-000000000000}"
    sed "s/00000000-0000-0000-0000-000000000000/$tracking/" "$SOAP/$file" |
        curl -s -H 'Content-Type: text/xml; charset=UTF-8' --data-binary @- "http://127.0.0.1:$port/services/co"
}

# field NAME: the text of the first element NAME (any prefix) in the answer on stdin
field() {
    { grep -o "<\([A-Za-z0-9]*:\)\?$1\( [^>]*\)\?>[^<]*" || true; } | head -n 1 | sed 's/.*>//'
}

STEP=0
# step SIDE FILE ELEMENT EXPECTED [TRACKING_ID]: sends FILE to SIDE's gateway, prints the answer, checks ELEMENT
step() {
    local side="$1" file="$2" element="$3" expected="$4" tracking="${5:-}"
    local port answer value
    port=$([ "$side" = JP ] && echo "$JP_PORT" || echo "$ID_PORT")
    STEP=$((STEP + 1))
    answer="$(post "$port" "$file" "$tracking")"
    echo
    echo "[$STEP] $file -> $side gateway (port $port)"
    echo "$answer"
    value="$(echo "$answer" | field "$element")"
    [[ "$value" =~ ^($expected)$ ]] || fail "step $STEP ($file): $element is '$value', expected $expected"
    echo "    $element: $value"
    LAST="$value"
}

# until_state SIDE FILE ELEMENT EXPECTED [TRACKING_ID]: polls until ELEMENT is EXPECTED, then prints it as a step
until_state() {
    local side="$1" file="$2" element="$3" expected="$4" tracking="${5:-}"
    local port
    port=$([ "$side" = JP ] && echo "$JP_PORT" || echo "$ID_PORT")
    for _ in $(seq "$WAIT_SECONDS"); do
        if [[ "$(post "$port" "$file" "$tracking" | field "$element")" =~ ^($expected)$ ]]; then
            break
        fi
        sleep 1
    done
    step "$side" "$file" "$element" "$expected" "$tracking"
}

start jp "$JP_PORT" ID "$ID_PORT"
start id "$ID_PORT" JP "$JP_PORT"
await_up JP "$JP_PORT"
await_up ID "$ID_PORT"

# exporting side: the Japanese issuing body (jp-chamber) at the JP gateway
step JP submit-certificate.xml TrackingId '[0-9a-f-]{36}'
TRACKING="$LAST"
step JP validate-certificate.xml Valid true
step JP list-partners.xml Id ID
until_state JP get-delivery-status.xml State DELIVERED "$TRACKING"

# importing side: Indonesian Customs (id-customs) at the ID gateway, about the CO JP delivered
step ID list-inbound-certificates.xml CertificateNumber JP-2026-000123
step ID get-certificate.xml CurrentStatus VALID
step ID query-certificate.xml Outcome FOUND
step ID acknowledge-certificate.xml State QUEUED
step ID record-utilisation.xml Remaining 600

# the answers travel back: the issuing body sees the acknowledgement
until_state JP get-delivery-status.xml State ACKNOWLEDGED "$TRACKING"

# verification of origin: Indonesian Customs asks with a PDF attached, the Japanese issuing body reads the
# request and answers, Indonesian Customs reads the answer
step ID request-verification.xml VerificationId '[0-9a-f-]{36}'
VERIFICATION="$LAST"
until_state JP list-verification-requests.xml VerificationId "$VERIFICATION"
step JP get-verification-request.xml FileName declaration-2026-IMP-0042.pdf "$VERIFICATION"
step JP answer-verification.xml State QUEUED "$VERIFICATION"
until_state ID get-verification-status.xml Outcome CONFIRMED "$VERIFICATION"

# a cancellation travels like the CO and changes its status at the importing side
step JP submit-status-change-cancel.xml State QUEUED
until_state ID get-certificate.xml CurrentStatus CANCELLED

echo
echo "walkthrough OK: $STEP requests answered as expected"
