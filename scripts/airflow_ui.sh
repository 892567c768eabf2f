#!/usr/bin/env bash
# Airflow standalone (scheduler, API server with the UI on :8080, dag-processor, triggerer)
# with the demo web running, so the demo DAGs can be unpaused and watched.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/airflow_env.sh
export MEDIAMON_DEMO_PORT="${MEDIAMON_DEMO_PORT:-8765}"
# The demo web has front pages for the demo week only: unpausing catches up on exactly those days.
export MEDIAMON_START_DATE="${MEDIAMON_START_DATE:-2026-11-02}" MEDIAMON_END_DATE="${MEDIAMON_END_DATE:-2026-11-08}"
mkdir -p data
mediamon demo-web --port "$MEDIAMON_DEMO_PORT" >data/demo-web.log 2>&1 &
web_pid=$!
trap 'kill $web_pid 2>/dev/null || true' EXIT
echo "demo web on http://127.0.0.1:$MEDIAMON_DEMO_PORT/ ; Airflow UI on http://localhost:8080"
echo "password: see $AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
airflow standalone
