#!/usr/bin/env bash
# OpenWD integration-test services: MariaDB 10.11 and RabbitMQ 3.10 from Debian packages, and Keycloak
# (the Maven Central distribution, cached in ~/.cache/openwd), run as plain background processes on
# loopback (no systemd, no Docker).
#
#   scripts/services.sh start    install packages if absent, start the servers, reset test databases
#   scripts/services.sh stop     stop the processes this script started (by PID), nothing else
#   scripts/services.sh status   print what runs; exit 0 when everything runs, 3 otherwise
#   scripts/services.sh env      print the Maven -D flags for the integration tests (one line, shell-quoted)
#   scripts/services.sh logs [N] print the last N (default 200) lines of every server log
#   scripts/services.sh rabbitmqctl ARGS...  rabbitmqctl against the test node, with the right environment
#   scripts/services.sh mariadb ARGS...      mariadb client as root over the test server's socket
#
# State lives in ${OPENWD_SERVICES_DIR:-<repo>/target/services}. See docs/operations-scripts.md.
# shellcheck disable=SC2016  # backticks in SQL literals are intended
set -euo pipefail

SCRIPT_DIR=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -P -- "$SCRIPT_DIR/.." && pwd)

DIR=${OPENWD_SERVICES_DIR:-$REPO/target/services}
case $DIR in /*) ;; *) DIR=${PWD%/}/$DIR ;; esac

# Ports and names (overridable, e.g. to run two checkouts side by side).
MARIADB_PORT=${OPENWD_IT_MARIADB_PORT:-3316}
RABBIT_PORT=${OPENWD_IT_RABBIT_PORT:-5673}
RABBIT_DIST_PORT=${OPENWD_IT_RABBIT_DIST_PORT:-25673}
EPMD_PORT=${OPENWD_IT_EPMD_PORT:-4370}
STOMP_PORT=${OPENWD_IT_STOMP_PORT:-61614}
WEB_STOMP_PORT=${OPENWD_IT_WEB_STOMP_PORT:-15675}
RABBIT_NODE=${OPENWD_IT_RABBIT_NODE:-openwd-it@localhost}
TIMEOUT=${OPENWD_SERVICES_TIMEOUT:-120}
# 1 (default): every start drops the openwd_* databases and the RabbitMQ vhost "/" so a run starts clean.
RESET=${OPENWD_SERVICES_RESET:-1}
# InnoDB buffer pool of the test MariaDB, e.g. 2G for bulk-loaded benchmark backlogs (empty: MariaDB's default, 128M).
MARIADB_BUFFER_POOL=${OPENWD_IT_MARIADB_BUFFER_POOL:-}
# InnoDB redo log of the test MariaDB, e.g. 2G for bulk loads (empty: MariaDB's default, 96M; a small redo log makes a
# bulk load of random-key rows flush dirty pages at innodb_io_capacity, see docs/PERFORMANCE.md "Restart start time (W4)").
MARIADB_LOG_FILE_SIZE=${OPENWD_IT_MARIADB_LOG_FILE_SIZE:-}

# Keycloak (OIDC provider of openwd.security.mode=oidc). OPENWD_IT_KEYCLOAK=0 leaves it out.
KEYCLOAK=${OPENWD_IT_KEYCLOAK:-1}
KEYCLOAK_PORT=${OPENWD_IT_KEYCLOAK_PORT:-8180}
KEYCLOAK_VERSION=${OPENWD_KEYCLOAK_VERSION:-26.7.3}
KEYCLOAK_JAVA_HOME=${OPENWD_KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
KEYCLOAK_TIMEOUT=${OPENWD_KEYCLOAK_TIMEOUT:-300}
# Downloads and the unpacked distribution, kept outside target/ so that later runs start fast.
CACHE=${OPENWD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/openwd}
KC_ADMIN_USER=admin
KC_ADMIN_PASS=openwd-it

DB_USER=openwd
DB_PASS=openwd-it
DB_NAMES=(openwd_it openwd_it2)
RABBIT_USER=openwd
RABBIT_PASS=openwd-it

export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

MDB_DIR=$DIR/mariadb
MDB_DATA=$MDB_DIR/data
MDB_PIDFILE=$MDB_DIR/mariadbd.pid
MDB_ERRLOG=$MDB_DIR/error.log
MDB_CONSOLE=$MDB_DIR/console.log
# Unix socket paths are limited to 108 bytes: fall back to /tmp for very deep checkouts.
MDB_SOCK=$MDB_DIR/sock
if (( ${#MDB_SOCK} > 100 )); then
  MDB_SOCK=/tmp/openwd-mariadb-$(printf '%s' "$DIR" | cksum | cut -d' ' -f1).sock
fi

RMQ_DIR=$DIR/rabbitmq
RMQ_LIB=/usr/lib/rabbitmq/bin
RMQ_WRAPPER_PIDFILE=$RMQ_DIR/rabbitmq-server.pid   # the rabbitmq-server shell wrapper
RMQ_BEAM_PIDFILE=$RMQ_DIR/beam.pid                 # the Erlang VM, written by RabbitMQ itself
RMQ_CONSOLE=$RMQ_DIR/console.log
EPMD_PIDFILE=$RMQ_DIR/epmd.pid                     # only written when we started epmd ourselves
EPMD_LOG=$RMQ_DIR/epmd.log

KC_DIR=$DIR/keycloak
KC_HOME=$KC_DIR/server                             # a copy of the cached distribution, with its own data/
KC_PIDFILE=$KC_DIR/kc.pid                          # the kc.sh wrapper
KC_JAVA_PIDFILE=$KC_DIR/java.pid                   # its JVM
KC_CONSOLE=$KC_DIR/console.log
KC_REALM=$REPO/docker/keycloak/import/openwd-realm.json

RMQ_ENV=(
  "HOME=$RMQ_DIR/home"
  "RABBITMQ_NODENAME=$RABBIT_NODE"
  "RABBITMQ_USE_LONGNAME=false"
  "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
  "RABBITMQ_NODE_PORT=$RABBIT_PORT"
  "RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT"
  "ERL_EPMD_PORT=$EPMD_PORT"
  "ERL_EPMD_ADDRESS=127.0.0.1"
  "RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia"
  "RABBITMQ_LOG_BASE=$RMQ_DIR/log"
  "RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf"
  "RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config"
  "RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf"
  "RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins"
  "RABBITMQ_PID_FILE=$RMQ_BEAM_PIDFILE"
  "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  "ERL_CRASH_DUMP=$RMQ_DIR/erl_crash.dump"
)

log() { printf '[services] %s\n' "$*"; }
warn() { printf '[services] WARNING: %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# helpers

apt_install() {
  log "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  # The packages' maintainer scripts would start system-wide servers (ports 3306/5672/4369) through
  # invoke-rc.d where no policy forbids it; we run our own instances, so forbid it for this install.
  local policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  if [[ ! -e $policy && -w ${policy%/*} ]]; then
    printf '#!/bin/sh\n# temporary, written by OpenWD scripts/services.sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    made_policy=1
  fi
  if ! apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "$@"; then
    log "apt-get install failed; running apt-get update and retrying"
    apt-get -o DPkg::Lock::Timeout=600 update || rc=$?
    if (( rc == 0 )); then
      apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "$@" || rc=$?
    fi
  fi
  if (( made_policy )); then
    rm -f -- "$policy"
  fi
  (( rc == 0 )) || die "installing $* failed (apt-get exit code $rc)"
}

ensure_packages() {
  local pkgs=()
  if ! command -v mariadbd >/dev/null || ! command -v mariadb-install-db >/dev/null; then
    pkgs+=(mariadb-server)
  fi
  if ! command -v mariadb >/dev/null || ! command -v mariadb-admin >/dev/null; then
    pkgs+=(mariadb-client)
  fi
  if [[ ! -x $RMQ_LIB/rabbitmq-server || ! -x $RMQ_LIB/rabbitmqctl ]] || ! command -v epmd >/dev/null; then
    pkgs+=(rabbitmq-server)
  fi
  if ! command -v amqp-publish >/dev/null; then
    pkgs+=(amqp-tools)   # small AMQP CLI used for manual checks (docs/operations-scripts.md)
  fi
  if (( ${#pkgs[@]} )); then
    apt_install "${pkgs[@]}"
  fi
}

read_pid() {  # read_pid FILE -> digits or empty
  [[ -f $1 ]] || return 0
  head -n 1 -- "$1" 2>/dev/null | tr -dc '0-9' || true
}

pid_alive() {  # pid_alive PID PATTERN: alive and its command line matches PATTERN (guards PID reuse)
  local pid=${1:-} pattern=$2 cmd
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$pattern"* ]]
}

pid_exists() {  # the process exists and is not a zombie (no command-line check: usable right after fork)
  local pid=${1:-} state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

port_open() {  # something accepts TCP connections on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port_owner() {
  if command -v ss >/dev/null; then
    ss -Hltnp "sport = :$1" 2>/dev/null || true
  fi
}

stop_pid() {  # stop_pid PID PATTERN NAME [GRACE_SECONDS]: SIGTERM, wait, SIGKILL
  local pid=$1 pattern=$2 name=$3 grace=${4:-30} i
  pid_alive "$pid" "$pattern" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    pid_alive "$pid" "$pattern" || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) did not stop within ${grace}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" "$pattern" || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) is still alive after SIGKILL"
  return 1
}

tail_file() {  # tail_file FILE N
  if [[ -s $1 ]]; then
    printf -- '----- last %s lines of %s -----\n' "$2" "$1"
    tail -n "$2" -- "$1"
  fi
}

lock() {
  mkdir -p "$DIR"
  exec 9>"$DIR/.lock"
  if command -v flock >/dev/null; then
    flock -w 600 9 || die "another services.sh holds $DIR/.lock"
  fi
}

# ---------------------------------------------------------------------------------------------
# MariaDB

mdb_pid() { read_pid "$MDB_PIDFILE"; }
mdb_running() { pid_alive "$(mdb_pid)" mariadbd; }

mdb_sql() {  # mdb_sql [mariadb args...] < SQL, as root over the socket
  mariadb --no-defaults --socket="$MDB_SOCK" -uroot "$@"
}

mdb_start() {
  mkdir -p "$MDB_DIR"
  if mdb_running; then
    log "MariaDB already running (pid $(mdb_pid))"
  else
    rm -f -- "$MDB_PIDFILE"
    if port_open "$MARIADB_PORT"; then
      die "port $MARIADB_PORT is in use by a process this script did not start: $(port_owner "$MARIADB_PORT")"
    fi
    if [[ ! -d $MDB_DATA/mysql ]]; then
      log "initialising MariaDB data directory $MDB_DATA"
      rm -rf -- "$MDB_DATA"
      mkdir -p "$MDB_DATA"
      if ! mariadb-install-db --no-defaults --datadir="$MDB_DATA" --user=root \
          --auth-root-authentication-method=normal --skip-test-db \
          >"$MDB_DIR/install.log" 2>&1 </dev/null; then
        tail_file "$MDB_DIR/install.log" 50 >&2
        die "mariadb-install-db failed (log: $MDB_DIR/install.log)"
      fi
    fi
    rm -f -- "$MDB_SOCK"
    log "starting MariaDB on 127.0.0.1:$MARIADB_PORT"
    setsid mariadbd --no-defaults --datadir="$MDB_DATA" --socket="$MDB_SOCK" --port="$MARIADB_PORT" \
      --bind-address=127.0.0.1 --user=root --transaction-isolation=READ-COMMITTED \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
      --pid-file="$MDB_PIDFILE" --log-error="$MDB_ERRLOG" --max-connections=500 \
      ${MARIADB_BUFFER_POOL:+--innodb-buffer-pool-size="$MARIADB_BUFFER_POOL"} \
      ${MARIADB_LOG_FILE_SIZE:+--innodb-log-file-size="$MARIADB_LOG_FILE_SIZE"} \
      </dev/null >>"$MDB_CONSOLE" 2>&1 9>&- &
    local pid=$!
    echo "$pid" >"$MDB_PIDFILE"   # mariadbd rewrites it with the same PID once up
    local deadline=$((SECONDS + TIMEOUT))
    until mariadb-admin --no-defaults --socket="$MDB_SOCK" -uroot --connect-timeout=2 ping >/dev/null 2>&1; do
      if ! pid_exists "$pid"; then
        rm -f -- "$MDB_PIDFILE"
        tail_file "$MDB_ERRLOG" 50 >&2
        tail_file "$MDB_CONSOLE" 20 >&2
        die "mariadbd exited during startup (log: $MDB_ERRLOG)"
      fi
      if (( SECONDS >= deadline )); then
        tail_file "$MDB_ERRLOG" 50 >&2
        stop_pid "$pid" mariadbd mariadbd 30 || true
        rm -f -- "$MDB_PIDFILE"
        die "MariaDB did not answer ping within ${TIMEOUT}s (log: $MDB_ERRLOG)"
      fi
      sleep 0.2
    done
    echo "$pid" >"$MDB_PIDFILE"
    log "MariaDB up (pid $pid)"
  fi
  mdb_setup
}

mdb_setup() {
  local u db
  {
    for u in "'$DB_USER'@'127.0.0.1'" "'$DB_USER'@'localhost'"; do
      printf "CREATE USER IF NOT EXISTS %s IDENTIFIED BY '%s';\n" "$u" "$DB_PASS"
      printf "ALTER USER %s IDENTIFIED BY '%s';\n" "$u" "$DB_PASS"
      printf 'GRANT ALL PRIVILEGES ON `openwd\\_%%`.* TO %s;\n' "$u"
    done
    echo "FLUSH PRIVILEGES;"
  } | mdb_sql || die "creating MariaDB user $DB_USER failed"

  if [[ $RESET == 1 ]]; then
    # Drop every openwd_* database (tests may create their own), then recreate the two fixed ones.
    local existing
    existing=$(mdb_sql -N -B -e "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'openwd\\_%'") \
      || die "listing MariaDB databases failed"
    {
      for db in $existing; do
        printf 'DROP DATABASE IF EXISTS `%s`;\n' "$db"
      done
      for db in "${DB_NAMES[@]}"; do
        printf 'CREATE DATABASE `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n' "$db"
      done
    } | mdb_sql || die "resetting MariaDB databases failed"
    log "MariaDB databases reset: ${DB_NAMES[*]}"
  else
    for db in "${DB_NAMES[@]}"; do
      printf 'CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n' "$db"
    done | mdb_sql || die "creating MariaDB databases failed"
  fi
}

mdb_stop() {
  local pid
  pid=$(mdb_pid)
  if pid_alive "$pid" mariadbd; then
    log "stopping MariaDB (pid $pid)"
    stop_pid "$pid" mariadbd mariadbd 60 || return 1
  fi
  rm -f -- "$MDB_PIDFILE" "$MDB_SOCK"
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ (+ its epmd)

rmq_ctl() {  # rmq_ctl ARGS...: rabbitmqctl against our node, same environment as the server
  env "${RMQ_ENV[@]}" timeout "${RMQ_CTL_TIMEOUT:-120}" "$RMQ_LIB/rabbitmqctl" -n "$RABBIT_NODE" "$@"
}

rmq_write_config() {
  mkdir -p "$RMQ_DIR/home" "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
  : >"$RMQ_DIR/rabbitmq-env.conf"
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Written by scripts/services.sh: loopback-only test broker.
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
stomp.listeners.tcp.1 = 127.0.0.1:$STOMP_PORT
web_stomp.tcp.ip = 127.0.0.1
web_stomp.tcp.port = $WEB_STOMP_PORT
log.file.level = info
EOF
  echo '[rabbitmq_stomp,rabbitmq_web_stomp].' >"$RMQ_DIR/enabled_plugins"
}

epmd_answers() { epmd -port "$EPMD_PORT" -names >/dev/null 2>&1; }

epmd_start() {
  local pid
  pid=$(read_pid "$EPMD_PIDFILE")
  if pid_alive "$pid" epmd; then
    return 0
  fi
  rm -f -- "$EPMD_PIDFILE"
  if epmd_answers; then
    warn "an epmd this script did not start already listens on $EPMD_PORT; using it, and stop will leave it alone"
    return 0
  fi
  env ERL_EPMD_ADDRESS=127.0.0.1 setsid epmd -port "$EPMD_PORT" -address 127.0.0.1 \
    </dev/null >>"$EPMD_LOG" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$EPMD_PIDFILE"
  local i
  for ((i = 0; i < 100; i++)); do
    epmd_answers && return 0
    pid_exists "$pid" || break
    sleep 0.1
  done
  tail_file "$EPMD_LOG" 20 >&2
  die "epmd did not come up on 127.0.0.1:$EPMD_PORT"
}

epmd_stop() {
  local pid
  pid=$(read_pid "$EPMD_PIDFILE")
  if pid_alive "$pid" epmd; then
    log "stopping epmd (pid $pid)"
    stop_pid "$pid" epmd epmd 10 || return 1
  fi
  rm -f -- "$EPMD_PIDFILE"
}

rmq_running() {
  pid_alive "$(read_pid "$RMQ_WRAPPER_PIDFILE")" rabbitmq-server \
    || pid_alive "$(read_pid "$RMQ_BEAM_PIDFILE")" beam.smp
}

rmq_start() {
  rmq_write_config
  if rmq_running; then
    log "RabbitMQ already running (node $RABBIT_NODE, pid $(read_pid "$RMQ_BEAM_PIDFILE"))"
  else
    rm -f -- "$RMQ_WRAPPER_PIDFILE" "$RMQ_BEAM_PIDFILE"
    local p
    for p in "$RABBIT_PORT" "$RABBIT_DIST_PORT" "$STOMP_PORT" "$WEB_STOMP_PORT"; do
      if port_open "$p"; then
        die "port $p is in use by a process this script did not start: $(port_owner "$p")"
      fi
    done
    epmd_start
    log "starting RabbitMQ node $RABBIT_NODE on 127.0.0.1:$RABBIT_PORT"
    (cd "$RMQ_DIR" && exec env "${RMQ_ENV[@]}" setsid "$RMQ_LIB/rabbitmq-server" \
      </dev/null >>"$RMQ_CONSOLE" 2>&1 9>&-) &
    local pid=$!
    echo "$pid" >"$RMQ_WRAPPER_PIDFILE"
    local deadline=$((SECONDS + TIMEOUT)) out wait_s
    while :; do
      wait_s=$((deadline - SECONDS)); (( wait_s > 30 )) && wait_s=30; (( wait_s < 1 )) && wait_s=1
      out=$(RMQ_CTL_TIMEOUT=$((wait_s + 5)) rmq_ctl await_startup --timeout "$wait_s" 2>&1) && break
      if ! pid_exists "$pid" && ! rmq_running; then
        tail_file "$RMQ_CONSOLE" 50 >&2
        tail_file "$RMQ_DIR/log/$RABBIT_NODE.log" 50 >&2
        rmq_stop || true; epmd_stop || true
        die "RabbitMQ exited during startup (logs: $RMQ_DIR/log, $RMQ_CONSOLE)"
      fi
      if (( SECONDS >= deadline )); then
        printf '%s\n' "$out" >&2
        tail_file "$RMQ_CONSOLE" 50 >&2
        tail_file "$RMQ_DIR/log/$RABBIT_NODE.log" 50 >&2
        rmq_stop || true; epmd_stop || true
        die "RabbitMQ did not start within ${TIMEOUT}s"
      fi
      sleep 1
    done
    log "RabbitMQ up (wrapper pid $pid, beam pid $(read_pid "$RMQ_BEAM_PIDFILE"))"
  fi
  rmq_setup
}

rmq_setup() {
  if [[ $RESET == 1 ]]; then
    rmq_ctl delete_vhost / >/dev/null 2>&1 || true   # drops every queue/exchange of earlier runs
  fi
  # One CLI round trip: vhost, user (plain password is hashed by the broker), permissions.
  local defs=$RMQ_DIR/definitions.json
  cat >"$defs" <<EOF
{
  "vhosts": [ { "name": "/" } ],
  "users": [
    { "name": "$RABBIT_USER", "password": "$RABBIT_PASS", "tags": ["administrator"] }
  ],
  "permissions": [
    { "user": "$RABBIT_USER", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*" },
    { "user": "guest", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*" }
  ]
}
EOF
  local out
  if ! out=$(rmq_ctl import_definitions "$defs" 2>&1); then
    printf '%s\n' "$out" >&2
    die "configuring RabbitMQ (vhost, user $RABBIT_USER) failed"
  fi
  [[ $RESET == 1 ]] && log "RabbitMQ vhost / reset"
  return 0
}

rmq_stop() {
  local wrapper beam
  wrapper=$(read_pid "$RMQ_WRAPPER_PIDFILE")
  beam=$(read_pid "$RMQ_BEAM_PIDFILE")
  if pid_alive "$beam" beam.smp || pid_alive "$wrapper" rabbitmq-server; then
    log "stopping RabbitMQ (node $RABBIT_NODE, beam pid ${beam:-?}, wrapper pid ${wrapper:-?})"
    if pid_alive "$beam" beam.smp; then
      rmq_ctl shutdown >/dev/null 2>&1 || warn "rabbitmqctl shutdown failed; falling back to signals"
    fi
    # The wrapper turns SIGTERM into a clean stop of the VM; then make sure both are gone.
    stop_pid "$wrapper" rabbitmq-server rabbitmq-server 30 || true
    stop_pid "$beam" beam.smp beam.smp 30 || return 1
  fi
  rm -f -- "$RMQ_WRAPPER_PIDFILE" "$RMQ_BEAM_PIDFILE"
}

# ---------------------------------------------------------------------------------------------
# Keycloak

kc_dist() { printf '%s/keycloak-%s' "$CACHE" "$KEYCLOAK_VERSION"; }

kc_fetch() {  # the unpacked distribution in the cache: Maven Central zip (through Maven), then unzip
  local dist zip tmp
  dist=$(kc_dist)
  [[ -x $dist/bin/kc.sh ]] && return 0
  mkdir -p "$CACHE"
  exec 8>"$CACHE/.lock"
  if command -v flock >/dev/null; then
    flock -w 900 8 || die "another process holds $CACHE/.lock"
  fi
  if [[ ! -x $dist/bin/kc.sh ]]; then
    zip=$CACHE/download/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip
    if [[ ! -s $zip ]]; then
      command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch Keycloak"
      log "fetching Keycloak $KEYCLOAK_VERSION (org.keycloak:keycloak-quarkus-dist, ~180 MB) into $CACHE"
      # from the cache directory: dependency:copy needs no project, and must not build this one
      if ! (cd "$CACHE" && mvn -B -ntp dependency:copy \
          "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
          "-DoutputDirectory=$CACHE/download" </dev/null >"$CACHE/fetch.log" 2>&1); then
        tail_file "$CACHE/fetch.log" 30 >&2
        die "fetching Keycloak $KEYCLOAK_VERSION failed (log: $CACHE/fetch.log)"
      fi
    fi
    tmp=$CACHE/.unpack.$$
    rm -rf -- "$tmp"
    mkdir -p "$tmp"
    if command -v unzip >/dev/null; then
      unzip -q "$zip" -d "$tmp" || die "unpacking $zip failed"
    else
      (cd "$tmp" && "$KEYCLOAK_JAVA_HOME/bin/jar" xf "$zip") || die "unpacking $zip failed"
      chmod +x "$tmp/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
    fi
    [[ -x $tmp/keycloak-$KEYCLOAK_VERSION/bin/kc.sh ]] || die "$zip holds no keycloak-$KEYCLOAK_VERSION/bin/kc.sh"
    mv -- "$tmp/keycloak-$KEYCLOAK_VERSION" "$dist"
    rm -rf -- "$tmp"
  fi
  exec 8>&-
}

kc_pid() { read_pid "$KC_PIDFILE"; }
# The pattern matches both kc.sh and its JVM (-Dkc.home.dir=$KC_HOME/bin/..); after its first build kc.sh
# execs the JVM under its own PID.
kc_running() { pid_alive "$(kc_pid)" "$KC_HOME/bin" || pid_alive "$(read_pid "$KC_JAVA_PIDFILE")" "$KC_HOME/bin"; }

kc_ready() {  # the realm's discovery document answers 200 (bash /dev/tcp: no curl needed)
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET /realms/openwd/.well-known/openid-configuration HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n" "$1" >&3
    IFS= read -r status <&3 && [[ $status == *" 200 "* ]]' _ "$KEYCLOAK_PORT" 2>/dev/null
}

kc_launch() {  # starts Keycloak without waiting; kc_wait waits
  [[ $KEYCLOAK == 1 ]] || return 0
  if kc_running; then
    log "Keycloak already running (pid $(kc_pid))"
    return 0
  fi
  rm -f -- "$KC_PIDFILE" "$KC_JAVA_PIDFILE"
  if port_open "$KEYCLOAK_PORT"; then
    die "port $KEYCLOAK_PORT is in use by a process this script did not start: $(port_owner "$KEYCLOAK_PORT")"
  fi
  [[ -x $KEYCLOAK_JAVA_HOME/bin/java ]] || die "Keycloak needs Java 21+ at $KEYCLOAK_JAVA_HOME (OPENWD_KEYCLOAK_JAVA_HOME)"
  kc_fetch
  mkdir -p "$KC_DIR"
  if [[ ! -x $KC_HOME/bin/kc.sh ]] || ! grep -qF "$KEYCLOAK_VERSION" "$KC_HOME/version.txt" 2>/dev/null; then
    rm -rf -- "$KC_HOME"
    cp -a -- "$(kc_dist)" "$KC_HOME"
  fi
  # Keycloak's own database is kept between runs (a start on an empty one costs ~30-50 s more) unless the realm
  # file changed since its import, or OPENWD_KEYCLOAK_RESET=1.
  local sum
  sum=$(cksum <"$KC_REALM" | cut -d' ' -f1)
  if [[ ${OPENWD_KEYCLOAK_RESET:-0} == 1 || $(cat "$KC_DIR/realm.cksum" 2>/dev/null) != "$sum" ]]; then
    rm -rf -- "$KC_HOME/data/h2"
    log "Keycloak database reset: realm openwd is imported from $KC_REALM"
  fi
  mkdir -p "$KC_HOME/data/import"
  cp -- "$KC_REALM" "$KC_HOME/data/import/openwd-realm.json"
  echo "$sum" >"$KC_DIR/realm.cksum"
  log "starting Keycloak $KEYCLOAK_VERSION on http://127.0.0.1:$KEYCLOAK_PORT (realm openwd)"
  (cd "$KC_DIR" && exec env JAVA_HOME="$KEYCLOAK_JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASS" \
    setsid "$KC_HOME/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --http-host=127.0.0.1 --import-realm \
    </dev/null >>"$KC_CONSOLE" 2>&1 8>&- 9>&-) &
  echo "$!" >"$KC_PIDFILE"
  KC_STARTED_AT=$SECONDS
}

kc_wait() {
  [[ $KEYCLOAK == 1 ]] || return 0
  local pid deadline=$((SECONDS + KEYCLOAK_TIMEOUT)) java
  pid=$(kc_pid)
  until kc_ready; do
    if ! pid_exists "$pid"; then
      tail_file "$KC_CONSOLE" 50 >&2
      rm -f -- "$KC_PIDFILE"
      die "Keycloak exited during startup (log: $KC_CONSOLE)"
    fi
    if (( SECONDS >= deadline )); then
      tail_file "$KC_CONSOLE" 50 >&2
      kc_stop || true
      die "Keycloak did not serve realm openwd within ${KEYCLOAK_TIMEOUT}s (log: $KC_CONSOLE)"
    fi
    sleep 1
  done
  java=$(tr ' ' '\n' <"/proc/$pid/task/$pid/children" 2>/dev/null | head -n 1 || true)
  if [[ -z $java ]] && pid_alive "$pid" QuarkusEntryPoint; then
    java=$pid   # kc.sh exec'd its JVM
  fi
  [[ -n $java ]] && echo "$java" >"$KC_JAVA_PIDFILE"
  log "Keycloak up (pid $pid${java:+, JVM $java}${KC_STARTED_AT:+, after $((SECONDS - KC_STARTED_AT))s})"
}

kc_stop() {
  local pid java
  pid=$(kc_pid)
  java=$(read_pid "$KC_JAVA_PIDFILE")
  if pid_alive "$pid" "$KC_HOME/bin" || pid_alive "$java" "$KC_HOME/bin"; then
    log "stopping Keycloak (pid ${pid:-?}, JVM ${java:-?})"
    # kc.sh passes SIGTERM on to its JVM and waits for it
    stop_pid "$pid" "$KC_HOME/bin" kc.sh 60 || true
    stop_pid "$java" "$KC_HOME/bin" "Keycloak JVM" 30 || return 1
  fi
  rm -f -- "$KC_PIDFILE" "$KC_JAVA_PIDFILE"
}

# ---------------------------------------------------------------------------------------------
# commands

print_env() {
  local mdb=jdbc:mariadb://127.0.0.1:$MARIADB_PORT
  printf '%s ' \
    "-Dopenwd.it.required=true" \
    "-Dopenwd.it.mariadb.url='$mdb/${DB_NAMES[0]}?nullDatabaseMeansCurrent=true'" \
    "-Dopenwd.it.mariadb.url2='$mdb/${DB_NAMES[1]}?nullDatabaseMeansCurrent=true'" \
    "-Dopenwd.it.mariadb.username=$DB_USER" \
    "-Dopenwd.it.mariadb.password=$DB_PASS" \
    "-Dopenwd.it.rabbit.host=127.0.0.1" \
    "-Dopenwd.it.rabbit.port=$RABBIT_PORT" \
    "-Dopenwd.it.rabbit.username=$RABBIT_USER" \
    "-Dopenwd.it.rabbit.password=$RABBIT_PASS"
  printf '%s' "-Dopenwd.it.rabbit.stomp-port=$STOMP_PORT"
  if [[ $KEYCLOAK == 1 ]]; then
    printf ' %s' "-Dopenwd.it.keycloak.url=http://127.0.0.1:$KEYCLOAK_PORT" \
      "-Dopenwd.it.keycloak.admin-username=$KC_ADMIN_USER" "-Dopenwd.it.keycloak.admin-password=$KC_ADMIN_PASS"
  else
    printf ' %s' "-Dopenwd.it.keycloak.required=false"
  fi
  printf '\n'
}

print_info() {
  cat <<EOF
[services] ready (state: $DIR)
  MariaDB   jdbc:mariadb://127.0.0.1:$MARIADB_PORT/${DB_NAMES[0]}  (also ${DB_NAMES[1]})  user $DB_USER / $DB_PASS
            root: mariadb --no-defaults --socket=$MDB_SOCK -uroot
  RabbitMQ  amqp://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$RABBIT_PORT/  (guest/guest too)  node $RABBIT_NODE
            STOMP 127.0.0.1:$STOMP_PORT   Web-STOMP ws://127.0.0.1:$WEB_STOMP_PORT/ws
  Keycloak  $( [[ $KEYCLOAK == 1 ]] && echo "http://127.0.0.1:$KEYCLOAK_PORT  realm openwd (issuer http://127.0.0.1:$KEYCLOAK_PORT/realms/openwd)  admin console: $KC_ADMIN_USER / $KC_ADMIN_PASS" || echo "off (OPENWD_IT_KEYCLOAK=0)")
  Maven     $(print_env)
EOF
}

cmd_start() {
  local t0=$SECONDS
  lock
  ensure_packages
  kc_launch   # the slowest to start: it comes up while the others start
  mdb_start
  rmq_start
  kc_wait
  print_info
  log "start took $((SECONDS - t0))s"
}

cmd_stop() {
  local t0=$SECONDS rc=0
  lock
  kc_stop || rc=1
  rmq_stop || rc=1
  epmd_stop || rc=1
  mdb_stop || rc=1
  log "stopped (took $((SECONDS - t0))s)"
  return "$rc"
}

cmd_status() {
  local rc=0 pid
  pid=$(mdb_pid)
  if pid_alive "$pid" mariadbd; then
    echo "MariaDB    running  pid $pid  127.0.0.1:$MARIADB_PORT  socket $MDB_SOCK"
  else
    echo "MariaDB    stopped"; rc=3
  fi
  if rmq_running; then
    echo "RabbitMQ   running  beam pid $(read_pid "$RMQ_BEAM_PIDFILE")  wrapper pid $(read_pid "$RMQ_WRAPPER_PIDFILE")  node $RABBIT_NODE  amqp 127.0.0.1:$RABBIT_PORT  stomp :$STOMP_PORT  web-stomp :$WEB_STOMP_PORT"
  else
    echo "RabbitMQ   stopped"; rc=3
  fi
  pid=$(read_pid "$EPMD_PIDFILE")
  if pid_alive "$pid" epmd; then
    echo "epmd       running  pid $pid  127.0.0.1:$EPMD_PORT"
  elif epmd_answers; then
    echo "epmd       running on 127.0.0.1:$EPMD_PORT but not started by this script"
  else
    echo "epmd       stopped"
  fi
  if [[ $KEYCLOAK != 1 ]]; then
    echo "Keycloak   off (OPENWD_IT_KEYCLOAK=0)"
  elif kc_running; then
    echo "Keycloak   running  pid $(kc_pid)  JVM $(read_pid "$KC_JAVA_PIDFILE")  http://127.0.0.1:$KEYCLOAK_PORT"
  else
    echo "Keycloak   stopped"; rc=3
  fi
  echo "state dir  $DIR"
  return "$rc"
}

cmd_logs() {
  local n=${1:-200} f
  tail_file "$MDB_ERRLOG" "$n"
  tail_file "$MDB_CONSOLE" "$n"
  tail_file "$RMQ_CONSOLE" "$n"
  for f in "$RMQ_DIR"/log/*.log; do
    [[ -f $f ]] && tail_file "$f" "$n"
  done
  tail_file "$EPMD_LOG" "$n"
  tail_file "$KC_CONSOLE" "$n"
  return 0
}

usage() {
  echo "usage: $0 start|stop|status|env|logs [N]|rabbitmqctl ARGS...|mariadb ARGS..." >&2
  exit 2
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) print_env ;;
  logs) cmd_logs "${2:-200}" ;;
  rabbitmqctl)
    shift
    # Without a running node the CLI would start an epmd of its own that nobody stops.
    rmq_running || die "RabbitMQ is not running (scripts/services.sh start)"
    rmq_ctl "$@" ;;
  mariadb) shift; mdb_sql "$@" ;;
  *) usage ;;
esac
