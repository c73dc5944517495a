"""Child processes that never outlive their parent: tasks run in forked children (validation
shares the built store with them copy-on-write), and the servers' worker processes."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal

from .errors import SpacecoopError


def run_forked(tasks) -> list:
    """Run each zero-argument task in a forked child; their results, in order. If one fails,
    the others are stopped and its error is raised here."""
    context = multiprocessing.get_context("fork")
    running = []
    try:
        for task in tasks:
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_send_outcome, args=(task, send), daemon=True)
            child.start()
            send.close()
            running.append((child, receive))
        results = []
        for child, receive in running:
            try:
                ok, outcome = receive.recv()
            except EOFError:  # killed before it could answer
                child.join()
                raise SpacecoopError(
                    "a validation process stopped without an answer "
                    f"(exit code {child.exitcode}); if the machine ran out of memory, "
                    "validate on a larger one"
                ) from None
            if not ok:
                raise outcome
            results.append(outcome)
        return results
    finally:
        for child, receive in running:
            if child.is_alive():
                child.terminate()
            child.join()
            receive.close()


def run_in_parallel(tasks) -> list:
    """The results of the zero-argument tasks, in order: each in a forked child where this
    machine has more than one core and can fork (``run_forked``), else one after another in
    this process."""
    tasks = list(tasks)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if len(tasks) < 2 or (cores or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [task() for task in tasks]
    return run_forked(tasks)


def _send_outcome(task, send) -> None:
    die_with_parent()
    try:
        send.send((True, task()))
    except BaseException as exc:  # reported in the parent, which raises it
        send.send((False, exc))
    finally:
        send.close()


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, whatever kills the parent, so that
    a killed build or server leaves nothing running; elsewhere the child runs on until done."""
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
