"""The bundled procurement sample is what the generator writes, and holds what truth.json says.

Planted cases are recounted from the JSON with plain Python, on compiled releases, without the
generator's internals: if a test here fails, either the data or the truth file is wrong.
"""

import gzip
import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from kit import data
from kit.samples import procurement
from kit.samples.__main__ import main

BUNDLED = data.DATA_DIR / "procurement"
REAL_OCDS = Path(__file__).resolve().parents[3] / "shared" / "real" / "procurement" / "ocds"
MARKER = "Nueva Galicia"
GENERIC_RFC = "XAXX010101000"
COMPETITIVE = {"open", "selective"}
SYMBOLS = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"


def check_digit(rfc: str) -> str:
    """SAT check digit, written again here so the test does not trust the generator's."""
    total = sum(SYMBOLS.index(c) * (13 - i) for i, c in enumerate(rfc[:-1].rjust(12)))
    return {0: "0", 1: "A"}.get(total % 11, str(11 - total % 11))


def compile_releases(releases: list[dict]) -> dict[str, dict]:
    """One compiled release per ocid: later releases' fields win, tender merged field by field."""
    compiled: dict[str, dict] = {}
    for release in sorted(releases, key=lambda r: r["date"]):
        into = compiled.setdefault(release["ocid"], {})
        for key, value in release.items():
            into[key] = {**into.get(key, {}), **value} if key == "tender" else value
    return compiled


def day(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture(scope="module")
def bundled() -> tuple[dict, dict]:
    package = json.loads(gzip.decompress((BUNDLED / "ocds_release_package.json.gz").read_bytes()))
    return package, json.loads((BUNDLED / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["bundled", "seed 11"])
def sample(request, bundled) -> tuple[dict, dict, dict]:
    """The bundled sample and one generated with another seed: the truth must hold for both."""
    package, truth = bundled if request.param == "bundled" else procurement.generate(seed=11)
    return package, truth, compile_releases(package["releases"])


def test_the_bundled_files_are_exactly_what_the_generator_writes(tmp_path):
    written = procurement.write(tmp_path)
    assert [p.name for p in written] == ["ocds_release_package.json.gz", "truth.json"]
    for name in ("ocds_release_package.json.gz",):
        ours = hashlib.sha256(gzip.decompress((tmp_path / name).read_bytes())).hexdigest()
        theirs = hashlib.sha256(gzip.decompress((BUNDLED / name).read_bytes())).hexdigest()
        assert ours == theirs, "regenerate with: python -m kit.samples procurement"
    assert (tmp_path / "truth.json").read_bytes() == (BUNDLED / "truth.json").read_bytes()


def test_the_manifest_describes_both_files():
    entries = data.manifest()
    package = entries["procurement/ocds_release_package.json.gz"]
    assert package["sha256"] == data.sha256(BUNDLED / "ocds_release_package.json.gz")
    assert package["generator"] == "kit.samples.procurement"
    assert package["rows"] == {"releases": 3750, "processes": 3000}
    truth = entries["procurement/truth.json"]
    assert truth["sha256"] == data.sha256(BUNDLED / "truth.json")


def test_another_seed_gives_other_data(bundled):
    other, _ = procurement.generate(seed=7)
    assert procurement.dumps(other) != procurement.dumps(bundled[0])


def test_the_package_looks_like_ocds_1_1(bundled):
    package, _ = bundled
    assert package["version"] == "1.1"
    assert {"uri", "publishedDate", "publisher", "license", "publicationPolicy"} <= set(package)
    ids = [r["id"] for r in package["releases"]]
    assert len(ids) == len(set(ids))
    stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-06:00$")
    for release in package["releases"]:
        assert release["ocid"].startswith("ocds-kit000-")
        assert stamp.match(release["date"]) and release["tag"], release["id"]
        assert release["initiationType"] == "tender"


def test_no_real_institution_is_named(bundled):
    package, _ = bundled
    assert MARKER in package["publisher"]["name"]
    for release in package["releases"]:
        assert MARKER in release["buyer"]["name"]
        buyers = [p for p in release["parties"] if "buyer" in p["roles"]]
        assert buyers and all(MARKER in p["name"] for p in buyers)


def test_every_rfc_is_well_formed_with_a_valid_check_digit(bundled):
    pattern = re.compile(r"^[A-ZÑ&]{3,4}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[A-Z\d]{2}[\dA]$")
    parties = {p["identifier"]["id"]: p for r in bundled[0]["releases"] for p in r["parties"]}
    assert len(parties) > 300
    for rfc, party in parties.items():
        assert party["identifier"]["scheme"] == "MX-RFC" and party["id"] == f"MX-RFC-{rfc}"
        if rfc != GENERIC_RFC:
            assert pattern.match(rfc) and check_digit(rfc) == rfc[-1], rfc
    persons = sum(len(rfc) == 13 for rfc in parties)
    assert 0.10 < persons / len(parties) < 0.20


@pytest.mark.real
def test_the_check_digit_agrees_with_real_mexican_publishers():
    folder = REAL_OCDS / "mx_pdn_s6_states_2024"
    if not folder.is_dir():
        pytest.skip(f"real OCDS files not found in {folder}")
    shape = re.compile(r"^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$")
    rfcs = {
        p["identifier"]["id"]
        for file in folder.glob("*.json")
        for release in json.loads(file.read_text(encoding="utf-8"))
        for p in release.get("parties") or []
        if shape.match((p.get("identifier") or {}).get("id") or "")
    }
    valid = sum(check_digit(rfc) == rfc[-1] for rfc in rfcs)
    assert len(rfcs) > 100 and valid / len(rfcs) > 0.8  # the rest are typos in the source


def test_counts(sample):
    package, truth, compiled = sample
    counts = truth["counts"]
    assert counts["releases"] == len(package["releases"]) and counts["processes"] == len(compiled)
    methods = Counter(c["tender"]["procurementMethod"] for c in compiled.values())
    assert counts["by_method"] == dict(methods)
    per_ocid = Counter(r["ocid"] for r in package["releases"])
    assert counts["processes_with_two_releases"] == sum(n == 2 for n in per_ocid.values())
    assert 0.2 < counts["processes_with_two_releases"] / len(compiled) < 0.3


def competitive(compiled: dict) -> dict[str, dict]:
    return {o: c for o, c in compiled.items() if c["tender"]["procurementMethod"] in COMPETITIVE}


def test_r003_short_submission_periods(sample):
    _, truth, compiled = sample
    planted = truth["R003_short_submission_period"]
    days = {}
    for ocid, release in competitive(compiled).items():
        period = release["tender"]["tenderPeriod"]
        days[ocid] = (day(period["endDate"]) - day(period["startDate"])).total_seconds() / 86400
    short = {o for o, d in days.items() if 0 < d < 6}
    assert short == set(planted["ocids"]) and len(short) == planted["count"]
    assert 0.05 < len(short) / len(days) < 0.07
    negative = {o for o, d in days.items() if d < 0}
    assert negative == set(truth["data_quality"]["tender_end_before_start"]["ocids"])
    assert all(d >= 10 for o, d in days.items() if o not in short | negative)
    for buyer in planted["focus_buyers"]:
        mine = [o for o in short if compiled[o]["buyer"]["id"] == buyer["id"]]
        assert len(mine) == buyer["count"] and buyer["rate"] > 3 * planted["share"]
    assert sum(b["count"] for b in planted["focus_buyers"]) > 0.6 * len(short)


def test_r018_single_bids(sample):
    _, truth, compiled = sample
    planted = truth["R018_single_bid"]
    processes = competitive(compiled)
    single = {o for o, c in processes.items() if c["tender"].get("numberOfTenderers") == 1}
    assert single == set(planted["ocids"])
    assert all(len(processes[o]["tender"]["tenderers"]) == 1 for o in single)
    hidden = [c for c in processes.values() if "numberOfTenderers" not in c["tender"]]
    assert hidden and all(len(c["tender"]["tenderers"]) > 1 for c in hidden)
    assert 0.07 < len(single) / len(processes) < 0.09
    for buyer in planted["focus_buyers"]:
        mine = [o for o, c in processes.items() if c["buyer"]["id"] == buyer["id"]]
        assert (
            sum(o in single for o in mine) == buyer["count"] and len(mine) == buyer["competitive"]
        )
        assert 0.3 < buyer["rate"] < 0.4


def test_direct_award_share_by_buyer(sample):
    _, truth, compiled = sample
    planted = truth["direct_award_share"]
    methods = defaultdict(list)
    for release in compiled.values():
        methods[release["buyer"]["id"]].append(release["tender"]["procurementMethod"])
    assert len(methods) == 25
    high = {b["id"] for b in planted["high_buyers"]}
    assert len(high) == 3
    for buyer, seen in methods.items():
        share = seen.count("direct") / len(seen)
        assert share == pytest.approx(planted["by_buyer"][buyer]["share"], abs=1e-4)
        assert share > 0.85 if buyer in high else 0.40 <= share <= 0.60


def awards(compiled: dict):
    """(ocid, buyer id, supplier RFC, award) for every award."""
    for ocid, release in compiled.items():
        for award in release.get("awards", []):
            rfc = award["suppliers"][0]["id"].removeprefix("MX-RFC-")
            yield ocid, release["buyer"]["id"], rfc, award


def test_contract_splitting(sample):
    _, truth, compiled = sample
    planted = truth["contract_splitting"]
    threshold, (low, _) = planted["threshold_mxn"], planted["band_mxn"]
    groups = defaultdict(list)
    for ocid, buyer, rfc, award in awards(compiled):
        direct = compiled[ocid]["tender"]["procurementMethod"] == "direct"
        if direct and low <= award["value"]["amount"] < threshold:
            groups[buyer, rfc].append((day(award["date"]), award["value"]["amount"], ocid))
    found = set()
    for (buyer, rfc), rows in groups.items():
        rows.sort()
        span = (rows[-1][0] - rows[0][0]).days
        if (
            len(rows) >= 3
            and span <= planted["window_days"]
            and sum(r[1] for r in rows) > threshold
        ):
            found.add((buyer, rfc, tuple(sorted(r[2] for r in rows))))
    expected = {
        (c["buyer"]["id"], c["supplier"]["rfc"], tuple(sorted(c["ocids"])))
        for c in planted["cases"]
    }
    assert found == expected and len(expected) == 4
    assert all(3 <= c["awards"] <= 6 for c in planted["cases"])
    assert set(groups) == {(b, r) for b, r, _ in expected}  # no other direct award in the band


def test_supplier_concentration(sample):
    _, truth, compiled = sample
    planted = truth["supplier_concentration"]
    value = defaultdict(Counter)
    for _, buyer, rfc, award in awards(compiled):
        value[buyer][rfc] += award["value"]["amount"]
    hhi = {}
    for buyer, by_supplier in value.items():
        total = sum(by_supplier.values())
        hhi[buyer] = sum((v / total) ** 2 for v in by_supplier.values())
        assert hhi[buyer] == pytest.approx(planted["hhi_by_buyer"][buyer], abs=1e-4)
    assert len(planted["buyers"]) == 2
    for entry in planted["buyers"]:
        shares = value[entry["id"]]
        assert shares[entry["supplier"]["rfc"]] / sum(shares.values()) > 0.6
        assert hhi[entry["id"]] > 0.4
    planted_ids = {e["id"] for e in planted["buyers"]}
    assert max(v for b, v in hhi.items() if b not in planted_ids) < 0.15


def test_r048_heterogeneous_suppliers(sample):
    _, truth, compiled = sample
    planted = truth["R048_heterogeneous_supplier"]
    families = defaultdict(set)
    for _, _, rfc, award in awards(compiled):
        families[rfc] |= {item["classification"]["id"][:3] for item in award["items"]}
    rfcs = {s["rfc"] for s in planted["suppliers"]}
    assert len(rfcs) == 3
    for supplier in planted["suppliers"]:
        assert sorted(families[supplier["rfc"]]) == supplier["families"]
        assert len(supplier["families"]) >= 8
    assert max(len(v) for rfc, v in families.items() if rfc not in rfcs) <= 3


def test_data_quality_lessons(sample):
    package, truth, compiled = sample
    quality = truth["data_quality"]
    tenders = {o: c["tender"] for o, c in compiled.items()}
    missing = {o for o, t in tenders.items() if "numberOfTenderers" not in t}
    assert missing == set(quality["missing_number_of_tenderers"]["ocids"])
    no_currency = {o for o, t in tenders.items() if "currency" not in t["value"]}
    assert no_currency == set(quality["tender_value_without_currency"]["ocids"])
    assert 0.025 < len(missing) / len(tenders) < 0.035
    assert 0.015 < len(no_currency) / len(tenders) < 0.025
    assert 3 <= quality["tender_end_before_start"]["count"] <= 10
    generic = [(o, a) for o, _, rfc, a in awards(compiled) if rfc == GENERIC_RFC]
    assert sorted(o for o, _ in generic) == quality["generic_rfc"]["ocids"]
    names = {
        p["name"]
        for r in package["releases"]
        for p in r["parties"]
        if p["identifier"]["id"] == GENERIC_RFC
    }
    assert sorted(names) == quality["generic_rfc"]["people"] and len(names) >= 2


def test_the_command_refuses_an_unknown_sample(capsys):
    assert main(["nope"]) == 2
    assert "procurement" in capsys.readouterr().err
