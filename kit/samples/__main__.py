"""``python -m kit.samples [NAME ...]``: regenerate bundled samples and refresh the manifest."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from kit.i18n import messages
from kit.samples import GENERATORS

MSG = messages(
    "samples",
    {
        "unknown": (
            "No conozco la muestra {name!r}. Muestras disponibles: {known}",
            "Unknown sample {name!r}. Available samples: {known}",
        ),
        "wrote": ("escrito {path} ({size:,} bytes)", "wrote {path} ({size:,} bytes)"),
    },
)


def main(argv: list[str] | None = None) -> int:
    """Run the generators named in ``argv`` (all of them when empty); return the exit code."""
    chosen = list(sys.argv[1:] if argv is None else argv) or list(GENERATORS)  # dependency order
    unknown = [name for name in chosen if name not in GENERATORS]
    if unknown:
        known = ", ".join(sorted(GENERATORS))
        print(MSG["unknown"].format(name=unknown[0], known=known), file=sys.stderr)  # noqa: T201
        return 2
    for name in chosen:
        module = importlib.import_module(GENERATORS[name])
        for path in module.write():
            shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
            print(MSG["wrote"].format(path=shown, size=path.stat().st_size))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
