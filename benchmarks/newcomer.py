"""A newcomer's first hour, timed: fresh clone, README's participant command, first check passing.

Steps, each in a fresh folder and a fresh virtual environment (as on a participant's laptop):

1. ``git clone`` of this checkout (what ``git clone <repo>`` gives a participant);
2. ``python3 -m venv .venv && .venv/bin/pip install -e .`` (README), pip's cache disabled;
3. ``kit doctor`` (must pass);
4. ``kit start --no-lab`` (the welcome notebook and every track copied into ``trabajo/``);
5. the welcome's first task answered the way a participant would (one line typed in the answer
   cell) and the notebook run in the new environment's kernel: its check must say correct.

Target (a participant's first hour): the whole run within 10 minutes including the
install. Run from the repository root: ``python benchmarks/newcomer.py [--keep]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 600
ANSWER = 'monto_total = contratos["monto"].sum()'


def timed(label: str, command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
        raise SystemExit(f"{label}: exit {done.returncode}")
    print(f"  {label:<44} {seconds:7.1f} s")
    return seconds


def newcomer_environment(home: Path) -> dict[str, str]:
    """This shell's environment (so pip sees the same package index) without any active venv,
    with an empty home (no caches, no Jupyter or matplotlib state) and pip's cache off."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    active = {str(Path(sys.prefix) / "bin"), os.environ.get("VIRTUAL_ENV", "") + "/bin"}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p not in active)
    home.mkdir(parents=True)
    env.update(HOME=str(home), PIP_NO_CACHE_DIR="1", XDG_CACHE_HOME=str(home / ".cache"))
    return env


def answer_first_task(notebook: Path) -> None:
    """Type the answer in the first answer cell, as the participant would."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and source.startswith("monto_total = ..."):
            cell["source"] = source.replace("monto_total = ...", ANSWER, 1)
            break
    else:
        raise SystemExit(f"{notebook}: no answer cell for monto_total")
    notebook.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def first_check_says_correct(executed: Path) -> bool:
    nb = json.loads(executed.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and "".join(cell["source"]).startswith("check.total("):
            return "¡Correcto!" in json.dumps(cell["outputs"], ensure_ascii=False)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newcomer-"))
    env = newcomer_environment(folder / "home")
    kit_dir = folder / "dataton-kit"
    bin_dir = kit_dir / ".venv" / "bin"
    print(f"newcomer run in {folder} (Python {sys.version.split()[0]}, HOME empty, no pip cache)")
    steps = {
        "git clone": timed(
            "git clone", ["git", "clone", "-q", str(ROOT), str(kit_dir)], folder, env
        ),
    }
    steps["install"] = timed(
        "python3 -m venv .venv && pip install -e .",
        ["bash", "-c", "python3 -m venv .venv && .venv/bin/pip install -q -e ."],
        kit_dir,
        env,
    )
    steps["doctor"] = timed("kit doctor", [str(bin_dir / "kit"), "doctor"], kit_dir, env)
    steps["start"] = timed("kit start --no-lab", [str(bin_dir / "kit"), "start", "--no-lab"],
                           kit_dir, env)  # fmt: skip
    welcome = kit_dir / "trabajo" / "bienvenida" / "00_bienvenida.ipynb"
    answer_first_task(welcome)
    executed = welcome.with_name("ejecutado.ipynb")
    steps["first check"] = timed(
        "first task answered, welcome notebook run",
        [str(bin_dir / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
         "--output", executed.name, str(welcome)],
        welcome.parent,
        env,
    )  # fmt: skip
    correct = first_check_says_correct(executed)
    total = sum(steps.values())
    print(f"  {'first check says ¡Correcto!':<44} {'yes' if correct else 'NO'}")
    print(f"  {'total':<44} {total:7.1f} s  (target {TARGET_SECONDS} s: "
          f"{total / TARGET_SECONDS:.2f} of it)")  # fmt: skip
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if correct and total <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
