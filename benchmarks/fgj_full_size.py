"""Can a laptop turn the full FGJ victims file into Parquet? `kit.cdmx.fgj` vs `pandas.read_csv`.

The full file published by Mexico City's prosecutor's office has about 2.1 million rows (560 MB).
This script writes a synthetic file of that size in the current 22-column layout (seeded, in a
temporary folder, outside the repository), then measures, each in a fresh process, one at a time,
wall time and peak memory (maximum resident set size):

- kit, CSV to Parquet (cold, empty cache): ``to_parquet(path)``: pyarrow's CSV reader in blocks,
  only the needed columns, each block tidied (categories, dates, placeholder times, transport)
  and appended to one Parquet file, never the whole table in memory;
- kit, cached read: ``read_victims(path)`` once the Parquet file exists (what every later
  notebook run does);
- kit, first read: ``read_victims(path)`` on an empty cache (converts, then reads);
- kit, no cache: ``read_victims(path)`` with ``KIT_NO_CACHE=1`` (the CSV every time);
- baseline: ``pandas.read_csv(path)`` with its defaults (what a participant types first: raw
  text columns, no cleaning), and ``pandas.read_csv(path).to_parquet(out)`` for the conversion.

Targets: CSV to Parquet in <= 60 s and <= 2 GiB of memory on a laptop. The script prints a
``RESULT {json}`` line per headline figure (see ``_result.py``).

    python benchmarks/fgj_full_size.py [--rows 2100000] [--repeat 1] [--file PATH] [--keep]
    python benchmarks/fgj_full_size.py --quick      # 20,000 rows, a few seconds
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from _result import result

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

NAME = "fgj_full_size"
TARGET_SECONDS = 60
TARGET_MIB = 2048
#: What each measurement runs, in a fresh interpreter; ``out`` collects what it reports.
CODES = {
    "convert": "from kit.cdmx.fgj import to_parquet; target = to_parquet({path!r}); "
    "import pyarrow.parquet as pq; out.update(rows=pq.ParquetFile(target).metadata.num_rows, "
    "parquet_mib=target.stat().st_size / 2**20)",
    "read": "from kit.cdmx.fgj import read_victims; frame = read_victims({path!r})",
    "pandas_read": "import pandas as pd; frame = pd.read_csv({path!r})",
    "pandas_convert": "import pandas as pd; frame = pd.read_csv({path!r}); "
    "frame.to_parquet({out!r}); out.update(parquet_mib=os.path.getsize({out!r}) / 2**20)",
}
PROBE = (
    "import json, os, resource, time; out = {{}}; start = time.perf_counter()\n{code}\n"
    "out['seconds'] = time.perf_counter() - start\n"
    "out['peak_mib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "if 'frame' in globals(): out.update(rows=len(frame), "
    "table_mib=float(frame.memory_usage(deep=True).sum()) / 2**20)\n"
    "print('PROBE ' + json.dumps(out))"
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


def measure(what: str, path: Path, cache: Path, *, no_cache: bool = False) -> dict:
    """Run ``CODES[what]`` on ``path`` in a fresh interpreter with the kit's cache in ``cache``:
    seconds, peak memory (MiB) and what the code reported."""
    out = cache / "pandas.parquet"
    code = PROBE.format(code=CODES[what].format(path=str(path), out=str(out)))
    env = {**os.environ, "KIT_CACHE": str(cache)}
    env.pop("KIT_NO_CACHE", None)
    if no_cache:
        env["KIT_NO_CACHE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode:
        sys.exit(f"{what} failed:\n{done.stderr[-3000:]}")
    line = next(x for x in done.stdout.splitlines() if x.startswith("PROBE "))
    out.unlink(missing_ok=True)
    return json.loads(line.removeprefix("PROBE "))


def runs(what: str, path: Path, folder: Path, repeat: int, *, cold: bool, **options) -> list:
    """``repeat`` measurements; ``cold``: each on an empty cache, else on the same warm one."""
    found = []
    warm = folder / "cache-warm"
    for i in range(repeat):
        cache = folder / f"cache-{what}-{i}" if cold else warm
        cache.mkdir(exist_ok=True)
        found.append(measure(what, path, cache, **options))
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
    return found


def median(found: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in found)


def show(label: str, found: list[dict]) -> None:
    seconds = ", ".join(f"{run['seconds']:.1f}" for run in found)
    extra = ""
    if "table_mib" in found[0]:
        extra += f", table {found[0]['table_mib']:.0f} MiB"
    if "parquet_mib" in found[0]:
        extra += f", Parquet file {found[0]['parquet_mib']:.0f} MiB"
    print(
        f"{label:34s} median {median(found, 'seconds'):6.1f} s (runs {seconds}), "
        f"peak memory {median(found, 'peak_mib'):6.0f} MiB, rows {found[0].get('rows', 0):,}"
        f"{extra}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--file", type=Path, help="measure this FGJ victims file instead")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic file")
    parser.add_argument("--quick", action="store_true", help="20,000 rows, one run (smoke test)")
    args = parser.parse_args(argv)
    if args.quick:
        args.rows, args.repeat = 20_000, 1
    folder = Path(tempfile.mkdtemp(prefix="fgj-full-"))
    try:
        if args.file:
            path = args.file.resolve()
        else:
            path = folder / "victimasFGJ_acumulado_sintetico.csv"
            print(f"writing {args.rows:,} rows to {path} …", flush=True)
            write_file(path, args.rows)
        print(f"file: {path.stat().st_size / 2**20:.0f} MiB")
        print(
            f"machine: {os.cpu_count()} cores, {platform.platform()}, Python "
            f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        convert = runs("convert", path, folder, args.repeat, cold=True)
        show("kit CSV -> Parquet (empty cache)", convert)
        first = runs("read", path, folder, args.repeat, cold=True)
        show("kit read_victims, first (convert)", first)
        runs("convert", path, folder, 1, cold=False)  # fills the warm cache
        cached = runs("read", path, folder, args.repeat, cold=False)
        show("kit read_victims, cached", cached)
        plain = runs("read", path, folder, args.repeat, cold=True, no_cache=True)
        show("kit read_victims, KIT_NO_CACHE=1", plain)
        base_convert = runs("pandas_convert", path, folder, args.repeat, cold=True)
        show("pandas read_csv + to_parquet", base_convert)
        base_read = runs("pandas_read", path, folder, args.repeat, cold=True)
        show("pandas.read_csv defaults", base_read)
    finally:
        if args.keep and not args.file:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    rows = convert[0].get("rows", 0)
    scale = f"{rows:,} rows"
    seconds, peak = median(convert, "seconds"), median(convert, "peak_mib")
    print(
        f"CSV -> Parquet: {seconds:.1f} s (target <= {TARGET_SECONDS} s), peak "
        f"{peak:.0f} MiB (target <= {TARGET_MIB} MiB); cached read "
        f"{median(cached, 'seconds'):.1f} s vs pandas.read_csv {median(base_read, 'seconds'):.1f} s"
    )
    common = {"scale": scale, "rows": rows}
    result(NAME, "FGJ CSV -> Parquet, wall time", kit=seconds,
           baseline=median(base_convert, "seconds"), unit="s",
           baseline_name="pandas.read_csv(path).to_parquet(out), defaults",
           target=f"<= {TARGET_SECONDS} s", passed=seconds <= TARGET_SECONDS, **common)  # fmt: skip
    result(NAME, "FGJ CSV -> Parquet, peak memory", kit=peak,
           baseline=median(base_convert, "peak_mib"), unit="MiB",
           baseline_name="pandas.read_csv(path).to_parquet(out), defaults",
           target=f"<= {TARGET_MIB} MiB", passed=peak <= TARGET_MIB, **common)  # fmt: skip
    result(NAME, "FGJ cached read, wall time", kit=median(cached, "seconds"),
           baseline=median(base_read, "seconds"), unit="s",
           baseline_name="pandas.read_csv defaults", **common)  # fmt: skip
    result(NAME, "FGJ cached read, peak memory", kit=median(cached, "peak_mib"),
           baseline=median(base_read, "peak_mib"), unit="MiB",
           baseline_name="pandas.read_csv defaults", **common)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
