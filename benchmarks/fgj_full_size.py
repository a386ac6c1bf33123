"""Can a laptop read the full FGJ victims file? `kit.cdmx.fgj.read_victims` vs `pandas.read_csv`.

The full file published by Mexico City's prosecutor's office has about 2.1 million rows (560 MB).
This script writes a synthetic file of that size in the current 22-column layout (seeded, in a
temporary folder, outside the repository), then reads it in two fresh processes, one at a time,
and prints each one's wall time and peak memory (maximum resident set size):

- kit: ``read_victims(path)``: pyarrow's CSV reader in blocks, only the needed columns, text as
  categories, dates parsed, placeholder times flagged, transport classified;
- baseline: ``pandas.read_csv(path)`` with its defaults (what a participant types first), which
  gives raw text columns and no cleaning at all.

    python benchmarks/fgj_full_size.py [--rows 2100000] [--repeat 3] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HEADER = (  # noqa: SIM905 (the published header, as one line)
    "anio_inicio,mes_inicio,fecha_inicio,hora_inicio,anio_hecho,mes_hecho,fecha_hecho,hora_hecho,"
    "delito,categoria_delito,sexo,edad,tipo_persona,calidad_juridica,competencia,"
    "colonia_catalogo,colonia_hecho,alcaldia_hecho,alcaldia_catalogo,municipio_hecho,latitud,"
    "longitud"
).split(",")
MONTHS = (  # noqa: SIM905
    "Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre"
).split()
CRIMES = (
    ("ROBO A TRANSEUNTE EN VIA PUBLICA CON VIOLENCIA", "ROBO A TRANSEUNTE EN VÍA PÚBLICA CON Y "
     "SIN VIOLENCIA"),
    ("VIOLENCIA FAMILIAR", "DELITO DE BAJO IMPACTO"),
    ("FRAUDE", "DELITO DE BAJO IMPACTO"),
    ("AMENAZAS", "DELITO DE BAJO IMPACTO"),
    ("ROBO A PASAJERO A BORDO DE METRO SIN VIOLENCIA", "ROBO A PASAJERO A BORDO DEL METRO CON Y "
     "SIN VIOLENCIA"),
    ("ABUSO SEXUAL", "DELITO DE BAJO IMPACTO"),
    ("ROBO A PASAJERO A BORDO DE METROBUS CON VIOLENCIA", "DELITO DE BAJO IMPACTO"),
)  # fmt: skip
ALCALDIAS = (
    "ALVARO OBREGON", "AZCAPOTZALCO", "BENITO JUAREZ", "COYOACAN", "CUAJIMALPA DE MORELOS",
    "CUAUHTEMOC", "GUSTAVO A. MADERO", "IZTACALCO", "IZTAPALAPA", "LA MAGDALENA CONTRERAS",
    "MIGUEL HIDALGO", "MILPA ALTA", "TLAHUAC", "TLALPAN", "VENUSTIANO CARRANZA", "XOCHIMILCO",
)  # fmt: skip

KIT = "from kit.cdmx.fgj import read_victims; frame = read_victims({path!r})"
BASELINE = "import pandas as pd; frame = pd.read_csv({path!r})"
PROBE = (
    "import resource, sys, time; start = time.perf_counter(); {code}; "
    "seconds = time.perf_counter() - start; "
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; "
    "print(f'{{seconds}} {{peak}} {{len(frame)}} {{frame.memory_usage(deep=True).sum() / 2**20}}')"
)


def write_file(path: Path, rows: int, seed: int = 2025) -> None:
    """Write ``rows`` victims in the current layout, in chunks of 100,000 (bounded memory)."""
    rng = np.random.default_rng(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for start in range(0, rows, 100_000):
            n = min(100_000, rows - start)
            day = rng.integers(0, 3 * 365, n)
            delay = rng.integers(0, 30, n)
            hour = rng.integers(0, 24, n)
            minute = rng.choice([0, 0, 15, 30, 45, 10, 20], n)
            crime = rng.integers(0, len(CRIMES), n)
            place = rng.integers(0, len(ALCALDIAS), n)
            sex = rng.choice(["Femenino", "Masculino", ""], n, p=[0.45, 0.45, 0.10])
            age = rng.integers(12, 90, n)
            lat = 19.43 + rng.normal(0, 0.08, n)
            lon = -99.13 + rng.normal(0, 0.08, n)
            base = np.datetime64("2022-01-01")
            for i in range(n):
                event = base + int(day[i])
                report = event + int(delay[i])
                year, month = int(str(event)[:4]), int(str(event)[5:7])
                ryear, rmonth = int(str(report)[:4]), int(str(report)[5:7])
                name, category = CRIMES[crime[i]]
                where = ALCALDIAS[place[i]]
                out.writerow(
                    [
                        ryear, MONTHS[rmonth - 1], str(report), "10:30:00", year,
                        MONTHS[month - 1], str(event), f"{hour[i]:02d}:{minute[i]:02d}:00",
                        name, category, sex[i], age[i] if sex[i] else "", "FISICA", "VICTIMA",
                        "FUERO COMUN", "CENTRO", "CENTRO", where, where, "CIUDAD DE MEXICO",
                        f"{lat[i]:.6f}", f"{lon[i]:.6f}",
                    ]
                )  # fmt: skip


def measure(code: str) -> tuple[float, float, int, float]:
    """Run ``code`` in a fresh interpreter: seconds, peak RSS (MiB), rows, table size (MiB)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak, rows, size = done.stdout.split()
    return float(seconds), float(peak), int(rows), float(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the synthetic file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fgj-full-"))
    path = folder / "victimasFGJ_acumulado_sintetico.csv"
    print(f"writing {args.rows:,} rows to {path} …", flush=True)
    write_file(path, args.rows)
    print(f"file: {path.stat().st_size / 2**20:.0f} MiB")
    machine = f"{os.cpu_count()} cores, {platform.platform()}"
    print(f"machine: {machine}, Python {platform.python_version()}")
    results = {}
    for name, template in (("kit read_victims", KIT), ("pandas.read_csv defaults", BASELINE)):
        runs = [measure(template.format(path=str(path))) for _ in range(args.repeat)]
        results[name] = runs
        seconds = [run[0] for run in runs]
        peaks = [run[1] for run in runs]
        print(
            f"{name:26s} median {statistics.median(seconds):6.1f} s "
            f"(runs {', '.join(f'{s:.1f}' for s in seconds)}), peak memory "
            f"{statistics.median(peaks):6.0f} MiB, rows {runs[0][2]:,}, table {runs[0][3]:.0f} MiB"
        )
    kit, base = results["kit read_victims"], results["pandas.read_csv defaults"]
    time_ratio = statistics.median(r[0] for r in kit) / statistics.median(r[0] for r in base)
    memory_ratio = statistics.median(r[1] for r in kit) / statistics.median(r[1] for r in base)
    print(f"ratio kit / pandas: time {time_ratio:.2f}, peak memory {memory_ratio:.2f}")
    if not args.keep:
        path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
