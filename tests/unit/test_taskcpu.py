"""Task CPU accounting: the figures the Airflow listener writes into each task's log."""

from __future__ import annotations

import os

from media_monitor.taskcpu import LOG_FORMAT, LOG_PATTERN, TaskCpu, process_cpu_s


def _burn(seconds: float) -> None:
    start = process_cpu_s()
    while process_cpu_s() - start < seconds:
        sum(i * i for i in range(10_000))


def test_task_figure_counts_only_the_cpu_since_the_start_mark():
    cpu = TaskCpu()
    _burn(0.05)
    cpu.mark_start()
    _burn(0.1)
    since, process, pid = cpu.summary()
    assert 0.1 <= since < process
    assert pid == os.getpid()


def test_without_a_start_mark_the_task_figure_is_zero_and_a_summary_resets_the_mark():
    cpu = TaskCpu()
    assert cpu.summary()[0] == 0.0
    cpu.mark_start()
    _burn(0.02)
    assert cpu.summary()[0] > 0
    assert cpu.summary()[0] == 0.0


def test_log_pattern_reads_the_log_line_back():
    assert LOG_PATTERN.search("x " + LOG_FORMAT % (0.25, 1.5, 4321)).groups() == ("0.250", "1.500", "4321")
