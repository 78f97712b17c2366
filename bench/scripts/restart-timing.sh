#!/usr/bin/env bash
# Restart timing (issue 8, W4, docs/PERFORMANCE.md "Restart start time (W4)"): restarts a platform jar on a MariaDB
# database that `backlog` loaded before, waits for /actuator/health 200 and both rebuild log lines, prints the times, the
# process and MariaDB CPU (from /proc) and the load average, then stops the platform.
#
#   bench/scripts/restart-timing.sh NAME JAR DATABASE [JVM options...]
#   e.g. bench/scripts/restart-timing.sh cds platform/target/cds/openwd-platform-0.1.0-SNAPSHOT.jar openwd_it2 \
#          -XX:SharedArchiveFile=$PWD/platform/target/cds/openwd.jsa -Xlog:cds=off
#
# Environment: OPENWD_IT_MARIADB_PORT (3316), OPENWD_IT_RABBIT_PORT (5673), OPENWD_SERVICES_DIR (target/services: the
# MariaDB pid file), HEAP (8g), OUT (target/restart-timing: logs and data directories).
set -euo pipefail
name=$1; jar=$2; db=$3; shift 3
mdb_port=${OPENWD_IT_MARIADB_PORT:-3316}; rabbit_port=${OPENWD_IT_RABBIT_PORT:-5673}
services=${OPENWD_SERVICES_DIR:-target/services}; out=${OUT:-target/restart-timing}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$out/data-$name"; log=$out/$name.log
cpu_of() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }
mdb=$(cat "$services/mariadb/mariadbd.pid"); mcpu0=$(cpu_of "$mdb")
load0=$(cut -d' ' -f1-3 /proc/loadavg); t0=$(date +%s%N)
java -Xmx"${HEAP:-8g}" "$@" -jar "$jar" --server.port="$port" --openwd.data-dir="$out/data-$name" --openwd.demo.data=false \
  --spring.profiles.active=mariadb --spring.rabbitmq.port="$rabbit_port" --spring.rabbitmq.password=openwd-it \
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:$mdb_port/$db?nullDatabaseMeansCurrent=true" \
  --spring.datasource.username=openwd --spring.datasource.password=openwd-it >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
  kill -0 "$pid" 2>/dev/null || { echo "$name: the platform exited"; tail -30 "$log"; exit 1; }
  sleep 0.1
done
t1=$(date +%s%N)
until grep -q 'Distribution started' "$log" && grep -q 'Queue order rebuilt' "$log"; do sleep 0.1; done
t2=$(date +%s%N)
cpu=$(cpu_of "$pid"); mcpu1=$(cpu_of "$mdb"); load1=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$pid"; wait "$pid" 2>/dev/null || true
printf '%s %s: healthy %.1f s, both rebuilds logged %.1f s, CPU to then %.1f s, MariaDB CPU %.1f s, load %s -> %s | %s\n' \
  "$(date -u +%H:%M)" "$name" "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$(echo "($t2 - $t0) / 1000000000" | bc -l)" \
  "$cpu" "$(echo "$mcpu1 - $mcpu0" | bc)" "$load0" "$load1" \
  "$(grep -o 'Started OpenWdApplication in [0-9.]* seconds (process running for [0-9.]*)' "$log")"
grep -o 'Queued tasks read once.*\|Queued task rebuild finished.*\|Distribution started.*\|Queue order rebuilt.*' "$log" | sed 's/^/    /'
