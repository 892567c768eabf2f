# Source this to point Airflow at the checkout: `. scripts/airflow_env.sh`
# An Airflow home inside the checkout, SQLite metadata DB, examples off.
_here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AIRFLOW_HOME="${AIRFLOW_HOME:-$_here/airflow_home}"
export AIRFLOW__CORE__DAGS_FOLDER="$_here/dags"
export AIRFLOW__CORE__PLUGINS_FOLDER="$_here/plugins"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=True
export AIRFLOW__CORE__ALLOWED_DESERIALIZATION_CLASSES_REGEXP='(airflow|media_monitor)\..*'
export AIRFLOW__LOGGING__LOGGING_LEVEL="${AIRFLOW__LOGGING__LOGGING_LEVEL:-INFO}"
export GX_ANALYTICS_ENABLED=false
export PATH="$_here/.venv/bin:$PATH"
unset _here
# The scheduler's LocalExecutor workers start from a forkserver that imports, once, what every task
# process needs (media_monitor.preload: Great Expectations, about 6 s of CPU, Airflow's task runner,
# the DAG parser); each forked task starts with them loaded. bench/gx_share_scheduler.py measures
# it. `airflow dags test` (make demo) runs in one process and is not affected.
export AIRFLOW__SCHEDULER__MP_START_METHOD="${AIRFLOW__SCHEDULER__MP_START_METHOD:-forkserver}"
export AIRFLOW__CORE__MP_FORKSERVER_PRELOAD="${AIRFLOW__CORE__MP_FORKSERVER_PRELOAD:-airflow,airflow.executors.local_executor,media_monitor.preload}"
