#!/usr/bin/env bash
# OpenWD: build and run the platform in the foreground.
#
#   scripts/run.sh [extra application args...]     e.g. scripts/run.sh --server.port=8081
#
# Environment:
#   OPENWD_SKIP_BUILD=1   do not run `mvn -B -ntp -DskipTests install` first
#   OPENWD_DATA_DIR       data directory of the app (default <repo>/data)
#   JAVA_OPTS             extra JVM options (word-split), e.g. JAVA_OPTS="-Xmx1g"
# The app prints its URL and the demo users once it is ready.
set -euo pipefail

SCRIPT_DIR=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -P -- "$SCRIPT_DIR/.." && pwd)

DATA_DIR=${OPENWD_DATA_DIR:-$REPO/data}
case $DATA_DIR in /*) ;; *) DATA_DIR=${PWD%/}/$DATA_DIR ;; esac   # relative to the caller's cwd
mkdir -p "$DATA_DIR"

cd "$REPO"
if [[ ${OPENWD_SKIP_BUILD:-0} != 1 ]]; then
  mvn -B -ntp -DskipTests install
fi

jar=
shopt -s nullglob
for f in platform/target/openwd-platform-*.jar; do
  case $f in
    *.original | *-sources.jar | *-javadoc.jar | *-tests.jar | *-plain.jar) continue ;;
  esac
  if [[ -z $jar || $f -nt $jar ]]; then jar=$f; fi
done
shopt -u nullglob
if [[ -z $jar ]]; then
  echo "[run] ERROR: no boot jar in $REPO/platform/target (build with: mvn -B -ntp -DskipTests install)" >&2
  exit 1
fi

java_opts=()
if [[ -n ${JAVA_OPTS:-} ]]; then
  read -r -a java_opts <<<"$JAVA_OPTS"
fi
echo "[run] java ${java_opts[*]} -jar $jar --openwd.data-dir=$DATA_DIR $*"
exec java "${java_opts[@]}" -jar "$jar" "--openwd.data-dir=$DATA_DIR" "$@"
