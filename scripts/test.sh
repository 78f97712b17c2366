#!/usr/bin/env bash
# OpenWD: the one test command. Starts real MariaDB + RabbitMQ + Keycloak on loopback (scripts/services.sh),
# runs `mvn -B -ntp verify` against them, and always stops them again.
#
#   scripts/test.sh [extra Maven args...]     e.g. scripts/test.sh -pl platform -am -Dtest=FooIT
#
# Environment:
#   OPENWD_TEST_CMD        replaces "mvn -B -ntp verify" (word-split), e.g. OPENWD_TEST_CMD="mvn -v"
#   OPENWD_E2E_BROWSER=1   install Debian chromium even without ui/package.json
#   OPENWD_KEEP_SERVICES=1 leave MariaDB/RabbitMQ/Keycloak running afterwards (stop with scripts/services.sh stop)
#   OPENWD_IT_KEYCLOAK=0   no Keycloak: the OIDC integration tests are skipped (-Dopenwd.it.keycloak.required=false)
#   OPENWD_IT_KEYCLOAK_PORT Keycloak's HTTP port on 127.0.0.1 (default 8180); more settings in scripts/services.sh
#   OPENWD_SERVICES_DIR    state directory of the servers (default <repo>/target/services)
#   CI=true                on failure, print the last 200 lines of the server logs
set -euo pipefail

SCRIPT_DIR=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -P -- "$SCRIPT_DIR/.." && pwd)
SERVICES=$SCRIPT_DIR/services.sh
cd "$REPO"

T0=$(date +%s)
log() { printf '[test] %s\n' "$*"; }

apt_install() {
  log "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "$@"; then
    log "apt-get install failed; running apt-get update and retrying"
    apt-get -o DPkg::Lock::Timeout=600 update
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "$@"
  fi
}

# Browser tests (Playwright driving Debian's chromium at /usr/bin/chromium; puppeteer-core driving Debian's Firefox ESR
# over WebDriver BiDi). Never `npx playwright install`.
ensure_chromium() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -x /usr/bin/firefox-esr ]] || missing+=(firefox-esr)
  if (( ${#missing[@]} > 0 )); then
    apt_install "${missing[@]}"
  fi
}

# shellcheck disable=SC2317  # invoked by trap
on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  if (( rc != 0 )) && [[ ${CI:-} == true ]]; then
    log "failed with exit code $rc; server logs follow"
    "$SERVICES" logs 200 || true
  fi
  if [[ ${OPENWD_KEEP_SERVICES:-0} == 1 ]]; then
    log "OPENWD_KEEP_SERVICES=1: leaving the servers running (scripts/services.sh stop)"
  else
    "$SERVICES" stop || log "WARNING: stopping the servers failed"
  fi
  log "elapsed: $(($(date +%s) - T0))s, exit code $rc"
  exit "$rc"
}
child=
# shellcheck disable=SC2317  # invoked by trap
on_signal() {  # pass the signal on to the running build, then leave through on_exit
  if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit "$1"
}
trap on_exit EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# The servers' state lives under target/ by default: a Maven `clean` would delete it under the running
# servers, so run any requested `clean` first, before they start.
args=()
want_clean=0
for a in "$@"; do
  if [[ $a == clean ]]; then want_clean=1; else args+=("$a"); fi
done
# failsafe merges its summary files across runs: a failure left from an earlier run would fail this one's verify
rm -rf "$REPO"/platform/target/failsafe-reports "$REPO"/bench/target/failsafe-reports

if (( want_clean )); then
  log "running 'mvn -B -ntp clean' before starting the servers"
  mvn -B -ntp clean
fi

if [[ ${OPENWD_E2E_BROWSER:-0} == 1 || -f $REPO/ui/package.json ]]; then
  ensure_chromium
fi

# The AMQP connector tests publish with Debian's amqp-publish, a real AMQP client that is not ours.
if ! command -v amqp-publish >/dev/null 2>&1; then
  apt_install amqp-tools
fi

"$SERVICES" start
T1=$(date +%s)
log "servers ready after $((T1 - T0))s"

# Maven system properties for the integration tests (single source: services.sh env, shell-quoted).
it_flags=()
eval "it_flags=( $("$SERVICES" env) )"

if [[ -n ${OPENWD_TEST_CMD:-} ]]; then
  read -r -a cmd <<<"$OPENWD_TEST_CMD"
else
  cmd=(mvn -B -ntp verify)
fi

log "running: ${cmd[*]} ${it_flags[*]} ${args[*]}"
# Run in the background and wait, so that a SIGTERM/SIGINT to this script is handled at once.
set +e
"${cmd[@]}" "${it_flags[@]}" "${args[@]}" &
child=$!
wait "$child"
rc=$?
child=
set -e
log "build took $(($(date +%s) - T1))s, exit code $rc"
exit "$rc"
