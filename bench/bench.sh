#!/usr/bin/env bash
# The benchmarks behind docs/performance.md. Each run starts a fresh server from target/guichet.jar
# (build it first: mvn -B package -DskipTests) and writes its report under target/bench/.
#   bench/bench.sh chat [runs]        2,000 visitors, 50 agents, 200 visitor messages/s for 60 s
#   bench/bench.sh peak [runs]        rising rate until delivery p99 > 250 ms, and the database's ceiling
#   bench/bench.sh two-nodes [runs]   the chat run split across two nodes on one PostgreSQL
#   bench/bench.sh cold-start [runs]  java -jar to a 200 from /health, data directory already there
#   bench/bench.sh kill [runs]        kill -9 the server mid-run, restart it, check nothing acknowledged is lost
#   bench/bench.sh db-restart         restart PostgreSQL under load (external database)
#   bench/bench.sh live [runs]        2,000 viewers of a live session's wall, 200 votes/s for 60 s
#   bench/bench.sh burst [runs]       2,000 visitors arrive at once (session, socket, first message), no retry
#   bench/bench.sh kb [runs]          help-centre search: MRR@5, top-1, and p95 with 10,000 articles (no server)
#   bench/bench.sh import [runs]      a 50,000-row contact import through the API (ROWS= to vary), median of the runs
#   bench/bench.sh desk               an exam morning: 3,000 students, 150 incidents in 30 min, 40 agents and 120 faculty
#                                     accounts on line; p99 of the notice to its people (DESK_SECONDS=, INCIDENTS= to shorten)
#   bench/bench.sh search [runs]      conversation search over 500,000 conversations (CONVERSATIONS= to vary), p95 per kind
#   bench/bench.sh insights [runs]    a month's report over a year of 500,000 conversations (CONVERSATIONS= to vary), median of the runs
#   bench/bench.sh webinars [runs]    2,000 registrations to one session over 60 s (p95, errors, checks), then 5,000 reminders queued
#   bench/bench.sh alerts [runs]      an emergency alert: 5,000 public sockets (banner p99), 5,000 recipients' mails to a local SMTP
#                                     sink and pushes to a local push sink, 1,000 acks in a minute (RECIPIENTS=, SOCKETS=, ACKS= to vary)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR=target/guichet.jar
OUT=target/bench
ADMIN_EMAIL=admin@charge.test
ADMIN_PASSWORD=mot-de-passe-charge
mkdir -p "$OUT"

# start_server PORT DATA_DIR [extra env…]: starts a node in the background, waits for /health, prints its pid
start_server() {
  local port=$1 data=$2; shift 2
  env GUICHET_PORT="$port" GUICHET_DATA_DIR="$data" GUICHET_RATE_LIMITS=off GUICHET_DEMO=false \
      GUICHET_ADMIN_EMAIL=$ADMIN_EMAIL GUICHET_ADMIN_PASSWORD=$ADMIN_PASSWORD "$@" \
      nohup "$JAVA" -jar "$JAR" > "$data.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/health" 2>/dev/null | grep -q 200 && { echo "$pid"; return; }
    sleep 0.1
  done
  echo "server on $port did not start, see $data.log" >&2; exit 1
}

stop_server() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

loadtest() {
  "$JAVA" -jar "$JAR" loadtest --admin-email $ADMIN_EMAIL --admin-password $ADMIN_PASSWORD "$@"
}

fresh() { rm -rf "$1" "$1.log"; }

runs=${2:-3}
case "${1:-}" in
  chat)
    for i in $(seq 1 "$runs"); do
      fresh $OUT/chat-data; pid=$(start_server 8181 $OUT/chat-data)
      loadtest --url http://localhost:8181 --visitors 2000 --agents 50 --start-rate 50 --rate 200 --duration 60 \
          --gc-pid "$pid" --report-json $OUT/chat-$i.json | tee $OUT/chat-$i.txt || true
      stop_server "$pid"
    done ;;
  peak)
    for i in $(seq 1 "$runs"); do
      fresh $OUT/peak-data; pid=$(start_server 8181 $OUT/peak-data)
      port=$(sed -n 4p $OUT/peak-data/postgres/postmaster.pid)
      loadtest --url http://localhost:8181 --visitors 2000 --agents 50 --start-rate 50 --rate 100 --duration 20 --peak \
          --database-url "jdbc:postgresql://localhost:$port/postgres" --gc-pid "$pid" --report-json $OUT/peak-$i.json \
          | tee $OUT/peak-$i.txt || true
      stop_server "$pid"
    done ;;
  two-nodes)
    for i in $(seq 1 "$runs"); do
      fresh $OUT/two-data; a=$(start_server 8181 $OUT/two-data)
      port=$(sed -n 4p $OUT/two-data/postgres/postmaster.pid)
      fresh $OUT/two-data-b
      b=$(start_server 8182 $OUT/two-data-b GUICHET_DATABASE_URL="jdbc:postgresql://localhost:$port/postgres" \
          GUICHET_DATABASE_USER=postgres GUICHET_DATABASE_PASSWORD=postgres)
      loadtest --url http://localhost:8181,http://localhost:8182 --visitors 2000 --agents 50 --start-rate 50 --rate 200 \
          --duration 60 --report-json $OUT/two-nodes-$i.json | tee $OUT/two-nodes-$i.txt || true
      stop_server "$b"; stop_server "$a"
    done ;;
  cold-start)
    fresh $OUT/cold-data; pid=$(start_server 8181 $OUT/cold-data); stop_server "$pid"
    for i in $(seq 1 "$runs"); do
      t0=$(date +%s%N); pid=$(start_server 8181 $OUT/cold-data); t1=$(date +%s%N)
      echo "cold start $i: $(( (t1 - t0) / 1000000 )) ms to a 200 from /health" | tee -a $OUT/cold-start.txt
      stop_server "$pid"
    done ;;
  kill)
    for i in $(seq 1 "$runs"); do
      fresh $OUT/kill-data; pid=$(start_server 8181 $OUT/kill-data)
      loadtest --url http://localhost:8181 --visitors 500 --agents 20 --start-rate 50 --rate 50 --duration 40 --reconnect \
          --drain 30 > $OUT/kill-$i.txt 2>&1 &
      lt=$!
      sleep 30                                     # set-up, starts, and some 15 s of the measured window
      kill -9 "$pid"; echo "killed the server (kill -9) at $(date +%T)"
      sleep 2
      pid=$(start_server 8181 $OUT/kill-data); echo "restarted at $(date +%T)"
      wait "$lt" || true
      cat $OUT/kill-$i.txt | grep -v '^loadtest: *[0-9]*s '
      stop_server "$pid"
    done ;;
  db-restart)
    pgbin=$(ls -d /tmp/embedded-pg/PG-*/bin 2>/dev/null | head -1)
    [ -n "$pgbin" ] || { echo "start Guichet once with its embedded database so its PostgreSQL binaries are unpacked" >&2; exit 1; }
    # PostgreSQL refuses to run as root: when we are root, it runs as an unprivileged user of its own.
    as_pg=(); if [ "$(id -u)" = 0 ]; then id guichetpg > /dev/null 2>&1 || useradd -r guichetpg; as_pg=(runuser -u guichetpg --); fi
    db=/tmp/guichet-external-pg; rm -rf $db; mkdir -p $db; [ ${#as_pg[@]} = 0 ] || chown guichetpg $db
    pg_ctl() { "${as_pg[@]}" "$pgbin/pg_ctl" "$@"; }
    "${as_pg[@]}" "$pgbin/initdb" -D $db/data -U postgres --auth=trust -E UTF8 > /dev/null
    pg_ctl -D $db/data -o "-p 55432 -c max_connections=200" -l $db/log -w start > /dev/null
    fresh $OUT/dbr-data
    pid=$(start_server 8181 $OUT/dbr-data GUICHET_DATABASE_URL=jdbc:postgresql://localhost:55432/postgres \
        GUICHET_DATABASE_USER=postgres GUICHET_DATABASE_PASSWORD=postgres)
    loadtest --url http://localhost:8181 --visitors 500 --agents 20 --start-rate 50 --rate 50 --duration 40 --reconnect \
        --drain 30 > $OUT/db-restart.txt 2>&1 &
    lt=$!
    sleep 30
    pg_ctl -D $db/data -m fast stop > /dev/null; echo "database stopped at $(date +%T)"
    for _ in 1 2 3; do
      echo "  /health: $(curl -s -o /dev/null -w '%{http_code}' http://localhost:8181/health)," \
           "a write: $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' http://localhost:8181/api/v1/visitor/sessions)"
      sleep 1
    done
    sleep 2
    pg_ctl -D $db/data -o "-p 55432 -c max_connections=200" -l $db/log -w start > /dev/null; echo "database back at $(date +%T)"
    for _ in $(seq 1 100); do curl -s -o /dev/null -w '%{http_code}' http://localhost:8181/health | grep -q 200 && break; sleep 0.1; done
    echo "  /health: $(curl -s -o /dev/null -w '%{http_code}' http://localhost:8181/health) at $(date +%T)"
    wait "$lt" || true
    grep -v '^loadtest: *[0-9]*s ' $OUT/db-restart.txt
    stop_server "$pid"; pg_ctl -D $db/data -m fast stop > /dev/null ;;
  burst)
    for i in $(seq 1 "${2:-3}"); do
      rm -rf $OUT/burst-data; pid=$(start_server 8181 $OUT/burst-data GUICHET_DB_POOL="${POOL:-20}")
      loadtest --burst "${BURST:-2000}" --agents 20 --url http://localhost:8181 | tee $OUT/burst-$i.txt
      stop_server "$pid"
    done ;;
  live)
    for i in $(seq 1 "$runs"); do
      fresh $OUT/live-data; pid=$(start_server 8181 $OUT/live-data)
      loadtest --live --url http://localhost:8181 --visitors 2000 --rate 200 --duration 60 --gc-pid "$pid" \
          | tee $OUT/live-$i.txt || true
      stop_server "$pid"
    done ;;
  import)
    fresh $OUT/import-data; pid=$(start_server 8181 $OUT/import-data)
    GUICHET_ADMIN_EMAIL=$ADMIN_EMAIL GUICHET_ADMIN_PASSWORD=$ADMIN_PASSWORD \
        "$JAVA" -jar "$JAR" import-benchmark --url http://localhost:8181 --rows "${ROWS:-50000}" --runs "$runs" | tee $OUT/import.txt || true
    stop_server "$pid" ;;
  desk)
    fresh $OUT/desk-data; pid=$(start_server 8181 $OUT/desk-data)
    GUICHET_ADMIN_EMAIL=$ADMIN_EMAIL GUICHET_ADMIN_PASSWORD=$ADMIN_PASSWORD "$JAVA" -jar "$JAR" desk-benchmark --url http://localhost:8181 \
        --seconds "${DESK_SECONDS:-1800}" --incidents "${INCIDENTS:-150}" | tee $OUT/desk.txt || true
    stop_server "$pid" ;;
  search)
    fresh $OUT/search-data; pid=$(start_server 8181 $OUT/search-data)
    port=$(sed -n 4p $OUT/search-data/postgres/postmaster.pid)
    GUICHET_ADMIN_EMAIL=$ADMIN_EMAIL GUICHET_ADMIN_PASSWORD=$ADMIN_PASSWORD "$JAVA" -jar "$JAR" search-benchmark --url http://localhost:8181 \
        --database-url "jdbc:postgresql://localhost:$port/postgres" --conversations "${CONVERSATIONS:-500000}" --runs "$runs" \
        | tee $OUT/search.txt || true
    stop_server "$pid" ;;
  insights)
    fresh $OUT/insights-data; pid=$(start_server 8181 $OUT/insights-data)
    port=$(sed -n 4p $OUT/insights-data/postgres/postmaster.pid)
    GUICHET_ADMIN_EMAIL=$ADMIN_EMAIL GUICHET_ADMIN_PASSWORD=$ADMIN_PASSWORD "$JAVA" -jar "$JAR" insights-benchmark --url http://localhost:8181 \
        --database-url "jdbc:postgresql://localhost:$port/postgres" --conversations "${CONVERSATIONS:-500000}" --runs "$runs" \
        | tee $OUT/insights.txt || true
    stop_server "$pid" ;;
  webinars)
    fresh $OUT/webinars-data; pid=$(start_server 8181 $OUT/webinars-data)
    port=$(sed -n 4p $OUT/webinars-data/postgres/postmaster.pid)
    GUICHET_ADMIN_EMAIL=$ADMIN_EMAIL GUICHET_ADMIN_PASSWORD=$ADMIN_PASSWORD "$JAVA" -jar "$JAR" webinar-benchmark --url http://localhost:8181 \
        --database-url "jdbc:postgresql://localhost:$port/postgres" --rush "${RUSH:-2000}" --capacity "${CAPACITY:-500}" --window "${WINDOW:-60}" \
        --reminders "${REMINDERS:-5000}" --sessions "${SESSIONS:-10}" --runs "$runs" | tee $OUT/webinars.txt || true
    stop_server "$pid" ;;
  alerts)
    fresh $OUT/alerts-data
    pid=$(start_server 8181 $OUT/alerts-data GUICHET_SMTP_URL=smtp://127.0.0.1:2525 GUICHET_MAIL_RATE=1000000 \
        GUICHET_ALERT_PUSH_SERVICES=http://127.0.0.1:8899)
    GUICHET_ADMIN_EMAIL=$ADMIN_EMAIL GUICHET_ADMIN_PASSWORD=$ADMIN_PASSWORD "$JAVA" -jar "$JAR" alert-benchmark --url http://localhost:8181 \
        --recipients "${RECIPIENTS:-5000}" --sockets "${SOCKETS:-5000}" --acks "${ACKS:-1000}" --ack-seconds "${ACK_SECONDS:-60}" \
        --smtp-port 2525 --push-port 8899 --runs "$runs" | tee $OUT/alerts.txt || true
    stop_server "$pid" ;;
  kb)
    for i in $(seq 1 "$runs"); do
      "$JAVA" --add-modules jdk.incubator.vector -jar "$JAR" kb-benchmark 2>/dev/null | tee $OUT/kb-$i.txt
    done ;;
  *) sed -n 2,20p "$0"; exit 2 ;;
esac
