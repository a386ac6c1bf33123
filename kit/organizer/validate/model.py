"""What ``kit validate`` finds: findings grouped by check, and a row per notebook run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kit.i18n import Text, messages

__all__ = ["CHECKS", "Finding", "NotebookRun", "Report"]

#: The seven checks, in the order the report lists them.
CHECKS: dict[str, Text] = messages(
    "validate_checks",
    {
        "release": ("challenges/ está al día con solutions/", "challenges/ is up to date"),
        "solutions": (
            "las soluciones corren y pasan todas las pruebas",
            "solutions run and pass every test",
        ),
        "challenges": (
            "los retos corren y sus pruebas fallan en blanco",
            "challenges run and their tests fail when blank",
        ),
        "leaks": (
            "ninguna solución, prueba oculta o respuesta en challenges/",
            "no solution, hidden test or answer in challenges/",
        ),
        "conventions": ("convenciones de los cuadernos", "notebook conventions"),
        "data": ("datos de muestra = manifiesto (sha256)", "sample data match the manifest"),
        "mentors": (
            "sesiones de mentoría reproducen sus salidas (nbval)",
            "mentor sessions reproduce their outputs (nbval)",
        ),
    },
)


@dataclass(frozen=True)
class Finding:
    """One problem: which check, where (file and cell when known), and what to do."""

    check: str
    where: str
    message: str
    cell: int | None = None

    def __str__(self) -> str:
        place = f"{self.where} (celda/cell {self.cell})" if self.cell is not None else self.where
        return f"[{self.check}] {place}: {self.message}"


@dataclass
class NotebookRun:
    """One notebook executed by the validation."""

    path: str
    kind: str  # "solution" | "challenge" | "mentor"
    seconds: float = 0.0
    tasks: dict[str, str] = field(default_factory=dict)  # task id -> outcome
    probes: dict[str, bool] = field(default_factory=dict)  # grade id -> hidden tests passed
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


@dataclass
class Report:
    """Everything one validation found, ready to print or save."""

    root: str
    runs: list[NotebookRun] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # check -> items examined
    seconds: float = 0.0

    def all_findings(self) -> list[Finding]:
        return [*self.findings, *(f for run in self.runs for f in run.findings)]

    @property
    def ok(self) -> bool:
        return not self.all_findings()

    def by_check(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {name: [] for name in CHECKS}
        for finding in self.all_findings():
            grouped.setdefault(finding.check, []).append(finding)
        return grouped

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "root": self.root,
            "seconds": round(self.seconds, 2),
            "checks": {
                name: {
                    "title": {"es": CHECKS[name].es, "en": CHECKS[name].en},
                    "examined": self.checked.get(name, 0),
                    "problems": [asdict(f) for f in found],
                }
                for name, found in self.by_check().items()
            },
            "notebooks": [
                {**asdict(run), "seconds": round(run.seconds, 2), "ok": run.ok} for run in self.runs
            ],
        }
