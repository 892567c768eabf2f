#!/usr/bin/env bash
# Create (or upgrade) the Airflow metadata DB in AIRFLOW_HOME and the pools the DAGs use.
set -euo pipefail
. "$(dirname "$0")/airflow_env.sh"
mkdir -p "$AIRFLOW_HOME"
airflow db migrate >"$AIRFLOW_HOME/db-migrate.log" 2>&1 || { cat "$AIRFLOW_HOME/db-migrate.log"; exit 1; }
# One DuckDB writer at a time; a few outlets fetched at once.
airflow pools set mediamon_duckdb 1 "Media Monitor: the single DuckDB writer" >/dev/null
airflow pools set mediamon_fetch 4 "Media Monitor: concurrent outlet fetches" >/dev/null
echo "Airflow home ready: $AIRFLOW_HOME"
