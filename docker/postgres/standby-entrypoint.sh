#!/bin/bash
# The hot standby: on its first start a base backup of the primary (pg_basebackup -R writes
# standby.signal and primary_conninfo); then PostgreSQL in recovery, serving read-only queries.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  export PGPASSWORD="$REPLICATION_PASSWORD"
  until pg_basebackup -h db -U replicator -D "$PGDATA" -R -X stream -c fast; do
    echo "waiting for the primary…"
    sleep 2
  done
fi
exec postgres
