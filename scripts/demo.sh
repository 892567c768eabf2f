#!/usr/bin/env bash
# The demo: serve the bundled demo web on loopback, run the daily DAG through Airflow
# for each of the 7 demo days, run the trend-report DAG, print a summary, stop the web.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/airflow_env.sh

# A free loopback port unless one is given; the demo registry entries read it.
export MEDIAMON_DEMO_PORT="${MEDIAMON_DEMO_PORT:-$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
mkdir -p data
mediamon demo-web --port "$MEDIAMON_DEMO_PORT" >data/demo-web.log 2>&1 &
web_pid=$!
trap 'kill $web_pid 2>/dev/null || true' EXIT
python - <<PY
import time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen("http://127.0.0.1:${MEDIAMON_DEMO_PORT}/robots.txt", timeout=1); break
    except OSError:
        time.sleep(0.1)
else:
    raise SystemExit("demo web did not start; see data/demo-web.log")
PY
echo "demo web on http://127.0.0.1:${MEDIAMON_DEMO_PORT}/ (pid $web_pid)"

# A task that fails is retried after this many seconds; `airflow dags test` waits it out.
export MEDIAMON_TASK_RETRY_DELAY_S="${MEDIAMON_TASK_RETRY_DELAY_S:-5}"

days=$(python -c 'from media_monitor.demo_web import DEMO_DAYS; print(" ".join(d.isoformat() for d in DEMO_DAYS))')
log_dir=data/demo-logs
mkdir -p "$log_dir"
for day in $days; do
  start=$(date +%s)
  if ! airflow dags test media_monitoring_daily "$day" >"$log_dir/daily-$day.log" 2>&1; then
    echo "daily DAG failed for $day; last lines of $log_dir/daily-$day.log:"; tail -30 "$log_dir/daily-$day.log"; exit 1
  fi
  state=$(grep -Eo "DagRun Finished: .*state=[a-z]+" "$log_dir/daily-$day.log" | grep -Eo "state=[a-z]+" | tail -1 || true)
  echo "media_monitoring_daily $day: ${state:-state=?} ($(( $(date +%s) - start )) s)"
done
last=${days##* }
airflow dags test media_trend_report --conf "{\"date\": \"$last\"}" >"$log_dir/report.log" 2>&1 \
  || { echo "trend report DAG failed:"; tail -30 "$log_dir/report.log"; exit 1; }
echo "media_trend_report $last: done"
echo
mediamon summary
echo
echo "report: $(pwd)/data/reports/$last/report.html"
echo "        $(pwd)/data/reports/$last/report.md"
echo "logs:   $log_dir/"
