"""The money sections of an S1 record: income, homes, vehicles, accounts, debts and interests."""

from __future__ import annotations

from datetime import date

from kit.samples.declarations_assets import Asset
from kit.samples.declarations_catalogs import ENTIDAD, MUNICIPIOS, cv
from kit.samples.declarations_staff import Official

__all__ = ["INCOME_KEYS", "holdings", "ingresos", "interes"]

#: The five income totals of each declaration type (remuneración, otros, declarante, pareja, total)
INCOME_KEYS = {
    "INICIAL": (
        "remuneracionMensualCargoPublico",
        "otrosIngresosMensualesTotal",
        "ingresoMensualNetoDeclarante",
        "ingresoMensualNetoParejaDependiente",
        "totalIngresosMensualesNetos",
    ),
    "MODIFICACIÓN": (
        "remuneracionAnualCargoPublico",
        "otrosIngresosAnualesTotal",
        "ingresoAnualNetoDeclarante",
        "ingresoAnualNetoParejaDependiente",
        "totalIngresosAnualesNetos",
    ),
    "CONCLUSIÓN": (
        "remuneracionConclusionCargoPublico",
        "otrosIngresosConclusionTotal",
        "ingresoConclusionNetoDeclarante",
        "ingresoConclusionNetoParejaDependiente",
        "totalIngresosConclusionNetos",
    ),
}
_DEC = [cv("DEC", "DECLARANTE")]
_INTERES_NONE = ("participacionTomaDecisiones", "apoyos", "representacion")
_INTERES_NONE_2 = ("clientesPrincipales", "beneficiosPrivados", "fideicomisos")


def _mxn(value: float) -> dict:
    return {"valor": round(value), "moneda": "MXN"}


def _months(official: Official, tipo: str, day: date) -> tuple[float, int]:
    """How many months of income a declaration covers, and the year whose pay applies."""
    if tipo == "INICIAL":
        return 1.0, official.start.year
    if tipo == "MODIFICACIÓN":
        year = day.year - 1
        first = max(official.start, date(year, 1, 1))
        return 12 * ((date(year, 12, 31) - first).days + 1) / 365, year
    end = official.end or day
    first = max(official.start, date(end.year, 1, 1))
    return 12 * ((end - first).days + 1) / 365, end.year


def _activities(official: Official, day: date, months: float) -> list[dict]:
    """Pay from the declarant's own companies (actividad industrial, comercial, empresarial)."""
    return [
        {
            "remuneracion": _mxn(p.monthly * months),
            "nombreRazonSocial": p.company,
            "tipoNegocio": p.sector["valor"],
        }
        for p in official.participations
        if p.monthly and p.relation == "DECLARANTE" and p.since <= day
    ]


def ingresos(official: Official, tipo: str, day: date) -> dict:
    """Income of the declarant (pay, company, services) and of the spouse, in the type's keys."""
    months, year = _months(official, tipo, day)
    if tipo == "INICIAL":
        pay = official.monthly_pay(year)
    elif tipo == "MODIFICACIÓN":
        pay = official.yearly_pay(year)
    else:
        pay = official.yearly_pay(year) if official.end else 0
    activities = _activities(official, day, months)
    business = sum(a["remuneracion"]["valor"] for a in activities)
    services = round(official.side_income * months)
    other = business + services
    spouse = round(official.spouse_income * months) if official.post.complete else 0
    keys = INCOME_KEYS[tipo]
    out = {
        keys[0]: _mxn(pay),
        keys[1]: _mxn(other),
        "actividadIndustialComercialEmpresarial": {
            "remuneracionTotal": _mxn(business),
            "actividades": activities,
        },
        "actividadFinanciera": {"remuneracionTotal": _mxn(0), "actividades": []},
        "serviciosProfesionales": {
            "remuneracionTotal": _mxn(services),
            "servicios": [{"remuneracion": _mxn(services), "tipoServicio": "CONSULTORÍA"}]
            if services
            else [],
        },
    }
    if tipo != "INICIAL":
        out["enajenacionBienes"] = {"remuneracionTotal": _mxn(0), "bienes": []}
    out |= {
        "otrosIngresos": {"remuneracionTotal": _mxn(0), "ingresos": []},
        keys[2]: _mxn(pay + other),
        keys[3]: _mxn(spouse),
        keys[4]: _mxn(pay + other + spouse),
        "aclaracionesObservaciones": "",
    }
    return out


def _status(asset: Asset, day: date, before: date | None) -> str | None:
    """tipoOperacion of an asset in a declaration, or None when it is not listed."""
    if asset.acquired > day:
        return None
    if asset.sold is not None:
        if asset.sold > day:
            pass
        elif before is not None and before < asset.sold and asset.acquired <= before:
            return "BAJA"
        else:
            return None
    return "AGREGAR" if before is None or asset.acquired > before else "SIN_CAMBIOS"


def _common(asset: Asset, op: str) -> dict:
    item = {
        "formaAdquisicion": cv("CPV", "COMPRAVENTA"),
        "formaPago": "CONTADO" if asset.cash else "CRÉDITO",
        "valorAdquisicion": _mxn(asset.value),
        "fechaAdquisicion": str(asset.acquired),
    }
    if op == "BAJA":
        item["motivoBaja"] = cv("VNT", "VENTA")
    return item


def _home(official: Official, asset: Asset, op: str) -> dict:
    return {
        "tipoOperacion": op,
        "tipoInmueble": cv(*asset.subtype),
        "titular": _DEC,
        "porcentajePropiedad": 100,
        "superficieTerreno": {"valor": asset.detail["terreno"], "unidad": "m2"},
        "superficieConstruccion": {"valor": asset.detail["construccion"], "unidad": "m2"},
        "tercero": [],
        "transmisor": [],
        **_common(asset, op),
        "datoIdentificacion": asset.ident,
        "valorConformeA": "ESCRITURA PÚBLICA",
        "domicilioMexico": {
            "calle": "",
            "numeroExterior": "",
            "numeroInterior": "",
            "coloniaLocalidad": "",
            "municipioAlcaldia": MUNICIPIOS.get(official.inst.locality, MUNICIPIOS["Ocotal"]),
            "entidadFederativa": ENTIDAD,
            "codigoPostal": "",
        },
    }


def _car(asset: Asset, op: str) -> dict:
    return {
        "tipoOperacion": op,
        "tipoVehiculo": cv(*asset.subtype),
        "titular": _DEC,
        "transmisor": [],
        "marca": asset.detail["marca"],
        "modelo": asset.detail["modelo"],
        "anio": asset.detail["anio"],
        "numeroSerieRegistro": asset.ident,
        "tercero": [],
        "lugarRegistro": {"pais": "MX", "entidadFederativa": ENTIDAD},
        **_common(asset, op),
    }


def _section(key: str, items: list[dict]) -> dict:
    if not items:
        return {"ninguno": True, "aclaracionesObservaciones": ""}
    return {"ninguno": False, key: items, "aclaracionesObservaciones": ""}


def _debts(official: Official, day: date, before: date | None) -> list[dict]:
    """Loans still owed on ``day``, with their balance."""
    out = []
    for debt in official.debts:
        elapsed = (day - debt.taken).days / 365
        balance = debt.amount * (1 - elapsed / debt.years)
        if debt.taken > day or balance <= 0:
            continue
        mortgage = debt.kind == "CHIP"
        out.append(
            {
                "tipoOperacion": "AGREGAR"
                if before is None or debt.taken > before
                else "SIN_CAMBIOS",
                "titular": _DEC,
                "tipoAdeudo": cv("CHIP", "CRÉDITO HIPOTECARIO")
                if mortgage
                else cv("CAUT", "CRÉDITO AUTOMOTRIZ"),
                "numeroCuentaContrato": debt.account,
                "fechaAdquisicion": str(debt.taken),
                "montoOriginal": _mxn(debt.amount),
                "saldoInsolutoSituacionActual": _mxn(round(balance, -2)),
                "tercero": [],
                "otorganteCredito": {
                    "tipoPersona": "MORAL",
                    "nombreInstitucion": debt.lender[0],
                    "rfc": debt.lender[1],
                },
                "localizacionAdeudo": {"pais": "MX"},
            }
        )
    return out


def holdings(official: Official, day: date, before: date | None) -> dict:
    """bienesInmuebles, vehiculos, bienesMuebles, inversiones, adeudos and prestamoOComodato."""
    homes, cars = [], []
    for asset in official.assets:
        op = _status(asset, day, before)
        if op is None:
            continue
        if asset.kind == "inmueble":
            homes.append(_home(official, asset, op))
        else:
            cars.append(_car(asset, op))
    debts = _debts(official, day, before)
    account = {
        "tipoOperacion": "AGREGAR" if before is None else "SIN_CAMBIOS",
        "tipoInversion": cv("BANC", "BANCARIA"),
        "subTipoInversion": cv("CNOM", "CUENTA DE NÓMINA"),
        "titular": _DEC,
        "tercero": [],
        "numeroCuentaContrato": f"****{official.slot % 10000:04d}",
        "localizacionInversion": {"pais": "MX", "institucionRazonSocial": "", "rfc": ""},
        "saldoSituacionActual": _mxn(round(official.account * (1 + (day.year - 2021) * 0.05), -2)),
    }
    return {
        "bienesInmuebles": _section("bienInmueble", homes),
        "vehiculos": _section("vehiculo", cars),
        "bienesMuebles": _section("bienMueble", []),
        "inversiones": _section("inversion", [account]),
        "adeudos": _section("adeudo", debts),
        "prestamoOComodato": _section("prestamo", []),
    }


def interes(official: Official, day: date, before: date | None) -> tuple[dict, bool]:
    """The interests part (conflicts of interest) and whether this declaration changed it."""
    items, changed = [], False
    for stake in official.participations:
        if stake.since > day:
            continue
        added = before is None or stake.since > before
        changed = changed or added
        items.append(
            {
                "tipoOperacion": "AGREGAR" if added else "SIN_CAMBIOS",
                "tipoRelacion": stake.relation,
                "nombreEmpresaSociedadAsociacion": stake.company,
                "rfc": stake.rfc,
                "porcentajeParticipacion": stake.percent,
                "tipoParticipacion": stake.tipo,
                "recibeRemuneracion": stake.monthly > 0,
                "montoMensual": _mxn(stake.monthly),
                "ubicacion": {"pais": "MX", "entidadFederativa": ENTIDAD},
                "sector": stake.sector,
            }
        )
    out = {"participacion": _section("participacion", items)}
    for key in (*_INTERES_NONE, *_INTERES_NONE_2):
        out[key] = {"ninguno": True, "aclaracionesObservaciones": ""}
    return out, changed
