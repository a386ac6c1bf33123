"""The bundled sanctions sample is what the generator writes, in the real lists' exact formats,
and holds what truth.json says.

Format properties are computed by one function per list and compared with the same function run
on the real published files (``../shared/real/sanctions``, skipped when absent). Planted links
and facts are recounted from the files with plain Python, without the generator's internals.
"""

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path

import pytest

from kit import data
from kit.samples import GENERATORS, sanctions

BUNDLED = data.DATA_DIR / "sanctions"
REAL = Path(__file__).resolve().parents[3] / "shared" / "real" / "sanctions"
OFAC_FILES = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
SAT = "sat_69b/Listado_Completo_69-B.csv"
SFP = "sfp/Proveedores_Contratistas_Sancionados.csv"
SYMBOLS = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
GENERIC = {"XAXX010101000", "XEXX010101000"}
SITUATIONS = {"Presunto", "Desvirtuado", "Definitivo", "Sentencia Favorable"}


def check_digit_ok(rfc: str) -> bool:
    """SAT check digit, written again here so the test does not trust the generator's."""
    total = sum(SYMBOLS.index(c) * (13 - i) for i, c in enumerate(rfc[:-1].rjust(12)))
    return {0: "0", 1: "A"}.get(total % 11, str(11 - total % 11)) == rfc[-1]


def read_csv(raw: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode(encoding).rstrip("\x1a"), newline="")))


def key(name: str) -> str:
    """A simple matcher's key: ASCII upper words, no punctuation, no legal form, sorted."""
    name = re.split(r"\s*//", name)[0]
    text = unicodedata.normalize("NFKD", name.upper()).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Z0-9 ]", " ", text.replace(".", "")).split()
    legal = {"S", "A", "SA", "DE", "C", "V", "CV", "R", "L", "RL", "P", "I", "SAPI", "Y", "CIA"}
    return " ".join(sorted(w for w in words if w not in legal))


def plain_rfc(text: str) -> str:
    return text.upper().replace("-", "").replace(" ", "")


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return {
        p.relative_to(BUNDLED).as_posix(): p.read_bytes() for p in BUNDLED.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def truth(files) -> dict:
    return json.loads(files["truth.json"])


@pytest.fixture(scope="module")
def ofac(files) -> dict[str, list[list[str]]]:
    return {name: read_csv(files[f"ofac/{name}"], "ascii") for name in OFAC_FILES}


@pytest.fixture(scope="module")
def sat(files) -> list[list[str]]:
    return read_csv(files[SAT], "cp1252")[3:]


@pytest.fixture(scope="module")
def sfp(files) -> list[list[str]]:
    return read_csv(files[SFP], "utf-8")[1:]


@pytest.fixture(scope="module")
def suppliers() -> set[tuple[str, str, str]]:
    from kit import procurement

    table = procurement.load("sample").suppliers
    return set(table[["supplier_id", "supplier_name", "rfc"]].itertuples(index=False, name=None))


# --- determinism and manifest ------------------------------------------------------------------


def test_the_bundled_files_are_exactly_what_the_generator_writes(tmp_path, files):
    written = sanctions.write(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(files)
    for path in written:
        name = path.relative_to(tmp_path).as_posix()
        assert path.read_bytes() == files[name], f"{name}: python -m kit.samples sanctions"


def test_the_generator_is_registered_and_deterministic(files):
    assert GENERATORS["sanctions"] == "kit.samples.sanctions"
    again, _ = sanctions.generate()
    assert again == files  # the same seed gives the same bytes, truth included


def test_the_manifest_describes_every_file(files, truth):
    entries = data.manifest()
    listed = {n.removeprefix("sanctions/") for n in entries if n.startswith("sanctions/")}
    assert listed == set(files)
    for name, content in files.items():
        entry = entries[f"sanctions/{name}"]
        assert entry["bytes"] == len(content)
        assert entry["sha256"] == data.sha256(BUNDLED / name)
        assert entry["generator"] == "kit.samples.sanctions" and entry["seed"] == truth["seed"]
    assert entries["sanctions/ofac/sdn.csv"]["rows"] == {"entries": truth["ofac"]["entries"]}
    assert entries[f"sanctions/{SAT}"]["rows"] == {"taxpayers": truth["sat_69b"]["rows"]}
    assert entries[f"sanctions/{SFP}"]["rows"] == {"sanctions": truth["sfp"]["rows"]}
    assert not [p for p in data.verify() if p.name.startswith("sanctions/")]


def test_the_files_are_small_and_plain(files):
    assert sum(len(c) for c in files.values()) < 1_500_000
    assert not any(name.endswith((".gz", ".zip", ".xlsx")) for name in files)


# --- exact format, compared with the real files ----------------------------------------------

_FIELD = re.compile(r'("[^"]*"|-0- |-?\d+)(,|$)')


def ofac_properties(folder: Path) -> dict:
    """Byte-level properties of an OFAC legacy CSV set."""
    props = {}
    for name, width in zip(OFAC_FILES, (12, 6, 5, 2), strict=True):
        raw = (folder / name).read_bytes()
        lines = raw.rstrip(b"\x1a").split(b"\r\n")
        shapes = Counter()
        for line in lines[:-1]:
            fields = [m.group(1) for m in _FIELD.finditer(line.decode("ascii"))]
            shapes[len(fields)] += 1
            shapes["first is a number"] += fields[0].isdigit()
        props[name] = {
            "end": raw[-3:] if raw.endswith(b"\x1a") else raw[-2:],
            "ascii": raw.isascii(),
            "bare LF or CR": raw.count(b"\n") != raw.count(b"\r") or lines[-1] != b"",
            "fields per row": {k: v for k, v in shapes.items() if isinstance(k, int)}
            == {width: len(lines) - 1},
            "numbers first": shapes["first is a number"] == len(lines) - 1,
        }
    return props


def test_the_ofac_files_have_the_legacy_format(files):
    props = ofac_properties(BUNDLED / "ofac")
    expected = {
        "ascii": True,
        "bare LF or CR": False,
        "fields per row": True,
        "numbers first": True,
    }
    for name in OFAC_FILES:
        assert props[name] == {**expected, "end": props[name]["end"]}, name
    assert props["sdn.csv"]["end"] == props["add.csv"]["end"] == props["alt.csv"]["end"]
    assert props["sdn.csv"]["end"] == b"\r\n\x1a" and props["sdn_comments.csv"]["end"] == b"\r\n"
    assert files["ofac/sdn.csv"].startswith(tuple(b"%d," % n for n in range(10, 100)))


@pytest.mark.real
def test_the_ofac_format_is_the_real_one():
    folder = REAL / "ofac" / "2021-07-07"
    if not folder.is_dir():
        pytest.skip(f"real OFAC files not found in {folder}")
    assert ofac_properties(folder) == ofac_properties(BUNDLED / "ofac")


def test_every_sdn_row_has_12_fields_and_the_legacy_values(ofac):
    sdn = ofac["sdn.csv"]
    assert {len(r) for r in sdn} == {12}
    numbers = [int(r[0]) for r in sdn]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert {r[2] for r in sdn} == {"-0- ", "individual", "vessel", "aircraft"}
    assert all(re.fullmatch(r"[A-Z0-9-]+(\] \[[A-Z0-9-]+)*", r[3]) for r in sdn)
    assert any("] [" in r[3] for r in sdn) and any(
        "SDNTK] [ILLICIT-DRUGS-EO14059" in r[3] for r in sdn
    )
    assert {r[2] for r in ofac["alt.csv"]} == {"aka", "fka", "nka"}
    assert {len(r) for r in ofac["add.csv"]} == {6} and {len(r) for r in ofac["alt.csv"]} == {5}
    for name in ("add.csv", "alt.csv"):
        assert len({r[1] for r in ofac[name]}) == len(ofac[name])  # add_num, alt_num unique
        assert {r[0] for r in ofac[name]} <= set(map(str, numbers))
    assert {r[0] for r in ofac["add.csv"]} == set(map(str, numbers))  # every entry, an address


def test_long_remarks_continue_in_sdn_comments(ofac, truth):
    sdn = {r[0]: r for r in ofac["sdn.csv"]}
    comments = ofac["sdn_comments.csv"]
    cut = sorted(int(n) for n, r in sdn.items() if len(r[11]) == 1000)
    assert (
        sorted(int(r[0]) for r in comments)
        == cut
        == truth["ofac"]["remarks_continued_in_sdn_comments"]
    )
    assert len(cut) >= 2
    for number, rest in comments:
        whole = sdn[number][11] + rest
        assert (
            whole.endswith(".") and "; " in whole and max(len(r[11]) for r in sdn.values()) == 1000
        )


def sat_properties(raw: bytes) -> dict:
    """Properties of a SAT 69-B full list (the ``Listado_Completo`` shape)."""
    text = raw.decode("cp1252")
    try:
        raw.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    rows = list(csv.reader(io.StringIO(text, newline="")))
    body = rows[3:]
    rfcs = [r[1] for r in body]
    order = [r.replace("Ñ", "N\uffff") for r in rfcs]
    dates = Counter()
    for row in body:
        for cell in row[5:20:2]:
            shape = re.sub(r"\d", "9", cell)
            dates[shape if shape in ("", "99/99/9999") else "other"] += 1
    shares = Counter(r[3] for r in body)
    return {
        "utf-8": utf8,
        "preamble": [
            rows[0][0].startswith("Información actualizada al ") and rows[0][1:] == [""] * 19,
            rows[1] == ["Listado completo de contribuyentes (Artículo 69-B del CFF)"] + [""] * 19,
        ],
        "header": rows[2][:4],
        "columns": {len(r) for r in rows},
        "numbered": [r[0] for r in body] == [str(i) for i in range(1, len(body) + 1)],
        "situations": set(shares) == SITUATIONS,
        "mostly definitive": shares["Definitivo"] / len(body) > 0.8,
        "few presumed": shares["Presunto"] / len(body) < 0.03,
        "suppressed": "X" * 12 in rfcs,
        "duplicated": len(set(rfcs)) < len(rfcs),
        "sorted with Ñ after N": sum(a > b for a, b in pairwise(order)) <= 1,
        "some dates not dd/mm/yyyy": 0 < dates["other"] < 0.02 * len(body),
        "CRLF": raw.count(b"\r\n") == len(rows) and raw.endswith(b"\r\n"),
        "line break in a field": any("\n" in r[2] for r in body),
        "trailing spaces in names": sum(r[2] != r[2].rstrip() for r in body) > 0.05 * len(body),
    }


def test_the_69b_file_has_the_sat_format(files):
    props = sat_properties(files[SAT])
    assert props.pop("utf-8") is False  # Windows-1252: accents are single bytes
    assert props.pop("header") == [
        "No",
        "RFC",
        "Nombre del Contribuyente",
        "Situación del contribuyente",
    ]
    assert props.pop("columns") == {20}
    assert props.pop("preamble") == [True, True]
    assert all(props.values()), props


@pytest.mark.real
def test_the_69b_format_is_the_real_one(files):
    real = REAL / "sat_69b" / "Listado_Completo_69-B_2022-11-30.csv"
    if not real.is_file():
        pytest.skip(f"real 69-B file not found: {real}")
    assert sat_properties(real.read_bytes()) == sat_properties(files[SAT])
    header = read_csv(real.read_bytes(), "cp1252")[2]
    assert read_csv(files[SAT], "cp1252")[2] == header


def test_the_69b_quirks_are_where_truth_says(sat, truth):
    facts = truth["sat_69b"]
    assert len(sat) == facts["rows"] and 2000 <= len(sat) <= 4000
    assert Counter(r[3] for r in sat) == facts["by_situation"]
    assert [int(r[0]) for r in sat if r[1] == "X" * 12] == facts["suppressed"]["rows"]
    listed = Counter(r[1] for r in sat if r[1] != "X" * 12)
    assert sorted(r for r, n in listed.items() if n > 1) == sorted(facts["duplicated_rfcs"]["rfcs"])
    assert sum(n for n in listed.values() if n > 1) == facts["duplicated_rfcs"]["rows"]
    assert sorted(r for r in listed if not check_digit_ok(r)) == facts["invalid_check_digit"]
    assert len(listed) == facts["distinct_rfcs"]
    assert sum(len(r) == 13 for r in listed) == facts["personas_fisicas"]
    serials = [int(r[0]) for r in sat if r[7].isdigit()]
    assert serials == facts["dates"]["excel_serial_numbers"]
    two = [int(r[0]) for r in sat if any(" - " in c or "//" in c for c in r[5:20:2])]
    assert two == facts["dates"]["two_dates_in_one_cell"]
    assert facts["line_breaks_inside_fields"] == sum("\n" in r[2] for r in sat) == 1


def test_the_sfp_file_has_the_directory_format(files, sfp, truth):
    raw = files[SFP]
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")
    rows = read_csv(raw, "utf-8")
    assert rows[0] == [
        "Proveedor y Contratista",
        "OIC Responsable",
        "Expediente",
        "Procedimiento Administrativo",
        "Ley infringida",
        "Inicio de la sanción",
        "Fin de la sanción",
        "Monto de la Multa",
        "Periodo de Inhabilitación",
    ]
    assert {len(r) for r in rows} == {9} and len(sfp) == truth["sfp"]["rows"]
    assert all(re.fullmatch(r" *\d{1,3}(,\d{3})*\.\d\d", r[7]) and len(r[7]) == 23 for r in sfp)
    starts = [datetime.strptime(r[5], "%d-%m-%Y") for r in sfp if r[5]]
    assert starts == sorted(starts, reverse=True)
    assert all(not r[5] for r in sfp[len(starts) :])  # fines alone come last
    assert Counter(r[4] for r in sfp) == truth["sfp"]["by_law"]
    assert sum(not r[5] for r in sfp) == truth["sfp"]["fines_only"]
    names = Counter(r[0].strip() for r in sfp)
    assert sorted(n for n, c in names.items() if c > 1) == truth["sfp"]["names_on_several_rows"]


@pytest.mark.real
def test_the_sfp_format_is_the_real_one(files):
    real = REAL / "sfp" / "Proveedores_Contratistas_Sancionados_2026-03.csv"
    if not real.is_file():
        pytest.skip(f"real SFP file not found: {real}")
    theirs, ours = read_csv(real.read_bytes(), "utf-8"), read_csv(files[SFP], "utf-8")
    assert theirs[0] == ours[0]
    assert {len(r[7]) for r in theirs[1:]} == {len(r[7]) for r in ours[1:]} == {23}
    for rows in (theirs, ours):
        assert {re.sub(r"\d", "9", r[5]) for r in rows[1:]} == {"", "99-99-9999"}


# --- the planted truth -----------------------------------------------------------------------


def test_the_link_counts_add_up(truth):
    links, counts = truth["links"], truth["link_counts"]
    assert len(links) == counts["total"] == counts["true"] + counts["false"]
    assert Counter(link["kind"] for link in links) == counts["by_kind"]
    assert set(counts["by_kind"]) == set(truth["kinds"])
    assert {link["list"] for link in links} == {"ofac", "sat_69b", "sfp"}
    variants = {v for link in links for v in link["variants"]}
    expected = {
        "accents_removed",
        "legal_form_spelled",
        "legal_form_dropped",
        "typo",
        "and_company_added",
    }
    assert (
        expected | {"word_order_swapped", "abbreviation", "rfc_dashes", "rfc_lower_case"}
        <= variants
    )
    assert counts["by_kind"]["homonym"] >= 4 and truth["suppliers_on_several_lists"]


def test_every_planted_link_exists_on_both_sides(truth, suppliers, ofac, sat, sfp):
    sdn = {int(r[0]): r for r in ofac["sdn.csv"]}
    alt = {int(r[1]): r for r in ofac["alt.csv"]}
    for link in truth["links"]:
        supplier, record = link["supplier"], link["record"]
        assert tuple(supplier.values()) in suppliers, link["id"]
        if link["list"] == "ofac":
            row = sdn[record["ent_num"]]
            assert row[1] == record["name"]
            if record["rfc"]:
                assert f"R.F.C. {record['rfc']} (Mexico)" in row[11], link["id"]
            if "alt_num" in record:
                assert alt[record["alt_num"]][0] == row[0]
                assert alt[record["alt_num"]][2:4] == [record["alt_type"], record["alt_name"]]
        elif link["list"] == "sat_69b":
            row = sat[record["no"] - 1]
            assert row[1:4] == [record["rfc"], record["name"], record["situation"]], link["id"]
        else:
            row = sfp[record["row"] - 1]
            assert row[0] == record["name"] and row[2] == record["expediente"], link["id"]
            shown = [date.fromisoformat(d).strftime("%d-%m-%Y") if d else "" for d in
                     (record["start"], record["end"])]  # fmt: skip
            assert row[5:7] == shown


def test_true_links_share_the_rfc_and_traps_do_not(truth):
    for link in truth["links"]:
        rfc, supplier = link["record"].get("rfc"), link["supplier"]["rfc"]
        if link["kind"] == "homonym":
            assert not link["true_link"] and rfc and plain_rfc(rfc) != supplier
            similar = SequenceMatcher(None, key(link["record"]["name"]), key(supplier_name(link)))
            assert similar.ratio() > 0.8, link["id"]
        elif link["kind"] == "generic_rfc":
            assert not link["true_link"] and rfc == supplier == "XAXX010101000"
        else:
            assert link["true_link"] and (rfc is None or plain_rfc(rfc) == supplier), link["id"]
            if rfc is not None:  # only rfc_format writes the RFC differently
                assert (rfc != supplier) == (link["kind"] == "rfc_format"), link["id"]
        if link["kind"] in ("exact_name",):
            assert key(link["record"]["name"]) == key(supplier_name(link))


def supplier_name(link: dict) -> str:
    return link["supplier"]["supplier_name"]


def test_no_record_matches_a_supplier_unless_planted(truth, suppliers, ofac, sat, sfp):
    """A matcher on exact RFC or on the simple key finds the planted pairs and nothing else."""
    by_key, by_rfc = {}, {}
    for supplier_id, name, rfc in suppliers:
        by_key.setdefault(key(name), set()).add(supplier_id)
        by_rfc.setdefault(rfc, set()).add(supplier_id)
    planted = {}
    for link in truth["links"]:
        record = link["record"]
        ident = record.get("ent_num") or record.get("no") or record.get("row")
        planted[link["list"], ident, link["supplier"]["supplier_id"]] = link
    found = set()
    for row in ofac["sdn.csv"]:
        rfcs = [plain_rfc(m) for m in re.findall(r"R\.F\.C\. ([^;]+?) \(Mexico\)", row[11])]
        for supplier in by_key.get(key(row[1]), set()) | {
            s for r in rfcs for s in by_rfc.get(r, ())
        }:
            found.add(("ofac", int(row[0]), supplier))
    for row in ofac["alt.csv"]:
        for supplier in by_key.get(key(row[3]), ()):
            found.add(("ofac", int(row[0]), supplier))
    for row in sat:
        for supplier in by_key.get(key(row[2]), set()) | by_rfc.get(row[1], set()):
            found.add(("sat_69b", int(row[0]), supplier))
    for number, row in enumerate(sfp, 1):
        for supplier in by_key.get(key(row[0]), ()):
            found.add(("sfp", number, supplier))
    assert found <= set(planted), found - set(planted)
    for missed in set(planted) - found:  # names changed beyond the key, and no shared RFC
        link = planted[missed]
        changed = {"typo", "abbreviation", "near_identical_name"} & set(link["variants"])
        assert changed and (link["record"].get("rfc") is None or not link["true_link"])


def test_ofac_rfc_facts(ofac, truth):
    mexico = truth["ofac"]["mexico"]
    written = [
        (int(r[0]), m)
        for r in ofac["sdn.csv"]
        for m in re.findall(r"R\.F\.C\. ([^;]+?) \(Mexico\)", r[11])
    ]
    assert [(x["ent_num"], x["written"]) for x in mexico["rfcs"]] == sorted(written)
    status = Counter()
    for _, text in written:
        rfc = plain_rfc(text)
        if rfc in GENERIC:
            status["generic"] += 1
        elif len(rfc) < 12:
            status["incomplete"] += 1
        else:
            status["valid" if check_digit_ok(rfc) else "invalid_check_digit"] += 1
    assert status == mexico["rfcs_by_status"]
    assert (
        status["invalid_check_digit"] >= 3 and status["incomplete"] >= 5 and status["generic"] >= 2
    )
    assert sum("-" in t for _, t in written) >= 10
    assert (
        Counter(r[2].replace("-0- ", "entity") for r in ofac["sdn.csv"]) == truth["ofac"]["by_type"]
    )
    assert Counter(r[2] for r in ofac["alt.csv"]) == truth["ofac"]["aliases"]


def test_sfp_awards_during_the_sanction(truth):
    from kit import procurement

    loaded = procurement.load("sample")
    table = loaded.suppliers.merge(loaded.awards[["award_id", "date"]], on="award_id")
    when = {r.award_id: (r.supplier_id, r.date) for r in table.itertuples()}
    overlapping = 0
    for link in (k for k in truth["links"] if k["list"] == "sfp"):
        record = link["record"]
        for award in record["awards_during_sanction"]:
            supplier_id, moment = when[award]
            local = (moment - timedelta(hours=6)).date().isoformat()  # published as UTC-6
            assert supplier_id == link["supplier"]["supplier_id"]
            assert record["start"] <= local <= record["end"]
        overlapping += bool(record["awards_during_sanction"])
    assert overlapping >= 5


# --- the readers of kit.sanctions on the sample ----------------------------------------------


def test_the_readers_read_the_sample_as_truth_counts(truth):
    ofac_reader = pytest.importorskip("kit.sanctions.ofac")
    sat_reader = pytest.importorskip("kit.sanctions.sat69b")
    sfp_reader = pytest.importorskip("kit.sanctions.sfp")
    listed = ofac_reader.read_sdn("sample")
    assert len(listed.entries) == truth["ofac"]["entries"]
    assert dict(listed.entries["sdn_type"].value_counts()) == truth["ofac"]["by_type"]
    assert len(listed.addresses) == truth["ofac"]["addresses"]
    assert dict(listed.aliases["alt_type"].value_counts()) == truth["ofac"]["aliases"]
    assert (listed.entries["remarks"].str.len() > 1000).sum() == len(
        truth["ofac"]["remarks_continued_in_sdn_comments"]
    )
    assert (listed.ids["kind"] == "RFC").sum() == len(truth["ofac"]["mexico"]["rfcs"])
    table = sat_reader.read_69b("sample")
    facts = truth["sat_69b"]
    assert len(table) == facts["rows"]
    assert dict(table["situacion_publicada"].value_counts()) == facts["by_situation"]
    assert table["rfc_suprimido"].sum() == len(facts["suppressed"]["rows"])
    assert table["rfc_repetido"].sum() == facts["duplicated_rfcs"]["rows"]
    directory = sfp_reader.read_sfp("sample")
    assert len(directory) == truth["sfp"]["rows"]
    assert directory["inicio_sancion"].notna().sum() == truth["sfp"]["with_inhabilitation_dates"]
