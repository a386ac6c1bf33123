"""Write a synthetic full-size OCDS bulk file: a JSON array of releases like PDN System 6's.

The real federal bulk file has millions of releases (gigabytes), too large to ship or to fetch
in tests. This writes one of any size, seeded and deterministic, in the same shape: a bare JSON
array of OCDS 1.1 releases with parties, buyer, tender (tender period, method, number of
tenderers, items with CUCOP classification), awards with suppliers and values, and contracts.
About a fifth of the processes are published as two or three releases (the tender first, the
award and contract later, further on in the file), so compiling matters. Every name is
fictitious. Releases are written one at a time (``json.dumps`` each), so memory stays small and
a million releases take about a minute.

    python -m kit.procurement.synthetic /tmp/s6.json --releases 1000000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kit.i18n import messages

__all__ = ["PREFIX", "Summary", "main", "write_releases"]

#: The ocid prefix of every synthetic process (``ocds-`` and six characters, as OCDS asks).
PREFIX = "ocds-sint00"
#: How many processes are written before the later releases of earlier ones come out.
BLOCK = 2_000
JSON = dict[str, Any]

MSG = messages(
    "procurement.synthetic",
    {
        "description": (
            "Escribe un archivo OCDS sintético de tamaño real: un arreglo JSON de entregas "
            "(como el Sistema 6 de la PDN).",
            "Write a synthetic full-size OCDS file: a JSON array of releases (like PDN System 6).",
        ),
        "out": (
            "archivo de salida (.json, o .json.gz comprimido)",
            "output file (.json or .json.gz)",
        ),
        "releases": ("cuántas entregas escribir", "how many releases to write"),
        "processes": (
            "cuántos procesos (ocid) distintos; por omisión, unos 4 de cada 5 tienen una entrega",
            "how many distinct processes (ocids); by default about 4 in 5 have one release",
        ),
        "seed": ("semilla (el mismo número da el mismo archivo)", "seed (same number, same file)"),
        "package": (
            'escribir un paquete de entregas ({"releases": [...]}) en vez de un arreglo',
            'write a release package ({"releases": [...]}) instead of an array',
        ),
        "wrote": (
            "{path}: {releases:,} entregas de {processes:,} procesos, {size:.1f} MiB",
            "{path}: {releases:,} releases of {processes:,} processes, {size:.1f} MiB",
        ),
        "too_few": (
            "hacen falta al menos tantas entregas ({releases}) como procesos ({processes})",
            "there must be at least as many releases ({releases}) as processes ({processes})",
        ),
    },
)

METHODS = (  # method, local name, weight, how many tenderers at most
    ("open", "Licitación Pública", 30, 9),
    ("selective", "Invitación a cuando menos tres personas", 15, 5),
    ("direct", "Adjudicación Directa", 45, 1),
    ("limited", "Adjudicación Directa por Excepción", 10, 2),
)  # fmt: skip
WEIGHTS = [method[2] for method in METHODS]
CATEGORIES = ("goods", "services", "works")
FIRST = (
    "Ana", "Luis", "María", "José", "Lucía", "Jorge", "Sofía", "Miguel", "Elena", "Raúl", "Rosa",
    "Carlos", "Teresa", "Pedro", "Laura", "Héctor", "Paola", "Diego", "Irma", "Samuel",
)  # fmt: skip
LAST = (
    "Alvarado", "Bermúdez", "Cervantes", "Domínguez", "Escobar", "Fuentes", "Galindo", "Herrera",
    "Ibarra", "Jiménez", "Lozano", "Medina", "Navarro", "Olvera", "Pacheco", "Quintero", "Rosales",
    "Salinas", "Trujillo", "Villaseñor",
)  # fmt: skip
STEMS = (
    "Abastos", "Constructora", "Servicios", "Distribuidora", "Suministros", "Comercializadora",
    "Grupo", "Tecnologías", "Ingeniería", "Consultores", "Papelería", "Alimentos",
)  # fmt: skip
BRANDS = (
    "Alvorada", "Brisamar", "Calentia", "Dunavia", "Estelar", "Florencia", "Granada", "Huasteca",
    "Itzalia", "Jaraqueña", "Kualli", "Lumbrera", "Mazatlia", "Nopalera", "Olmeca", "Pirámide",
)  # fmt: skip
FORMS = ("S.A. de C.V.", "S. de R.L. de C.V.", "S.C.", "S.A.P.I. de C.V.")
AGENCIES = (
    "Secretaría de Salud", "Secretaría de Educación", "Secretaría de Obras Públicas",
    "Instituto de Seguridad Social", "Comisión del Agua", "Secretaría de Finanzas",
    "Secretaría de Movilidad", "Instituto de Vivienda", "Fiscalía General",
    "Secretaría de Desarrollo Social",
)  # fmt: skip
STATES = (
    "Nueva Galicia", "Valle Alto", "Sierra Verde", "Costa Azul", "Río Claro", "Llano Grande",
    "Bahía Serena", "Monte Real",
)  # fmt: skip
ITEMS = (  # CUCOP-like code, description, unit, unit price
    ("21101002", "Papel bond tamaño carta", "Caja", 520.0),
    ("22101001", "Despensa básica familiar", "Paquete", 610.0),
    ("25301001", "Medicamento genérico", "Pieza", 85.0),
    ("29101001", "Herramienta menor", "Pieza", 340.0),
    ("33901001", "Servicio de consultoría", "Servicio", 95_000.0),
    ("35101001", "Mantenimiento de inmuebles", "Servicio", 180_000.0),
    ("51501001", "Equipo de cómputo", "Pieza", 17_500.0),
    ("61401001", "Obra de pavimentación", "Obra", 2_400_000.0),
    ("26101001", "Combustible", "Litro", 24.0),
    ("21601001", "Material de limpieza", "Paquete", 410.0),
)  # fmt: skip


@dataclass(frozen=True)
class Summary:
    """What was written: the file, how many releases and processes, its size in bytes."""

    path: Path
    n_releases: int
    n_processes: int
    size: int


def write_releases(
    path: str | os.PathLike[str],
    n_releases: int,
    seed: int = 2025,
    processes: int | None = None,
    package: bool = False,
) -> Summary:
    """Write ``n_releases`` synthetic releases as a JSON array (or a release package).

    Args:
        path: the file to write (``.gz`` compresses it); its folder must exist.
        n_releases: how many releases in all.
        seed: the same seed and sizes always give the same bytes.
        processes: how many distinct ocids; by default about 80 % of processes have one release,
            15 % two and 5 % three. Given, the extra releases go to processes drawn at random.
        package: write ``{"uri": ..., "releases": [...]}`` instead of a bare array.
    """
    counts = _release_counts(n_releases, seed, processes)
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8", newline="\n") as out:
        _write(out, _releases(counts, seed), package)
    return Summary(path, n_releases, len(counts), path.stat().st_size)


def _release_counts(n_releases: int, seed: int, processes: int | None) -> array:
    """How many releases each process has, summing to ``n_releases``."""
    rng = random.Random(f"{seed}-counts")
    if processes is not None:
        if not 0 < processes <= n_releases:
            raise ValueError(MSG["too_few"].format(releases=n_releases, processes=processes))
        counts = array("l", [1]) * processes
        for _ in range(n_releases - processes):
            counts[rng.randrange(processes)] += 1
        return counts
    counts = array("l")
    left = n_releases
    while left > 0:
        draw = rng.random()
        count = min(left, 1 if draw < 0.8 else 2 if draw < 0.95 else 3)
        counts.append(count)
        left -= count
    return counts


def _write(out: IO[str], releases: Iterator[str], package: bool) -> None:
    if package:
        out.write(
            '{"uri": "https://datos.example.org/sintetico/paquete.json", "version": "1.1", '
            '"publishedDate": "2025-01-15T10:00:00-06:00", '
            '"publisher": {"name": "Publicador sintético"}, "releases": [\n'
        )
    else:
        out.write("[\n")
    batch: list[str] = []
    first = True
    for text in releases:
        batch.append(text)
        if len(batch) == 1_000:
            out.write(("" if first else ",\n") + ",\n".join(batch))
            first, batch = False, []
    if batch:
        out.write(("" if first else ",\n") + ",\n".join(batch))
    out.write("\n]}\n" if package else "\n]\n")


def _releases(counts: Sequence[int], seed: int) -> Iterator[str]:
    """Every release as JSON text: each process's first release in its block of processes, the
    later ones (award, contract) one block further on, so a process's releases are apart."""
    rng = random.Random(seed)
    maker = _Maker(rng)
    pending: list[str] = []
    for start in range(0, len(counts), BLOCK):
        later: list[str] = []
        block: list[str] = []
        for number in range(start, min(start + BLOCK, len(counts))):
            texts = maker.process(number, counts[number])
            block.append(texts[0])
            later.extend(texts[1:])
        block.extend(pending)
        rng.shuffle(block)
        yield from block
        pending = later
    yield from pending


class _Maker:
    """Builds the releases of one process as JSON text from pieces encoded once (parties,
    references, item descriptions): assembling text is several times faster than building
    dicts and encoding each release."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.buyers = [self._buyer(number) for number in range(120)]
        self.suppliers = [self._supplier(number) for number in range(5_000)]
        self.items = [
            (*map(_dumps, (code, text, unit)), text, price) for code, text, unit, price in ITEMS
        ]

    def _buyer(self, number: int) -> _Organization:
        state = STATES[number % len(STATES)]
        name = f"{AGENCIES[number % len(AGENCIES)]} de {state}"
        rfc = f"{_letters(self.rng, 3)}{_date_digits(self.rng)}{_letters(self.rng, 3, True)}"
        return _Organization.of(rfc, name, state, ("buyer", "procuringEntity"))

    def _supplier(self, number: int) -> _Organization:
        rng = self.rng
        if number % 3 == 0:  # a person
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
            rfc = f"{_letters(rng, 4)}{_date_digits(rng)}{_letters(rng, 3, True)}"
        else:
            name = f"{rng.choice(STEMS)} {rng.choice(BRANDS)} {rng.choice(BRANDS)}, "
            name += rng.choice(FORMS)
            rfc = f"{_letters(rng, 3)}{_date_digits(rng)}{_letters(rng, 3, True)}"
        return _Organization.of(rfc, name, rng.choice(STATES), ("tenderer",))

    def process(self, number: int, count: int) -> list[str]:
        """The ``count`` releases of process ``number`` as JSON text, oldest first."""
        rng, draw = self.rng, self.rng.random
        method, details, _, most = rng.choices(METHODS, WEIGHTS)[0]
        buyer = self.buyers[int(draw() * len(self.buyers))]
        year = 2018 + number % 7
        month, day = 1 + int(draw() * 12), 1 + int(draw() * 27)
        code = f"{buyer.rfc[:3]}-{method[0].upper()}-{number:07d}-{year}"
        ocid = f"{PREFIX}-{code}"
        start = f"{year}-{month:02d}-{day:02d}T09:00:00-06:00"
        end_day = min(day + 1 + int(draw() * 20), 28)
        end = f"{year}-{month:02d}-{end_day:02d}T14:00:00-06:00"
        awarded = f"{year}-{month:02d}-{min(end_day + 1, 28):02d}T12:00:00-06:00"
        n_tenderers = 1 + int(draw() * most)
        chosen = rng.sample(range(len(self.suppliers)), n_tenderers)
        winner = self.suppliers[chosen[0]]
        items, amount, title = self._items(rng)
        estimate = round(amount * (1 + rng.random() / 5), 2)
        parties = ", ".join(
            [buyer.party, *(self.suppliers[i].party for i in chosen[1:]), winner.winner]
        )
        tender = (
            f'"id": "{code}", "title": "{title} para {buyer.name}", '
            f'"status": "STATUS", "procuringEntity": {buyer.ref}, '
            f'"procurementMethod": "{method}", "procurementMethodDetails": "{details}", '
            f'"mainProcurementCategory": "{CATEGORIES[number % 3]}", '
            f'"value": {{"amount": {estimate!r}, "currency": "MXN"}}, '
            f'"tenderPeriod": {{"startDate": "{start}", "endDate": "{end}"}}'
        )
        award = (
            f'{{"id": "{code}-A1", "status": "active", "date": "{awarded}", '
            f'"title": "Adjudicación {code}", "value": {{"amount": {amount!r}, '
            f'"currency": "MXN"}}, "suppliers": [{winner.ref}], "items": [{items[0]}]}}'
        )
        contract = (
            f'{{"id": "{code}-C1", "awardID": "{code}-A1", "status": "active", '
            f'"dateSigned": "{awarded}", "period": {{"startDate": "{awarded}", '
            f'"endDate": "{year}-12-31T23:59:59-06:00"}}, '
            f'"value": {{"amount": {amount!r}, "currency": "MXN"}}}}'
        )
        base = f'"initiationType": "tender", "language": "es", "buyer": {buyer.ref}'
        items_text = ", ".join(items)
        if count == 1:
            tender = tender.replace("STATUS", "complete", 1)
            return [
                f'{{"ocid": "{ocid}", "id": "{ocid}-01", "date": "{awarded}", '
                f'"tag": ["tender", "award", "contract"], {base}, "parties": [{parties}], '
                f'"tender": {{{tender}, "numberOfTenderers": {n_tenderers}, '
                f'"items": [{items_text}]}}, "awards": [{award}], "contracts": [{contract}]}}'
            ]
        tender = tender.replace("STATUS", "active", 1)
        releases = [
            f'{{"ocid": "{ocid}", "id": "{ocid}-01", "date": "{start}", "tag": ["tender"], '
            f'{base}, "parties": [{buyer.party}], '
            f'"tender": {{{tender}, "items": [{items_text}]}}}}',
            f'{{"ocid": "{ocid}", "id": "{ocid}-02", "date": "{awarded}", '
            f'"tag": ["award", "contract"], {base}, "parties": [{parties}], '
            f'"tender": {{"id": "{code}", "status": "complete", '
            f'"numberOfTenderers": {n_tenderers}}}, "awards": [{award}], '
            f'"contracts": [{contract}]}}',
        ]
        for extra in range(3, count + 1):  # later amendments: the contract ends
            date = f"{year}-12-{min(extra + 10, 31):02d}T10:00:00-06:00"
            releases.append(
                f'{{"ocid": "{ocid}", "id": "{ocid}-{extra:02d}", "date": "{date}", '
                f'"tag": ["contractUpdate"], {base}, '
                f'"contracts": [{{"id": "{code}-C1", "status": "terminated"}}]}}'
            )
        return releases

    def _items(self, rng: random.Random) -> tuple[list[str], float, str]:
        """Items as JSON text, their total value and the first one's description."""
        out, total, title, draw = [], 0.0, "", rng.random
        for number in range(1, 2 + int(draw() * 3)):
            code, text, unit, plain, price = self.items[int(rng.random() * len(self.items))]
            amount = round(price * (0.8 + rng.random() * 0.4), 2)
            quantity = 1 if unit == '"Obra"' else 1 + int(draw() * 200)
            total += quantity * amount
            title = title or plain
            out.append(
                f'{{"id": "{number}", "description": {text}, "classification": '
                f'{{"scheme": "CUCOP", "id": {code}, "description": {text}}}, '
                f'"quantity": {quantity}, "unit": {{"name": {unit}, '
                f'"value": {{"amount": {amount!r}, "currency": "MXN"}}}}}}'
            )
        return out, round(total, 2), title


@dataclass(frozen=True)
class _Organization:
    """A buyer or supplier with its JSON pieces: the party (with roles), the winner's party
    (tenderer and supplier) and the reference ``{"id", "name"}``."""

    rfc: str
    name: str
    party: str
    winner: str
    ref: str

    @classmethod
    def of(cls, rfc: str, name: str, state: str, roles: tuple[str, ...]) -> _Organization:
        party = {
            "id": f"MX-RFC-{rfc}",
            "name": name,
            "identifier": {"scheme": "MX-RFC", "id": rfc, "legalName": name},
            "address": {"region": state, "countryName": "México"},
        }
        ref = _dumps({"id": party["id"], "name": name})
        winner = _dumps({**party, "roles": ["tenderer", "supplier"]})
        return cls(rfc, name, _dumps({**party, "roles": list(roles)}), winner, ref)


def _letters(rng: random.Random, count: int, digits: bool = False) -> str:
    pool = "ABCDEFGHJKLMNPRSTUVWXYZ" + ("0123456789" if digits else "")
    return "".join(rng.choice(pool) for _ in range(count))


def _date_digits(rng: random.Random) -> str:
    return f"{rng.randrange(60, 100):02d}{1 + rng.randrange(12):02d}{1 + rng.randrange(28):02d}"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kit.procurement.synthetic OUT --releases N``: write a file, print its size."""
    parser = argparse.ArgumentParser(
        prog="python -m kit.procurement.synthetic", description=str(MSG["description"])
    )
    parser.add_argument("out", type=Path, help=str(MSG["out"]))
    parser.add_argument("--releases", type=int, default=1_000_000, help=str(MSG["releases"]))
    parser.add_argument("--processes", type=int, default=None, help=str(MSG["processes"]))
    parser.add_argument("--seed", type=int, default=2025, help=str(MSG["seed"]))
    parser.add_argument("--package", action="store_true", help=str(MSG["package"]))
    args = parser.parse_args(argv)
    summary = write_releases(args.out, args.releases, args.seed, args.processes, args.package)
    size = summary.size / 2**20
    counts = {"releases": summary.n_releases, "processes": summary.n_processes}
    print(MSG["wrote"].format(path=summary.path, size=size, **counts))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
