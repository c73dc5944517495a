"""Tasks in forked children: a child that dies is an error, not a hang, and no child outlives
a parent that is killed (validation with pySHACL and the servers' workers rely on both)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spacecoop.children import run_forked, run_in_parallel
from spacecoop.errors import SpacecoopError


def test_the_results_come_back_in_order():
    assert run_forked([lambda: 1, lambda: "two", list]) == [1, "two", []]


def test_in_parallel_tasks_run_in_children_on_two_cores_and_here_on_one(monkeypatch):
    tasks = [os.getpid, lambda: "two"]
    if len(os.sched_getaffinity(0)) > 1:
        pid, two = run_in_parallel(tasks)
        assert pid != os.getpid() and two == "two"
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0})
    assert run_in_parallel(tasks) == [os.getpid(), "two"]


def test_an_error_in_a_child_is_raised_in_the_parent():
    def fails():
        raise KeyError("in the child")

    with pytest.raises(KeyError, match="in the child"):
        run_forked([list, fails])


def test_a_validation_process_that_dies_is_reported_not_hung():
    def killed():
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(SpacecoopError, match=r"stopped without an answer \(exit code -9\)"):
        run_forked([killed, list])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux's")
def test_validation_processes_do_not_outlive_a_killed_build(tmp_path):
    pid_file = tmp_path / "pid"
    script = f"""
import os, signal, threading, time
from spacecoop.children import run_forked

def task():
    open({str(pid_file)!r}, "w").write(str(os.getpid()))
    time.sleep(60)

threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
run_forked([task])
"""
    subprocess.run([sys.executable, "-c", script], timeout=30)
    pid = int(pid_file.read_text())
    for _ in range(50):
        stat = Path(f"/proc/{pid}/stat")
        if not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the validation process outlived the killed build")
