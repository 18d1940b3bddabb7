#!/usr/bin/env bash
# Crash test: kill -9 the service in the middle of a load of deals and delivery events, restart it on
# the same data directory, and check that every request that was answered 2xx is still there, nothing
# is there twice, and the timers waiting at the crash still fire. Exits non-zero on any failure.
#
#   tools/crash-test.sh                  build, run, check (the JVM is killed; its PostgreSQL lives on
#                                        as an orphan and the next start must stop it)
#   tools/crash-test.sh --kill-postgres  the embedded PostgreSQL is killed with -9 too (crash recovery
#                                        from the WAL on the next start)
#
# Settings (environment): CRASH_DEALS (400), CRASH_RATE deals/s (8), CRASH_THREADS (6); the kill comes
# when CRASH_KILL_AT_DEALS deals (150) and CRASH_KILL_AT_EVENTS events (60) were answered, or at 90 %
# of the deals answered, whichever is first; CRASH_START_TIMEOUT seconds (600), CRASH_SKIP_BUILD=1,
# CRASH_KEEP=1 (keep the work folder: logs, journal, data directory). Method and figures: docs/faults.md.
set -euo pipefail
cd "$(dirname "$0")/.."

KILL_POSTGRES=0
for arg in "$@"; do
  case "$arg" in
    --kill-postgres) KILL_POSTGRES=1 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
DEALS=${CRASH_DEALS:-400}
RATE=${CRASH_RATE:-8}
THREADS=${CRASH_THREADS:-6}
KILL_AT_DEALS=${CRASH_KILL_AT_DEALS:-150}
KILL_AT_EVENTS=${CRASH_KILL_AT_EVENTS:-60}
START_TIMEOUT=${CRASH_START_TIMEOUT:-600}

WORK=$(mktemp -d /tmp/reelflow-crash.XXXXXX)
DATA=$WORK/pgdata
CLIENT=$WORK/c$(date -u +%H%M%S)
mkdir -p "$CLIENT"
JAVA_PID=
LOAD_PID=

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { log "FAIL: $*"; exit 1; }

postmaster_pid() { [ -f "$DATA/postmaster.pid" ] && head -1 "$DATA/postmaster.pid" || true; }

cleanup() {
  local rc=$?
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
  if [ -n "$JAVA_PID" ] && kill -0 "$JAVA_PID" 2>/dev/null; then
    kill "$JAVA_PID" 2>/dev/null || true
    wait "$JAVA_PID" 2>/dev/null || true
  fi
  local pg; pg=$(postmaster_pid)
  if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null; then kill "$pg" 2>/dev/null || true; fi
  if [ "${CRASH_KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then
    log "work folder kept: $WORK (service logs, journal.jsonl, pgdata)"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    if ! (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port"
}
PORT=$(free_port)
PG_PORT=$(free_port)
BASE=http://localhost:$PORT

if [ "${CRASH_SKIP_BUILD:-0}" != 1 ]; then
  log "building (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
fi
JAR=$(ls target/reelflow-*.jar | grep -v '\.original$' | head -1)
CP="target/test-classes:target/classes:$(cat target/cp.txt)"
driver() { java -cp "$CP" io.reelflow.faults.CrashLoadDriver "$@"; }

start_service() {
  local out=$1
  REELFLOW_DATA_DIR=$DATA REELFLOW_PG_PORT=$PG_PORT PORT=$PORT REELFLOW_DELIVERY_STORAGE=$CLIENT/deliveries \
    java -Xmx1g -jar "$JAR" --reelflow.delivery.backlot-escalation=PT2M >"$out" 2>&1 &
  JAVA_PID=$!
  local t0=$SECONDS
  until curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$JAVA_PID" 2>/dev/null || { tail -40 "$out"; die "the service died while starting (log: $out)"; }
    [ $((SECONDS - t0)) -lt "$START_TIMEOUT" ] || die "the service was not ready within $START_TIMEOUT s (log: $out)"
    sleep 1
  done
  STARTUP_SECONDS=$((SECONDS - t0))
}

log "work folder $WORK; service on port $PORT, embedded PostgreSQL on $PG_PORT"
start_service "$WORK/service-1.log"
log "service up in ${STARTUP_SECONDS}s (pid $JAVA_PID, PostgreSQL pid $(postmaster_pid))"
driver setup "$BASE" "$CLIENT"

log "load: $DEALS deals at $RATE/s on $THREADS threads, 4 delivery events per delivery; kill -9 at $KILL_AT_DEALS deals and $KILL_AT_EVENTS events answered (or $((DEALS * 9 / 10)) deals)"
driver load "$BASE" "$CLIENT" "$DEALS" "$THREADS" "$RATE" >"$WORK/load.out" 2>"$WORK/load.err" &
LOAD_PID=$!
while :; do
  d=0; e=0; u=0
  [ -f "$CLIENT/progress" ] && read -r d e u < "$CLIENT/progress"
  if [ "$d" -ge "$KILL_AT_DEALS" ] && [ "$e" -ge "$KILL_AT_EVENTS" ]; then break; fi
  if [ "$d" -ge $((DEALS * 9 / 10)) ]; then break; fi
  kill -0 "$LOAD_PID" 2>/dev/null || die "the load ended before the kill point ($d deals, $e events answered); see $WORK/load.err"
  sleep 0.2
done
ORPHAN=$(postmaster_pid)
kill -9 "$JAVA_PID"
wait "$JAVA_PID" 2>/dev/null || true
KILLED_AT=$(date -u +%FT%TZ)
log "kill -9 of the JVM (pid $JAVA_PID) with $d deals and $e events answered"
if [ "$KILL_POSTGRES" = 1 ]; then
  kill -9 "$ORPHAN"
  log "kill -9 of PostgreSQL too (postmaster pid $ORPHAN)"
elif kill -0 "$ORPHAN" 2>/dev/null; then
  log "PostgreSQL (pid $ORPHAN) survived the JVM: an orphan holding the data directory"
else
  log "PostgreSQL (pid $ORPHAN) stopped with the JVM"
fi
wait "$LOAD_PID" || die "load driver failed: $(tail -5 "$WORK/load.err")"
LOAD_PID=
cat "$WORK/load.out"

sleep 2
RESTARTED_AT=$(date -u +%FT%T.%3NZ)
start_service "$WORK/service-2.log"
NEW_PG=$(postmaster_pid)
log "service restarted in ${STARTUP_SECONDS}s (pid $JAVA_PID, PostgreSQL pid $NEW_PG)"
if [ "$KILL_POSTGRES" = 1 ]; then
  grep -q "database system was interrupted\|not properly shut down\|redo done\|automatic recovery" "$WORK/service-2.log" \
    && log "PostgreSQL recovered from its WAL: $(grep -o 'redo done at [^;]*\|database system was not properly shut down[^\"]*' "$WORK/service-2.log" | head -1)" \
    || log "PostgreSQL start logged no recovery (its log may be elsewhere)"
else
  if kill -0 "$ORPHAN" 2>/dev/null; then die "the orphaned PostgreSQL (pid $ORPHAN) still runs after the restart"; fi
  if grep -q "Stopping PostgreSQL left running by a previous run (pid $ORPHAN)" "$WORK/service-2.log"; then
    log "the new start stopped the orphan (pid $ORPHAN) and runs its own PostgreSQL (pid $NEW_PG)"
  else
    log "note: the orphan (pid $ORPHAN) was gone before the start looked for it"
  fi
fi

log "checking (resend unanswered requests, then every answered one; waits for jobs and timers)"
set +e
driver verify "$BASE" "$CLIENT" "$RESTARTED_AT" | tee "$WORK/verify.out"
RC=${PIPESTATUS[0]}
set -e
log "killed at $KILLED_AT, restarted at $RESTARTED_AT, checks done at $(date -u +%FT%TZ)"

kill "$JAVA_PID"
wait "$JAVA_PID" 2>/dev/null || true
sleep 1
LEFT=$(postmaster_pid)
if [ -n "$LEFT" ] && kill -0 "$LEFT" 2>/dev/null; then die "PostgreSQL (pid $LEFT) still runs after a clean stop of the service"; fi
JAVA_PID=
log "clean stop: the service and its PostgreSQL are down"
[ "$RC" -eq 0 ] || die "checks failed (see above; work folder $WORK)"
log "PASS"
