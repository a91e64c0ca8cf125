#!/usr/bin/env bash
# Starts the database engines that `npm run test:engines` runs the library's SQL on, for this
# checkout only: a PostgreSQL server on 127.0.0.1 (installed from Debian's packages when its
# programs are missing) and, when scripts/engines/spark-start.sh exists, Spark's Thrift server.
# DuckDB needs nothing: it runs inside the test process.
#
# Writes the variables the tests read to .engines/env; then:
#   . .engines/env && npm run test:engines
# Stop the engines with scripts/engines/stop.sh. Running this again while the server runs only
# writes .engines/env again. The folder is ${SERVICEMAAL_ENGINES_DIR:-.engines} (in .gitignore).
set -euo pipefail
cd "$(dirname "$0")/../.."

engines="${SERVICEMAAL_ENGINES_DIR:-$PWD/.engines}"
mkdir -p "$engines"
engines="$(cd "$engines" && pwd)"

# ---- PostgreSQL's server programs --------------------------------------------------------------
find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return 0; fi
  return 1
}
if ! bin="$(find_bin)"; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "start.sh: PostgreSQL's server programs (initdb, pg_ctl) are missing: install the Debian package postgresql, or run this as root to have it installed" >&2
    exit 1
  fi
  echo "start.sh: installing PostgreSQL (apt-get install postgresql)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  # Debian's package creates and starts a cluster of its own on port 5432: not ours, and not needed.
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    for cluster in /etc/postgresql/*/main; do
      [ -d "$cluster" ] || continue
      version="$(basename "$(dirname "$cluster")")"
      pg_ctlcluster "$version" main stop >/dev/null 2>&1 || true
    done
  fi
  bin="$(find_bin)"
fi

# ---- Who runs the server: PostgreSQL refuses to run as root ------------------------------------
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  if ! id -u "$owner" >/dev/null 2>&1; then
    owner=servicemaal-pg
    id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  fi
  as_owner=(runuser -u "$owner" --)
fi

# The data folder: under the engines folder when the server's user can reach it, else (a checkout
# under a private home folder, say) in a folder of its own under the temporary directory.
data="$engines/postgres"
if [ -f "$engines/postgres.datadir" ]; then
  data="$(cat "$engines/postgres.datadir")"
elif [ ${#as_owner[@]} -gt 0 ]; then
  mkdir -p "$data"
  chown "$owner" "$data"
  chmod 700 "$data"
  if ! "${as_owner[@]}" test -w "$data"; then
    rmdir "$data"
    data="$(mktemp -d "${TMPDIR:-/tmp}/servicemaal-postgres.XXXXXX")"
    chown "$owner" "$data"
  fi
fi
mkdir -p "$data"
if [ ${#as_owner[@]} -gt 0 ]; then chown "$owner" "$data"; fi
chmod 700 "$data"
echo "$data" >"$engines/postgres.datadir"
# The server's log, in its data folder (written by the server's user).
log="$data/postgres.log"

# ---- A cluster of its own: trust authentication, on the loopback interface only ----------------
if [ ! -f "$data/PG_VERSION" ]; then
  # initdb's default host lines are 127.0.0.1/32 and ::1/128: --auth-host=trust trusts loopback only.
  "${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >"$engines/initdb.log" 2>&1 \
    || { cat "$engines/initdb.log" >&2; exit 1; }
  {
    echo "# servicemaal's test engines (scripts/engines/start.sh)"
    echo "unix_socket_directories = ''"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
  } >>"$data/postgresql.conf"
fi

port_of_running_server() {
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && [ -f "$engines/postgres.port" ]; then cat "$engines/postgres.port"; return 0; fi
  return 1
}

if ! port="$(port_of_running_server)"; then
  # A free port on 127.0.0.1, chosen by the system.
  port="$(node -e "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });")"
  "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c jit=off" start >/dev/null \
    || { echo "start.sh: PostgreSQL did not start; its log ($log):" >&2; tail -n 30 "$log" >&2; exit 1; }
  echo "$port" >"$engines/postgres.port"
  psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
  [ -x "$bin/psql" ] || psql=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
  if [ "$("${psql[@]}" -tA -c "SELECT count(*) FROM pg_roles WHERE rolname = 'servicemaal'")" = "0" ]; then
    "${psql[@]}" -c "CREATE ROLE servicemaal LOGIN"
  fi
  if [ "$("${psql[@]}" -tA -c "SELECT count(*) FROM pg_database WHERE datname = 'servicemaal'")" = "0" ]; then
    "${psql[@]}" -c "CREATE DATABASE servicemaal OWNER servicemaal ENCODING 'UTF8' TEMPLATE template0"
  fi
fi

# ---- The variables for the tests, written at once ----------------------------------------------
env_file="$engines/env"
printf 'export SERVICEMAAL_TEST_POSTGRES=%q\n' "postgres://servicemaal@127.0.0.1:$port/servicemaal" >"$env_file.tmp"
mv "$env_file.tmp" "$env_file"
echo "$("$bin/postgres" --version) on 127.0.0.1:$port (data $data)" >&2

# ---- Spark's Thrift server, when this checkout has its script (it adds to .engines/env) -------
if [ -f scripts/engines/spark-start.sh ]; then
  SERVICEMAAL_ENGINES_DIR="$engines" bash scripts/engines/spark-start.sh
fi
