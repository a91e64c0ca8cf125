#!/usr/bin/env bash
# Starts a small Apache Spark standalone cluster on 127.0.0.1 for the engine tests:
# one master, two workers (1 core, 2 GB each) and Spark's Thrift server (HiveServer2,
# binary transport, NOSASL) running its queries on that cluster.
#
# Everything lives under ${SERVICEMAAL_ENGINES_DIR:-$PWD/.engines}/spark; the address of
# the Thrift server is appended to .engines/env as SERVICEMAAL_TEST_SPARK=127.0.0.1:<port>.
# Running it again while the cluster is up only checks it and rewrites the env line.
# Needs python3 (with pip), java 17 and curl; downloads come from PyPI and Maven Central,
# pinned and checked against known hashes.
set -euo pipefail

SPARK_VERSION=3.5.4
PYSPARK_SHA256=1c2926d63020902163f58222466adf6f8016f6c43c1f319b8e7a71dbaa05fc51
PY4J_VERSION=0.10.9.7
PY4J_SHA256=85defdfd2b2376eb3abf5ca6474b51ab7e0de341c75a02f46dc9b5976f5a5c1b
THRIFT_JAR=spark-hive-thriftserver_2.12-${SPARK_VERSION}.jar
THRIFT_JAR_URL=https://repo1.maven.org/maven2/org/apache/spark/spark-hive-thriftserver_2.12/${SPARK_VERSION}/${THRIFT_JAR}
THRIFT_JAR_SHA1=2fb3feae5852563d8e9894c71d829798d40982ad

ENGINES_DIR=${SERVICEMAAL_ENGINES_DIR:-$PWD/.engines}
mkdir -p "$ENGINES_DIR"
ENGINES_DIR=$(cd "$ENGINES_DIR" && pwd)
SPARK_DIR=$ENGINES_DIR/spark
RUN_DIR=$SPARK_DIR/run
LOG_DIR=$SPARK_DIR/logs
ENV_FILE=$ENGINES_DIR/env
export SPARK_HOME=$SPARK_DIR/py/pyspark
PYTHON=${PYTHON:-python3}

log() { printf 'spark-start: %s\n' "$*" >&2; }
STARTED=0
die() {
  log "error: $*"
  if (( STARTED )); then log "stopping what was started"; "$(dirname "${BASH_SOURCE[0]}")/spark-stop.sh" || true; fi
  exit 1
}

# --- install -----------------------------------------------------------------
install_spark() {
  if [[ -f $SPARK_HOME/jars/$THRIFT_JAR ]]; then return 0; fi
  if [[ ! -f $SPARK_HOME/jars/spark-core_2.12-${SPARK_VERSION}.jar ]]; then
    log "installing pyspark ${SPARK_VERSION} (about 320 MB) into $SPARK_DIR/py"
    rm -rf "$SPARK_DIR/py"
    local req=$SPARK_DIR/requirements.txt
    mkdir -p "$SPARK_DIR"
    printf 'pyspark==%s --hash=sha256:%s\npy4j==%s --hash=sha256:%s\n' \
      "$SPARK_VERSION" "$PYSPARK_SHA256" "$PY4J_VERSION" "$PY4J_SHA256" > "$req"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-input \
      --require-hashes --target "$SPARK_DIR/py" -r "$req"
    [[ -f $SPARK_HOME/jars/spark-core_2.12-${SPARK_VERSION}.jar ]] \
      || die "pyspark installed but $SPARK_HOME/jars/spark-core_2.12-${SPARK_VERSION}.jar is missing"
  fi
  log "fetching $THRIFT_JAR from Maven Central"
  local tmp served actual
  tmp=$(mktemp "$SPARK_DIR/thriftserver.XXXXXX")
  curl -fsSL --retry 3 -o "$tmp" "$THRIFT_JAR_URL"
  served=$(curl -fsSL --retry 3 "$THRIFT_JAR_URL.sha1" | tr -d '[:space:]')
  actual=$(sha1sum "$tmp" | cut -d' ' -f1)
  if [[ $served != "$THRIFT_JAR_SHA1" || $actual != "$THRIFT_JAR_SHA1" ]]; then
    rm -f "$tmp"
    die "$THRIFT_JAR: sha1 $actual, Maven Central says $served, expected $THRIFT_JAR_SHA1"
  fi
  mv "$tmp" "$SPARK_HOME/jars/$THRIFT_JAR"
}

# --- helpers -----------------------------------------------------------------
free_ports() { # prints $1 distinct free TCP ports on 127.0.0.1
  "$PYTHON" - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
PY
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [[ -f $RUN_DIR/$1.pid ]] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

alive_workers() { # number of ALIVE workers the master reports
  curl -fsS --max-time 5 "http://127.0.0.1:$1/json/" 2>/dev/null | "$PYTHON" -c '
import json, sys
try: d = json.load(sys.stdin)
except Exception: print(0); sys.exit()
print(sum(1 for w in d.get("workers", []) if w.get("state") == "ALIVE"))'
}

start_daemon() { # name, command...: runs in its own session, records the pid
  local name=$1; shift
  setsid "$@" > "$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
}

wait_for() { # seconds, daemon that must stay alive, description, command...
  local seconds=$1 daemon=$2 what=$3; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    pid_alive "$daemon" || die "the $daemon stopped while waiting for $what (see $LOG_DIR/$daemon.log)"
    if (( SECONDS >= deadline )); then die "timed out after ${seconds}s waiting for $what (logs in $LOG_DIR)"; fi
    sleep 1
  done
}

write_env() { # replaces the SERVICEMAAL_TEST_SPARK line of .engines/env, atomically
  local tmp
  tmp=$(mktemp "$ENGINES_DIR/env.XXXXXX")
  if [[ -f $ENV_FILE ]]; then grep -v '^export SERVICEMAAL_TEST_SPARK=' "$ENV_FILE" > "$tmp" || true; fi
  printf 'export SERVICEMAAL_TEST_SPARK=127.0.0.1:%s\n' "$1" >> "$tmp"
  mv "$tmp" "$ENV_FILE"
}

run_query() { # runs one SQL statement through the Thrift server with Beeline
  "$SPARK_HOME/bin/spark-class" org.apache.hive.beeline.BeeLine \
    -u "jdbc:hive2://127.0.0.1:$1/default;auth=noSasl" -n servicemaal --silent=true --outputformat=csv2 \
    --showHeader=false -e "$2" 2>>"$LOG_DIR/beeline.log"
}

# --- already running? --------------------------------------------------------
if [[ -f $RUN_DIR/ports ]] && pid_alive master && pid_alive worker1 && pid_alive worker2 && pid_alive thriftserver; then
  # shellcheck disable=SC1091
  source "$RUN_DIR/ports"
  if port_open "$THRIFT_PORT" && [[ $(alive_workers "$MASTER_UI_PORT") == 2 ]]; then
    write_env "$THRIFT_PORT"
    log "already running: Thrift server on 127.0.0.1:$THRIFT_PORT"
    exit 0
  fi
fi
if compgen -G "$RUN_DIR/*.pid" > /dev/null; then
  log "stopping a partly running cluster first"
  "$(dirname "${BASH_SOURCE[0]}")/spark-stop.sh"
fi

# --- start -------------------------------------------------------------------
install_spark
chmod +x "$SPARK_HOME"/bin/* "$SPARK_HOME"/sbin/* 2>/dev/null || true
mkdir -p "$RUN_DIR" "$LOG_DIR" "$SPARK_DIR/work" "$SPARK_DIR/tmp" "$SPARK_DIR/warehouse" "$SPARK_DIR/load"

read -r MASTER_PORT MASTER_UI_PORT WORKER1_UI_PORT WORKER2_UI_PORT THRIFT_PORT < <(free_ports 5)
printf 'MASTER_PORT=%s\nMASTER_UI_PORT=%s\nTHRIFT_PORT=%s\n' "$MASTER_PORT" "$MASTER_UI_PORT" "$THRIFT_PORT" > "$RUN_DIR/ports"
MASTER_URL=spark://127.0.0.1:$MASTER_PORT

export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
export SPARK_LOG_DIR=$LOG_DIR SPARK_PID_DIR=$RUN_DIR SPARK_LOCAL_DIRS=$SPARK_DIR/tmp
export SPARK_NO_DAEMONIZE=1
STARTED=1

log "starting master on $MASTER_URL (UI port $MASTER_UI_PORT)"
start_daemon master env SPARK_DAEMON_MEMORY=384m "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT"
wait_for 60 master "the master" port_open "$MASTER_PORT"

for i in 1 2; do
  ui_var=WORKER${i}_UI_PORT
  start_daemon "worker$i" env SPARK_DAEMON_MEMORY=384m "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 2g --webui-port "${!ui_var}" \
    --work-dir "$SPARK_DIR/work/worker$i" "$MASTER_URL"
done
two_workers() { [[ $(alive_workers "$MASTER_UI_PORT") == 2 ]]; }
wait_for 90 master "two ALIVE workers" two_workers
log "two workers are ALIVE"

# The Thrift server takes its heap from SPARK_DAEMON_MEMORY (not --driver-memory): 1 GB.
# spark.sql.ansi.enabled is set explicitly (false, Spark 3.5's default) so that results
# do not change if a later Spark turns ANSI mode on by default. The session time zone is
# left at the server default: the generated queries only use integers.
log "starting the Thrift server on 127.0.0.1:$THRIFT_PORT"
start_daemon thriftserver env SPARK_DAEMON_MEMORY=1g "$SPARK_HOME/bin/spark-submit" \
  --master "$MASTER_URL" \
  --class org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 \
  --name servicemaal-thriftserver \
  --driver-memory 1g --executor-memory 1536m --executor-cores 1 --total-executor-cores 2 \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.ui.enabled=false \
  --conf spark.sql.ansi.enabled=false \
  --conf spark.sql.shuffle.partitions=4 \
  --conf spark.sql.warehouse.dir="$SPARK_DIR/warehouse" \
  --conf "spark.driver.extraJavaOptions=-Dderby.system.home=$SPARK_DIR" \
  --conf "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=$SPARK_DIR/metastore_db;create=true" \
  --hiveconf hive.server2.thrift.bind.host=127.0.0.1 \
  --hiveconf hive.server2.thrift.port="$THRIFT_PORT" \
  --hiveconf hive.server2.transport.mode=binary \
  --hiveconf hive.server2.authentication=NOSASL \
  spark-internal
wait_for 180 thriftserver "the Thrift server port $THRIFT_PORT" port_open "$THRIFT_PORT"

# Beeline may print its prompt before the answer: the number that ends the last line is the count.
answer=$(run_query "$THRIFT_PORT" "SELECT count(*) FROM range(0, 100000, 1, 4)" | tail -n 1 | grep -oE '[0-9]+$') \
  || die "a test query through the Thrift server failed (see $LOG_DIR/beeline.log)"
[[ $answer == 100000 ]] || die "the test query returned '$answer', expected 100000"
wait_for 30 master "two ALIVE workers" two_workers
cores_used() { # cores of the workers that applications (the Thrift server) hold
  curl -fsS --max-time 5 "http://127.0.0.1:$MASTER_UI_PORT/json/" | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin).get("coresused", 0))'
}
[[ $(cores_used) == 2 ]] || die "the Thrift server holds $(cores_used) cores of the cluster, expected 2 (one executor per worker)"

write_env "$THRIFT_PORT"
log "ready: SERVICEMAAL_TEST_SPARK=127.0.0.1:$THRIFT_PORT (master UI http://127.0.0.1:$MASTER_UI_PORT)"
