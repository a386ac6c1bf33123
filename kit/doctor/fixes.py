"""Commands a participant can paste to repair their environment.

Every command starts with this process's own Python (``sys.executable``), never a bare
``python`` or ``pip``: on a machine with several Pythons those may belong to another
environment, and the fix would land where the kit does not run.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["kit_root", "pip_install", "python"]


def quoted(text: str) -> str:
    """``text`` in double quotes when it holds a space or a shell character (bash, cmd, pwsh)."""
    return f'"{text}"' if any(char in text for char in ' <>|&^()"') else text


def python() -> str:
    """This environment's Python, ready for a command line."""
    return quoted(sys.executable)


def pip_install(*requirements: str, options: str = "") -> str:
    """``<python> -m pip install [options] "req" ...`` with every requirement quoted."""
    words = [python(), "-m", "pip", "install", *options.split(), *map(quoted, requirements)]
    return " ".join(words)


def kit_root() -> str:
    """The kit's checkout (for ``pip install -e``), or ``.`` when the kit is not a checkout."""
    import kit

    root = Path(kit.__file__).resolve().parents[1]
    return str(root) if (root / "pyproject.toml").is_file() else "."
