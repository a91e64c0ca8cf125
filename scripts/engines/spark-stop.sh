#!/usr/bin/env bash
# Stops the Spark cluster started by spark-start.sh (Thrift server, workers, master) and
# removes SERVICEMAAL_TEST_SPARK from .engines/env. Does nothing if it is not running.
set -euo pipefail

ENGINES_DIR=${SERVICEMAAL_ENGINES_DIR:-$PWD/.engines}
SPARK_DIR=$ENGINES_DIR/spark
RUN_DIR=$SPARK_DIR/run
ENV_FILE=$ENGINES_DIR/env

stop_one() { # name: TERM the process group started for it, KILL after 20 s
  local file=$RUN_DIR/$1.pid pid
  [[ -f $file ]] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
    printf 'spark-stop: stopped %s (pid %s)\n' "$1" "$pid" >&2
  fi
  rm -f "$file"
}

for name in thriftserver worker2 worker1 master; do stop_one "$name"; done
rm -f "$RUN_DIR/ports"

if [[ -f $ENV_FILE ]] && grep -q '^export SERVICEMAAL_TEST_SPARK=' "$ENV_FILE"; then
  tmp=$(mktemp "$ENGINES_DIR/env.XXXXXX")
  grep -v '^export SERVICEMAAL_TEST_SPARK=' "$ENV_FILE" > "$tmp" || true
  mv "$tmp" "$ENV_FILE"
fi
