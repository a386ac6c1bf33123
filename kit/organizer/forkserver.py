"""The kernel zygote: ``python -m kit.organizer.forkserver``.

It imports the notebook stack once (:mod:`kit.organizer.kernel_preload`), then reads one JSON
request per line on stdin (``{"connection_file", "cwd", "env"}``), forks a child that becomes an
ipykernel serving that connection file, and answers the child's pid on stdout. It reaps its
children and exits when stdin closes. No thread runs here before a fork.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import sys


def _reap(*_: object) -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _become_kernel(request: dict) -> None:
    """In the child: detach from the zygote's pipes and serve as a kernel until shut down."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(request["env"])
    if request.get("cwd"):
        os.chdir(request["cwd"])
    sys.path.insert(0, "")
    from ipykernel.kernelapp import IPKernelApp

    # No on-disk input history: a validation kernel lives for one notebook (In/Out still work).
    argv = ["-f", request["connection_file"], "--HistoryManager.enabled=False"]
    sys.argv = ["ipykernel_launcher", *argv]
    app = IPKernelApp.instance()
    app.initialize(argv)
    app.start()


def serve() -> None:
    import kit.organizer.kernel_preload  # noqa: F401  (the point of the zygote)

    # Move what the imports created out of the collector's sight: kernels then neither scan it
    # at every full collection nor copy its memory pages by touching them (CPython's advice for
    # pre-fork servers).
    gc.collect()
    gc.freeze()
    signal.signal(signal.SIGCHLD, _reap)
    out = sys.stdout
    print("ready", file=out, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                _become_kernel(request)
            finally:
                os._exit(0)
        print(pid, file=out, flush=True)


if __name__ == "__main__":
    # BrokenPipeError: the parent went away, so there is nothing left to serve.
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        serve()
