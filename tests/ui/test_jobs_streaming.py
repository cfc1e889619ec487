"""JobController.start_streaming: progress payloads reach the GUI thread, in order; cancel stops."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from smtp_gui.ui.jobs import JobController, TaskContext


def test_reports_arrive_in_order_before_the_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    jobs = JobController()
    seen: list[tuple[str, object, bool]] = []
    jobs.task_progressed.connect(
        lambda key, payload: seen.append(
            ("progress", payload, QThread.currentThread() is jobs.thread())
        )
    )
    jobs.task_finished.connect(lambda key, result: seen.append(("finished", result, True)))

    def work(task: TaskContext) -> str:
        for step in range(5):
            task.report(step)
        return "done"

    with qtbot.waitSignal(jobs.batch_finished, timeout=5000) as caught:
        jobs.start_streaming([("job", work)])
    assert caught.args == [False]
    assert seen == [("progress", n, True) for n in range(5)] + [("finished", "done", True)]
    jobs.shutdown()


def test_cancel_sets_the_flag_and_drops_later_reports(qtbot) -> None:  # type: ignore[no-untyped-def]
    jobs = JobController()
    started, stopped = threading.Event(), threading.Event()
    late: list[object] = []
    jobs.task_progressed.connect(lambda key, payload: late.append(payload))

    def work(task: TaskContext) -> None:
        task.report("first")
        started.set()
        task.cancelled.wait(5)
        task.report("after cancel")
        stopped.set()

    jobs.start_streaming([("job", work)])
    assert started.wait(5)
    qtbot.waitUntil(lambda: late == ["first"], timeout=2000)
    with qtbot.waitSignal(jobs.tasks_cancelled, timeout=2000) as caught:
        jobs.cancel()
    assert caught.args == [["job"]]
    assert stopped.wait(2)
    qtbot.wait(50)
    assert late == ["first"]
    jobs.shutdown()


def test_plain_tasks_still_take_no_arguments(qtbot) -> None:  # type: ignore[no-untyped-def]
    jobs = JobController()
    with qtbot.waitSignal(jobs.task_finished, timeout=5000) as caught:
        jobs.start([("k", lambda: 42)])
    assert caught.args == ["k", 42]
    jobs.shutdown()
