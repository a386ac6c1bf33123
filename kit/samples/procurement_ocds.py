"""Write the planned processes as an OCDS 1.1 release package, the way Mexican publishers do.

A process is published either once, with tags ``tender, award, contract``, or twice: first the
call for tenders, later the award and contract (with the tenderers, which are only known then).
Only by compiling the two releases does one see the method *and* the number of tenderers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kit.samples import names
from kit.samples.cucop import FAMILIES
from kit.samples.procurement_model import Process, World
from kit.samples.procurement_parties import Party

__all__ = ["METHOD_DETAILS", "package"]

METHOD_DETAILS = {
    "open": "Licitación Pública",
    "selective": "Invitación a cuando menos tres personas",
    "direct": "Adjudicación Directa",
}
PUBLISHER = "Gobierno del Estado de Nueva Galicia"
SITE = "https://datos.example.org/nueva-galicia"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"

JSON = dict[str, Any]


def package(world: World) -> JSON:
    """The release package: metadata of the fictitious publisher and every release by date."""
    rfc = names.moral_rfc(PUBLISHER, datetime(1980, 1, 1).date(), world.draw)
    releases = [r for process in world.processes for r in _releases(world, process)]
    releases.sort(key=lambda r: (r["date"], r["id"]))
    return {
        "uri": f"{SITE}/contrataciones/ocds/paquete-2021-2024.json",
        "version": "1.1",
        "publishedDate": "2025-01-15T10:00:00-06:00",
        "publisher": {"name": PUBLISHER, "scheme": "MX-RFC", "uid": rfc, "uri": SITE},
        "license": CC0,
        "publicationPolicy": f"{SITE}/politica-de-publicacion",
        "releases": releases,
    }


def _when(moment: datetime) -> str:
    """ISO 8601 in central Mexico time."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "-06:00"


def _money(amount: float, currency: bool = True) -> JSON:
    return {"amount": amount, "currency": "MXN"} if currency else {"amount": amount}


def _party(party: Party, roles: list[str]) -> JSON:
    identifier = {"scheme": "MX-RFC", "id": party.rfc, "legalName": party.name}
    address = {"locality": party.locality, "region": party.region, "countryName": "México"}
    return {
        "id": party.id,
        "name": party.name,
        "identifier": identifier,
        "address": address,
        "roles": roles,
    }


def _ref(party: Party) -> JSON:
    return {"id": party.id, "name": party.name}


def _items(process: Process, ratio: float) -> list[JSON]:
    """Items with unit prices divided by ``ratio`` (1 for the award; the estimate's for tenders)."""
    out = []
    for number, (item, quantity, price) in enumerate(process.items, start=1):
        classification = {"scheme": "CUCOP", "id": item.code, "description": item.description}
        unit = {"name": item.unit, "value": _money(round(price / ratio, 2))}
        out.append(
            {
                "id": str(number),
                "description": item.description,
                "classification": classification,
                "quantity": quantity,
                "unit": unit,
            }
        )
    return out


def _tender(world: World, process: Process, title: str) -> JSON:
    """The full tender section, as published with the call for tenders."""
    buyer = world.buyers[process.buyer]
    items = _items(process, process.ratio)
    value = round(sum(i["quantity"] * i["unit"]["value"]["amount"] for i in items), 2)
    tender: JSON = {
        "id": process.tender_id,
        "title": title,
        "description": f"{title}. Ejercicio fiscal {process.start.year}.",
        "status": "complete",
        "procuringEntity": _ref(buyer),
        "procurementMethod": process.method,
        "procurementMethodDetails": METHOD_DETAILS[process.method],
    }
    if process.rationale:
        tender["procurementMethodRationale"] = process.rationale
    tender["mainProcurementCategory"] = FAMILIES[process.family].category
    tender["value"] = _money(value, "no_currency" not in process.flags)
    if process.competitive:
        start, end = _when(process.start), _when(process.tender_end)
        if "end_before_start" in process.flags:
            start, end = end, start
        tender["tenderPeriod"] = {"startDate": start, "endDate": end}
    tender["items"] = items
    return tender


def _competition(world: World, process: Process) -> JSON:
    """What is known once tenders are opened: how many and who."""
    out: JSON = {}
    if "no_number_of_tenderers" not in process.flags:
        out["numberOfTenderers"] = process.bidders
    out["tenderers"] = [_ref(world.roster.suppliers[i]) for i in process.tenderers]
    return out


def _award_and_contract(world: World, process: Process, title: str) -> JSON:
    supplier = world.roster.suppliers[process.supplier]
    dates, value = process.dates, _money(process.amount)
    award = {
        "id": f"{process.tender_id}-A1",
        "title": title,
        "status": "active",
        "date": _when(dates["award"]),
        "value": value,
        "suppliers": [_ref(supplier)],
        "items": _items(process, 1.0),
    }
    contract = {
        "id": f"{process.tender_id}-C1",
        "awardID": award["id"],
        "status": "active",
        "dateSigned": _when(dates["signed"]),
        "period": {
            "startDate": _when(dates["contract_start"]),
            "endDate": _when(dates["contract_end"]),
        },
        "value": dict(value),
    }
    return {"awards": [award], "contracts": [contract]}


def _parties(world: World, process: Process, with_tenderers: bool) -> list[JSON]:
    out = [_party(world.buyers[process.buyer], ["buyer", "procuringEntity"])]
    for index in process.tenderers if with_tenderers else []:
        roles = ["tenderer", "supplier"] if index == process.supplier else ["tenderer"]
        out.append(_party(world.roster.suppliers[index], roles))
    return out


def _release(process: Process, number: int, moment: datetime, tag: list[str], **parts: Any) -> JSON:
    """A release of ``process`` with the common header and the given sections."""
    head = {"ocid": process.ocid, "id": f"{process.ocid}-{number:02d}", "date": _when(moment)}
    return {**head, "tag": tag, "initiationType": "tender", "language": "es", **parts}


def _releases(world: World, process: Process) -> list[JSON]:
    """One release (tender, award, contract) or two (tender; then award and contract)."""
    title = world.draw.choice(FAMILIES[process.family].titles)
    buyer = _ref(world.buyers[process.buyer])
    tender = _tender(world, process, title)
    later = _award_and_contract(world, process, title)
    published = process.dates["published"]
    everyone = _parties(world, process, with_tenderers=True)
    if process.releases == 1:
        tender.update(_competition(world, process))
        tag = ["tender", "award", "contract"]
        return [
            _release(
                process, 1, published, tag, parties=everyone, buyer=buyer, tender=tender, **later
            )
        ]
    tender["status"] = "active"
    call_parties = _parties(world, process, with_tenderers=False)
    closing = {"id": process.tender_id, "status": "complete", **_competition(world, process)}
    return [
        _release(
            process, 1, process.start, ["tender"], parties=call_parties, buyer=buyer, tender=tender
        ),
        _release(
            process,
            2,
            published,
            ["award", "contract"],
            parties=everyone,
            buyer=buyer,
            tender=closing,
            **later,
        ),
    ]
