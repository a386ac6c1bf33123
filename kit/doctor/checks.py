"""The checks of ``kit doctor`` that need no kernel: Python, packages, widgets, data, disk, tools.

Each function returns one :class:`~kit.doctor.result.Check` in the current language, with the
command that repairs a failure. They probe the real machine; their parameters exist so a test
can point them at a made-up requirement, folder or threshold.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import warnings
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from kit.doctor.fixes import kit_root, pip_install, python, quoted
from kit.doctor.result import Check
from kit.i18n import messages

__all__ = [
    "DISTRIBUTION",
    "MIN_FREE_BYTES",
    "MIN_PYTHON",
    "alembic",
    "dependencies",
    "disk_space",
    "python_version",
    "sample_data",
    "sandbox",
    "widgets_extension",
]

#: The distribution whose requirements are checked.
DISTRIBUTION = "dataton-kit"
MIN_PYTHON = (3, 11)
#: Free space the participant's folder needs: one official download for ``source="real"`` (the
#: federal OCDS bulk file and the FGJ files are hundreds of MB), its parsed cache (Parquet,
#: about as large again), notebook checkpoints and a ``kit submit`` zip. 1 GiB covers one such
#: download with room to spare; less than that fails half-way through a download or a save.
MIN_FREE_BYTES = 1024**3
#: ipywidgets 8 (what the kit requires) renders only with the JupyterLab manager 5 or newer.
MIN_WIDGETS_MANAGER = 5
WIDGETS_MANAGER = "@jupyter-widgets/jupyterlab-manager"

MSG = messages(
    "doctor.checks",
    {
        "python": ("Python", "Python"),
        "python_ok": (
            "{version}: compatible ({executable})",
            "{version}: supported ({executable})",
        ),
        "python_old": (
            "{version}: el kit necesita {minimum} o más nuevo ({executable})",
            "{version}: the kit needs {minimum} or newer ({executable})",
        ),
        "packages": ("Paquetes del kit", "The kit's packages"),
        "packages_ok": (
            "{n} paquetes instalados en versión compatible, todos se importan",
            "{n} packages installed at a matching version, all import",
        ),
        "no_kit": (
            "el kit ({name}) no está instalado en este Python ({executable})",
            "the kit ({name}) is not installed in this Python ({executable})",
        ),
        "missing": ("{name}: no está instalado", "{name}: not installed"),
        "too_old": ("{name} {version}: se pide {spec}", "{name} {version}: {spec} is required"),
        "no_import": ("{name}: no se importa ({error})", "{name}: does not import ({error})"),
        "widgets": ("Widgets en JupyterLab", "Widgets in JupyterLab"),
        "widgets_ok": (
            "{manager} {version} en {folder}; jupyterlab_widgets {module}",
            "{manager} {version} in {folder}; jupyterlab_widgets {module}",
        ),
        "no_manager": (
            "{manager} no está en ninguna carpeta de extensiones de JupyterLab ({folders})",
            "{manager} is in none of JupyterLab's extension folders ({folders})",
        ),
        "old_manager": (
            "{manager} {version} en {folder} es viejo: ipywidgets 8 necesita la versión {minimum}",
            "{manager} {version} in {folder} is too old: ipywidgets 8 needs version {minimum}",
        ),
        "no_widgets_module": (
            "jupyterlab_widgets no se importa ({error})",
            "jupyterlab_widgets does not import ({error})",
        ),
        "data": ("Datos de muestra", "Sample data"),
        "data_ok": ("{n} archivo(s) iguales al manifiesto", "{n} file(s) match the manifest"),
        "bad_data": ("alterados o ausentes: {names}", "changed or missing: {names}"),
        "disk": ("Espacio en disco", "Disk space"),
        "disk_ok": ("{free:.1f} GiB libres en {where}", "{free:.1f} GiB free in {where}"),
        "disk_low": (
            "{free:.1f} GiB libres en {where}; hacen falta {need:.1f} GiB: libera al menos "
            "{short:.1f} GiB",
            "{free:.1f} GiB free in {where}; {need:.1f} GiB are needed: free at least "
            "{short:.1f} GiB",
        ),
        "sandbox": ("Sandbox para calificar (bubblewrap)", "Grading sandbox (bubblewrap)"),
        "alembic": ("alembic (para nbgrader)", "alembic (for nbgrader)"),
        "alembic_ok": ("alembic {version} en {path}", "alembic {version} at {path}"),
        "no_alembic": (
            "nbgrader no encuentra `alembic` (ni en el PATH ni junto a {executable})",
            "nbgrader cannot find `alembic` (neither on PATH nor next to {executable})",
        ),
        "organizers_only": (
            "solo para organización (`kit doctor --organizer`)",
            "organizers only (`kit doctor --organizer`)",
        ),
        "use_linux": (
            "califica en Linux (o WSL 2) y ahí ejecuta: sudo apt install bubblewrap",
            "grade on Linux (or WSL 2) and there run: sudo apt install bubblewrap",
        ),
    },
)


def python_version(version: tuple[int, ...] | None = None) -> Check:
    """Python 3.11 or newer (what ``requires-python`` says)."""
    version = tuple(version or sys.version_info[:3])
    shown = ".".join(map(str, version))
    minimum = ".".join(map(str, MIN_PYTHON))
    if version >= MIN_PYTHON:
        detail = MSG["python_ok"].format(version=shown, executable=sys.executable)
        return Check(MSG["python"].get(), True, detail)
    detail = MSG["python_old"].format(version=shown, minimum=minimum, executable=sys.executable)
    if os.name == "nt":
        maker, venv = f"py -{minimum}", r".venv\Scripts\python"
    else:
        maker, venv = f"python{minimum}", ".venv/bin/python"
    fix = f"{maker} -m venv .venv && {venv} -m pip install -e {quoted(kit_root())}"
    return Check(MSG["python"].get(), False, detail, fix)


def base_requirements(distribution: str = DISTRIBUTION) -> list[str]:
    """The requirement lines of ``distribution`` (PackageNotFoundError if it is not installed)."""
    return list(metadata.requires(distribution) or [])


def dependencies(requirements: Sequence[str] | None = None) -> Check:
    """Each base requirement of the kit installed at a matching version, and importable.

    ``requirements`` defaults to the installed kit's own; those behind an extra (``test``) or a
    marker that does not hold here are not needed to work the notebooks and are left out.
    """
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    name = MSG["packages"].get()
    if requirements is None:
        try:
            requirements = base_requirements()
        except metadata.PackageNotFoundError:
            detail = MSG["no_kit"].format(name=DISTRIBUTION, executable=sys.executable)
            return Check(name, False, detail, pip_install(kit_root(), options="-e"))
    wanted = [Requirement(line) for line in requirements]
    wanted = [req for req in wanted if req.marker is None or req.marker.evaluate({"extra": ""})]
    modules = _modules_by_distribution()
    problems: list[str] = []
    to_install: list[str] = []
    to_repair: list[str] = []
    for req in wanted:
        extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
        spec = f"{req.name}{extras}{req.specifier}"
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            problems.append(MSG["missing"].format(name=req.name))
            to_install.append(spec)
            continue
        if not req.specifier.contains(version, prereleases=True):
            problems.append(MSG["too_old"].format(name=req.name, version=version, spec=spec))
            to_install.append(spec)
            continue
        module = _module_name(req.name, modules.get(canonicalize_name(req.name), []))
        error = _import_error(module)
        if error:
            problems.append(MSG["no_import"].format(name=req.name, error=error))
            to_repair.append(spec)
    if not problems:
        return Check(name, True, MSG["packages_ok"].format(n=len(wanted)))
    fixes = [pip_install(*to_install)] if to_install else []
    fixes += [pip_install(*to_repair, options="--force-reinstall")] if to_repair else []
    return Check(name, False, "; ".join(problems), "\n".join(fixes))


def _modules_by_distribution() -> dict[str, list[str]]:
    """Import names of every installed distribution (the inverse of packages_distributions)."""
    from packaging.utils import canonicalize_name

    modules: dict[str, list[str]] = {}
    for module, distributions in metadata.packages_distributions().items():
        for distribution in distributions:
            modules.setdefault(canonicalize_name(distribution), []).append(module)
    return modules


def _module_name(distribution: str, modules: Iterable[str]) -> str:
    """The module that stands for a distribution: its own name if it has one, else its first."""
    guess = distribution.lower().replace("-", "_").replace(".", "_")
    public = sorted(m for m in modules if m.isidentifier() and not m.startswith("_"))
    return guess if guess in public or not public else public[0]


def _import_error(module: str) -> str | None:
    """None when ``module`` imports, else its error in one short line."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            importlib.import_module(module)
    except Exception as error:
        text = f"{type(error).__name__}: {error}".splitlines()[0]
        return text if len(text) <= 100 else text[:99] + "…"
    return None


def widgets_extension(folders: Sequence[str | Path] | None = None) -> Check:
    """The widgets manager is where JupyterLab looks for extensions, and new enough.

    JupyterLab takes the first copy of an extension along ``jupyter_path("labextensions")``,
    so the first one found is the one judged.
    """
    from jupyter_core.paths import jupyter_path

    name = MSG["widgets"].get()
    fix = pip_install("jupyterlab_widgets>=3", "ipywidgets")
    folders = [Path(f) for f in (jupyter_path("labextensions") if folders is None else folders)]
    found = next((f for f in folders if (f / WIDGETS_MANAGER / "package.json").is_file()), None)
    if found is None:
        shown = ", ".join(map(str, folders))
        detail = MSG["no_manager"].format(manager=WIDGETS_MANAGER, folders=shown)
        return Check(name, False, detail, fix)
    package = found / WIDGETS_MANAGER / "package.json"
    try:
        version = str(json.loads(package.read_text(encoding="utf-8")).get("version", "?"))
    except (OSError, ValueError):
        version = "?"
    major = version.split(".")[0]
    if not major.isdigit() or int(major) < MIN_WIDGETS_MANAGER:
        detail = MSG["old_manager"].format(
            manager=WIDGETS_MANAGER, version=version, folder=found, minimum=MIN_WIDGETS_MANAGER
        )
        return Check(name, False, detail, fix)
    error = _import_error("jupyterlab_widgets")
    if error:
        return Check(name, False, MSG["no_widgets_module"].format(error=error), fix)
    module = _version("jupyterlab_widgets")
    detail = MSG["widgets_ok"].format(
        manager=WIDGETS_MANAGER, version=version, folder=found, module=module
    )
    return Check(name, True, detail)


def sample_data() -> Check:
    """The bundled sample files are the ones the manifest lists (``kit.data.verify``)."""
    from kit import data

    name = MSG["data"].get()
    problems = data.verify()
    if not problems:
        return Check(name, True, MSG["data_ok"].format(n=len(data.manifest())))
    detail = MSG["bad_data"].format(names=", ".join(p.name for p in problems))
    return Check(name, False, detail, f"{python()} -m kit.samples")


def disk_space(where: str | Path | None = None, minimum: int = MIN_FREE_BYTES) -> Check:
    """Enough free space in the folder the participant works in (the current one)."""
    where = Path(where or Path.cwd())
    free = shutil.disk_usage(where).free
    gib = 1024**3
    if free >= minimum:
        return Check(MSG["disk"].get(), True, MSG["disk_ok"].format(free=free / gib, where=where))
    short = max((minimum - free) / gib, 0.1)
    detail = MSG["disk_low"].format(free=free / gib, where=where, need=minimum / gib, short=short)
    return Check(MSG["disk"].get(), False, detail, f"{python()} -m pip cache purge")


def sandbox(organizer: bool) -> Check:
    """bubblewrap can isolate graded notebooks (``kit grade``); organizers only."""
    name = MSG["sandbox"].get()
    if not organizer:
        return Check(name, True, MSG["organizers_only"].get(), skipped=True)
    from kit.organizer.grade import sandbox as grading

    works, text = grading.sandbox_status()
    return Check(name, True, text) if works else Check(name, False, text, _sandbox_fix())


def _sandbox_fix() -> str:
    """What makes bwrap work: install it, or let unprivileged users make namespaces."""
    if not sys.platform.startswith("linux"):
        return MSG["use_linux"].get()
    if shutil.which("bwrap") is None:
        return "sudo apt install bubblewrap"
    apparmor = Path("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
    if apparmor.is_file() and apparmor.read_text().strip() == "1":  # Ubuntu 23.10 and later
        return "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"
    return "sudo sysctl -w kernel.unprivileged_userns_clone=1"


def alembic(organizer: bool, path: str | None = None) -> Check:
    """nbgrader runs ``alembic`` by name to create a gradebook; organizers only.

    The kit's commands put this environment's scripts folder on ``PATH`` first
    (:func:`kit.cli.tools_on_path`), so the search does the same; ``path`` replaces both.
    """
    name = MSG["alembic"].get()
    if not organizer:
        return Check(name, True, MSG["organizers_only"].get(), skipped=True)
    if path is None:
        path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    found = shutil.which("alembic", path=path)
    if found is None:
        detail = MSG["no_alembic"].format(executable=sys.executable)
        fix = pip_install(_nbgrader_wants("alembic"), options="--force-reinstall")
        return Check(name, False, detail, fix)
    return Check(name, True, MSG["alembic_ok"].format(version=_version("alembic"), path=found))


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def _nbgrader_wants(package: str) -> str:
    """nbgrader's own requirement on ``package`` (e.g. ``alembic>=1.7``), else its bare name."""
    from packaging.requirements import Requirement

    try:
        lines = metadata.requires("nbgrader") or []
    except metadata.PackageNotFoundError:
        return package
    for line in lines:
        req = Requirement(line)
        if req.name.lower() == package:
            return f"{req.name}{req.specifier}"
    return package
