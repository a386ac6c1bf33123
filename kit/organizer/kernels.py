"""Fresh kernels in milliseconds: fork them from a process that has already imported the stack.

Starting a Python kernel and importing pandas, matplotlib and seaborn costs about a second per
notebook, most of the time of a validation run. :class:`ForkingKernelManager` asks a zygote
(:mod:`kit.organizer.forkserver`, with the notebook stack preloaded) to fork each kernel instead
of starting a new interpreter. Every notebook still gets its own new process: nothing a notebook
does can be seen by another one; only the state left by ``import`` is inherited, copy-on-write.
Where fork is unavailable (Windows, macOS) the standard kernel manager is used.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from typing import Any

from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_client.provisioning import LocalProvisioner

__all__ = [
    "ForkingBlockingKernelManager",
    "ForkingKernelManager",
    "fork_available",
    "kernel_manager_class",
    "start_fork_server",
    "start_fork_server_soon",
]


def fork_available() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def kernel_manager_class(fast: bool = True) -> type[AsyncKernelManager]:
    """The kernel manager to run notebooks with: forking when possible and asked for."""
    return ForkingKernelManager if fast and fork_available() else AsyncKernelManager


class _Zygote:
    """The fork server process (:mod:`kit.organizer.forkserver`) and its request pipe."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kit.organizer.forkserver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lock = threading.Lock()
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("kernel fork server failed to start")

    def fork(self, connection_file: str, cwd: str | None, env: dict[str, str]) -> int:
        request = {"connection_file": connection_file, "cwd": cwd, "env": env}
        with self.lock:
            self.process.stdin.write(json.dumps(request) + "\n")
            return int(self.process.stdout.readline())

    def close(self) -> None:
        """Stop the zygote; it holds no state, so there is nothing to wait for."""
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


_zygote: _Zygote | None = None
_zygote_lock = threading.Lock()


def start_fork_server() -> None:
    """Start the zygote now (it takes about a second) rather than at the first kernel."""
    global _zygote
    with _zygote_lock:
        if _zygote is None or _zygote.process.poll() is not None:
            _zygote = _Zygote()
            atexit.register(_zygote.close)


def start_fork_server_soon() -> None:
    """Start the zygote in the background (a thread waits for it to say it is ready)."""
    threading.Thread(target=start_fork_server, daemon=True).start()


def _fork(connection_file: str, cwd: str | None, env: dict[str, str]) -> int:
    start_fork_server()
    assert _zygote is not None
    return _zygote.fork(connection_file, cwd, env)


class _ForkedProcess:
    """The part of ``subprocess.Popen`` that jupyter_client's LocalProvisioner uses."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """None while the kernel runs (the zygote reaps it when it ends)."""
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None and (deadline is None or time.monotonic() < deadline):
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkedKernelProvisioner(LocalProvisioner):
    """Launch the kernel by asking the zygote to fork, instead of running ``cmd``."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        connection_file = cmd[cmd.index("-f") + 1]
        env = {k: str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        cwd = kwargs.get("cwd")
        pid = _fork(connection_file, str(cwd) if cwd else None, env)
        self.process = _ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = cwd
        return self.connection_info


class _Forking:
    """Kernel managers that fork their kernels from the zygote (sync or async flavour)."""

    async def _async_pre_start_kernel(self, **kw: Any):
        self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
        if self.provisioner is None:
            self.provisioner = ForkedKernelProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)


class ForkingKernelManager(_Forking, AsyncKernelManager):
    """An AsyncKernelManager whose kernels are forked from the preloaded zygote."""


class ForkingBlockingKernelManager(_Forking, KernelManager):
    """The same for callers of the blocking API, such as nbval (see
    :mod:`kit.organizer.nbval_kernels`)."""
