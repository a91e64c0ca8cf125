#!/usr/bin/env bash
# Stops the engines that scripts/engines/start.sh started for this checkout. Does nothing for an
# engine that is not running; the data stay, so that the next start is quick.
set -euo pipefail
cd "$(dirname "$0")/../.."

engines="${SERVICEMAAL_ENGINES_DIR:-$PWD/.engines}"

if [ -f scripts/engines/spark-stop.sh ]; then
  SERVICEMAAL_ENGINES_DIR="$engines" bash scripts/engines/spark-stop.sh || echo "stop.sh: spark-stop.sh failed" >&2
fi

[ -f "$engines/postgres.datadir" ] || exit 0
data="$(cat "$engines/postgres.datadir")"
[ -f "$data/postmaster.pid" ] || exit 0

pg_ctl=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$dir/pg_ctl" ]; then pg_ctl="$dir/pg_ctl"; break; fi
done
[ -n "$pg_ctl" ] || pg_ctl="$(command -v pg_ctl)"

as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u "$(stat -c %U "$data")" --); fi
if "${as_owner[@]}" "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
  "${as_owner[@]}" "$pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
  echo "PostgreSQL stopped (data $data)" >&2
fi
rm -f "$engines/postgres.port"
