"""The fictitious entries of the OFAC sample outside Mexico, and its vessels and aircraft.

Names are invented (brand syllables, surnames with a country's usual ending); countries, program
codes, vessel types and aircraft models are the real vocabularies, so filters work as on the
real list.
"""

from __future__ import annotations

from kit.samples._rng import Draw
from kit.samples.sanctions_names import list_brand
from kit.samples.sanctions_ofac_entry import Entry, Ids, dob

__all__ = ["COUNTRIES", "foreign_entries"]


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


# country | programs | entity forms | given names | surname endings | cities | id document
COUNTRIES = [
    (
        "Russia",
        _w("RUSSIA-EO14024|RUSSIA-EO14024|UKRAINE-EO13661] [RUSSIA-EO14024|CYBER2|MAGNIT"),
        _w("OOO {}|AO {}|{} JOINT STOCK COMPANY|{} LLC"),
        _w("Ivan|Sergei|Dmitri|Olga|Alexei|Natalia|Pavel|Yuri|Elena|Andrei"),
        _w("OV|EV|IN|SKIY"),
        _w("Moscow|Saint Petersburg|Kazan|Novosibirsk"),
        "Tax ID No.",
    ),
    (
        "Iran",
        _w("IRAN|NPWMD] [IFSR|SDGT] [IRGC] [IFSR|IRAN-EO13846|IRAN-HR|IRAN] [NPWMD] [IFSR"),
        _w("{} TRADING COMPANY|{} INDUSTRIES|{} SHIPPING COMPANY|{} ENGINEERING GROUP"),
        _w("Ali|Reza|Mohammad|Hossein|Mahmoud|Maryam|Hassan|Mehdi"),
        _w("I|IAN|ZADEH|POUR"),
        _w("Tehran|Isfahan|Bandar Abbas|Tabriz"),
        "National ID No.",
    ),
    (
        "United Arab Emirates",
        _w("SDGT|IRAN-EO13846|RUSSIA-EO14024|SDGT] [IFSR"),
        _w("{} GENERAL TRADING L.L.C.|{} FZE|{} DMCC|{} GENERAL TRADING FZCO"),
        _w("Ahmed|Khalid|Omar|Yousef|Salem"),
        _w("I|AWI|ANI"),
        _w("Dubai|Sharjah|Abu Dhabi"),
        "Passport",
    ),
    (
        "China",
        _w("NPWMD] [IFSR|CYBER2|ILLICIT-DRUGS-EO14059|SDNTK|IRAN-EO13846"),
        _w("{} INTERNATIONAL TRADE CO., LTD.|{} TECHNOLOGY CO., LIMITED|{} CHEMICAL CO., LTD."),
        _w("Wei|Jun|Li|Ming|Hua|Lei|Yan"),
        _w("G|NG|N"),
        _w("Shanghai|Guangzhou|Wuhan|Shenzhen"),
        "Passport",
    ),
    (
        "Colombia",
        _w("SDNT|SDNTK|ILLICIT-DRUGS-EO14059|SDNTK] [ILLICIT-DRUGS-EO14059"),
        _w("{} S.A.S.|{} LTDA.|C.I. {} S.A.|INVERSIONES {} S.A.S."),
        _w("Carlos|Jorge|Luis|Diana|Sandra|Andres|Jhon|Fabio"),
        _w("EZ|ERA|ILLO|ANO"),
        _w("Bogota|Medellin|Cali|Cucuta"),
        "Cedula No.",
    ),
    (
        "Venezuela",
        _w("VENEZUELA-EO13850|VENEZUELA|VENEZUELA-EO13884|VENEZUELA-EO13692"),
        _w("{} C.A.|{} S.A.|CORPORACION {} C.A."),
        _w("Jose|Maria|Luis|Pedro|Nicolas|Yelitze|Tareck"),
        _w("EZ|ANO|ERA|ON"),
        _w("Caracas|Maracaibo|Valencia"),
        "Cedula No.",
    ),
    (
        "Syria",
        _w("SYRIA|SYRIA-EO13894|SYRIA] [SYRIA-CAESAR|SDGT"),
        _w("{} COMPANY|{} GROUP|{} OIL SERVICES"),
        _w("Bashar|Rami|Samer|Maher|Hussam|Mohammad"),
        _w("I|A|OUN"),
        _w("Damascus|Aleppo|Latakia"),
        "Passport",
    ),
    (
        "Lebanon",
        _w("SDGT|SDGT] [IRGC] [IFSR|GLOMAG"),
        _w("{} S.A.L.|{} OFFSHORE S.A.L.|{} HOLDING S.A.L."),
        _w("Hassan|Adham|Nazem|Ali|Muhammad"),
        _w("I|A|EH"),
        _w("Beirut|Tyre|Sidon"),
        "Passport",
    ),
    (
        "Panama",
        _w("SDNTK|GLOMAG|SDNT"),
        _w("{} S.A.|{} INTERNATIONAL S.A.|{} HOLDINGS INC."),
        _w("Ricardo|Ana|Eduardo|Ramon"),
        _w("EZ|ERA|OS"),
        _w("Panama City|Colon"),
        "Passport",
    ),
    (
        "Korea, North",
        _w("DPRK3|DPRK4|NPWMD|DPRK2|DPRK] [NPWMD"),
        _w("KOREA {} CORPORATION|{} TRADING CORPORATION|{} BANK"),
        _w("Chol|Song Il|Kwang|Myong|Hyok"),
        _w("K|N|NG"),
        _w("Pyongyang|Nampho"),
        "Passport",
    ),
    (
        "Belarus",
        _w("BELARUS-EO14038|BELARUS|RUSSIA-EO14024"),
        _w("OAO {}|{} OJSC|{} JSC"),
        _w("Viktor|Aleksandr|Igor|Tatsiana"),
        _w("ENKO|OVICH|SKI"),
        _w("Minsk|Grodno|Brest"),
        "National ID No.",
    ),
    (
        "Nicaragua",
        _w("NICARAGUA|GLOMAG"),
        _w("{} S.A.|DISTRIBUIDORA {} S.A."),
        _w("Rosario|Francisco|Gustavo|Fidel"),
        _w("EZ|ADA|IO"),
        _w("Managua|Leon"),
        "Passport",
    ),
    (
        "Burma",
        _w("BURMA-EO14014|BURMA-EO14014|GLOMAG"),
        _w("{} COMPANY LIMITED|{} GROUP OF COMPANIES"),
        _w("Aung|Min|Soe|Than"),
        _w("N|T|WIN"),
        _w("Yangon|Mandalay|Naypyitaw"),
        "Passport",
    ),
]
_WEIGHTS = (24, 12, 6, 7, 8, 5, 7, 4, 3, 5, 4, 2, 3)
_VESSEL_TYPES = _w(
    "General Cargo|Crude Oil Tanker|Bulk Carrier|Fishing Vessel|Tug|Container Ship|"
    "Chemical/Products Tanker|Oil Products Tanker"
)
_AIRCRAFT = _w("IL-76TD|B737-300|A320-200|MD-83|B747-200|A340-300|TU-204-100|Gulfstream G200")
_TAIL_PREFIX = {
    "Russia": "RA-",
    "Iran": "EP-",
    "United Arab Emirates": "A6-",
    "China": "B-",
    "Colombia": "HK-",
    "Venezuela": "YV",
    "Syria": "YK-",
    "Lebanon": "OD-",
    "Panama": "HP-",
    "Korea, North": "P-",
    "Belarus": "EW-",
    "Nicaragua": "YN-",
    "Burma": "XY-",
}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _country(draw: Draw) -> tuple:
    return draw.weighted(COUNTRIES, _WEIGHTS)


def _surname(draw: Draw, endings: tuple[str, ...], avoid: set[str]) -> str:
    return (list_brand(draw, avoid)[:-1] + draw.choice(endings)).upper()


def _individual(draw: Draw, ids: Ids, avoid: set[str]) -> Entry:
    country, programs, _, given, endings, cities, document = _country(draw)
    name = f"{_surname(draw, endings, avoid)}, {draw.choice(given)}"
    remarks = [f"DOB {dob(draw, 1950, 1992, exact=draw.chance(0.75))}"]
    remarks += [f"POB {draw.choice(cities)}, {country}", f"nationality {country}"]
    if draw.chance(0.5):
        remarks.append(f"Gender {'Female' if name.endswith('a') else 'Male'}")
    if draw.chance(0.6):
        remarks.append(f"{document} {ids.document(draw)} ({country})")
    entry = Entry(name, "individual", draw.choice(programs), remarks=remarks)
    entry.addresses.append(("", draw.choice(cities) if draw.chance(0.5) else "", country))
    if draw.chance(0.2):
        alias = name.replace("I", "Y", 1) if "I" in name[1:] else name.replace("E", "A", 1)
        entry.aliases.append(("aka", alias))
    return entry


def _company(draw: Draw, ids: Ids, avoid: set[str]) -> Entry:
    country, programs, forms, _, _, cities, _ = _country(draw)
    brand = list_brand(draw, avoid).upper()
    name = draw.choice(forms).format(brand)
    remarks = []
    if draw.chance(0.6):
        remarks.append(f"Registration Number {ids.document(draw)} ({country})")
    if draw.chance(0.4):
        remarks.append(f"Organization Established Date {dob(draw, 1985, 2021, exact=True)}")
    entry = Entry(name, "", draw.choice(programs), remarks=remarks)
    street = f"{draw.integer(1, 240)} {list_brand(draw, avoid)} Street"
    entry.addresses.append((street if draw.chance(0.6) else "", draw.choice(cities), country))
    if draw.chance(0.25):
        entry.aliases.append(("aka", brand))
    if draw.chance(0.01):
        entry.aliases.append(("nka", draw.choice(forms).format(list_brand(draw, avoid).upper())))
    elif draw.chance(0.04):
        entry.aliases.append(("fka", draw.choice(forms).format(list_brand(draw, avoid).upper())))
    return entry


def _vessel(draw: Draw, ids: Ids, owner: Entry) -> Entry:
    country = owner.addresses[0][2]
    name = draw.choice(("{} STAR", "OCEAN {}", "{}", "{} I")).format(
        list_brand(draw, set()).upper()
    )
    entry = Entry(name, "vessel", owner.program, vess_type=draw.choice(_VESSEL_TYPES))
    entry.vess_flag = country if draw.chance(0.85) else "Panama"
    if draw.chance(0.3):
        entry.call_sign = "".join(draw.choice(_LETTERS + "0123456789") for _ in range(5))
    if draw.chance(0.25):
        entry.grt = f"{draw.integer(200, 160_000):,}"
        entry.tonnage = f"{int(int(entry.grt.replace(',', '')) * 1.6):,}"
    entry.remarks = [f"Vessel Registration Identification IMO {ids.imo(draw)}"]
    if draw.chance(0.3):
        entry.remarks.append(f"MMSI {draw.integer(200_000_000, 699_999_999)}")
    entry.remarks.append(f"Linked To: {owner.name}")
    entry.addresses.append(("", "", ""))
    return entry


def _aircraft(draw: Draw, operator: Entry) -> Entry:
    country = operator.addresses[0][2]
    tail = _TAIL_PREFIX[country] + "".join(draw.choice(_LETTERS) for _ in range(3))
    remarks = [
        f"Aircraft Construction Number (also called L/N or S/N or F/N) {draw.integer(100, 9999)}",
        f"Aircraft Manufacture Date {draw.integer(1978, 2012)}",
        f"Aircraft Model {draw.choice(_AIRCRAFT)}",
        f"Aircraft Operator {operator.name}",
        f"Aircraft Manufacturer's Serial Number (MSN) {draw.integer(10_000, 99_999_999)}",
        f"Linked To: {operator.name}",
    ]
    entry = Entry(tail, "aircraft", operator.program, remarks=remarks)
    entry.addresses.append(("", "", ""))
    return entry


def foreign_entries(draw: Draw, ids: Ids, avoid: set[str], n: int) -> list[Entry]:
    """``n`` entries outside Mexico: people, companies, and vessels and aircraft of companies."""
    entries: list[Entry] = []
    companies: list[Entry] = []
    while len(entries) < n:
        roll = draw.uniform()
        if roll < 0.47:
            entries.append(_individual(draw, ids, avoid))
        elif roll < 0.89 or not companies:
            companies.append(_company(draw, ids, avoid))
            entries.append(companies[-1])
        elif roll < 0.95:
            entries.append(_vessel(draw, ids, draw.choice(companies)))
        else:
            entries.append(_aircraft(draw, draw.choice(companies)))
    return entries
