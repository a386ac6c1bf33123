"""PDN System 3: sanctioned public officials (servidores) and sanctioned private parties (S3).

Two layouts of each, told apart record by record and named in ``attrs["formato"]``:

* **v1** (``PDNMX/api_docs``, ``S3/oas/OAS_API_Servidores_Sancionados.json`` and
  ``OAS_API_Particulares_Sancionados.json``): ``expediente``, ``institucionDependencia``,
  ``servidorPublicoSancionado{rfc, curp, nombres, …, puesto, nivel}`` or
  ``particularSancionado{nombreRazonSocial, rfc, tipoPersona, objetoSocial, directorGeneral,
  apoderadoLegal, …}``, ``autoridadSancionadora``, ``tipoFalta`` (``{clave, valor,
  descripcion}`` for officials, a text for parties), ``tipoSancion[]``, ``causaMotivoHechos``,
  ``resolucion``, ``multa{monto, moneda}``, ``inhabilitacion{plazo, fechaInicial,
  fechaFinal}``. The specification writes the official's ``rfc`` as one text; files also write
  it as ``{"rfc": 10 characters, "homoClave": 3}`` (the datatón 2021 file does, for 574 of its
  925 records): the two parts are joined.
* **v2** (``PDNMX/api_docs``, ``S3/s3-v2.json``, and the v1→v2 mapping of
  ``PDNMX/script-migracion-s3``): ``fecha``, ``expediente``, ``datosGenerales{nombres,
  primerApellido, segundoApellido, curp, rfc, sexo}`` (parties: ``nombreRazonSocial``,
  ``objetoSocial``, ``rfc`` for a persona moral), ``empleoCargoComision`` or
  ``dondeCometioLaFalta`` (the institution), ``faltaCometida[]{clave, valor,
  descripcionHechos}``, ``resolucion{fechaResolucion, autoridadResolutora, urlResolucion, …}``
  and ``tipoSancion[]{clave, sancionEconomica{monto, moneda}, inhabilitacion{plazoAnios,
  plazoMeses, plazoDias, fechaInicial, fechaFinal}, …}``. Several faltas are joined with
  ``"; "``; the multa is the first ``sancionEconomica``; the inhabilitación the first
  ``inhabilitacion`` (its plazo written as text, ``"2 años 6 meses"``). No published v2 file was
  found to test on; the reader follows those two sources.

**Dates.** Unreadable dates become NaT and are counted in ``attrs["fechas_no_leidas"]`` (with
examples). A column whose plain ``YYYY-MM-DD`` dates include month ``00`` and never month ``12``
was written, at least in part, with months counted from 0 (JavaScript's ``getMonth()``): its
month-00 dates are unreadable and its other dates may be one month early.
``attrs["meses_base_cero"]`` lists such columns and a :class:`ZeroBasedMonthsWarning` says so.
Nothing is shifted: in the datatón 2021 file, ``inhabilitacion.fechaFinal`` is written so for
the records whose ``fechaInicial`` is 2010-01-01 or a full ISO date-time (``2016-00-01`` for
``plazo`` 6 años from 2010-01-01), but not for those starting 2020-01-08 (``1 mes`` ends
2020-02-09): no rule for the whole column would be right. Compare with ``inhabilitacion_plazo``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import pandas as pd

from kit.declarations import _json
from kit.declarations._json import Rec, Source
from kit.i18n import messages

__all__ = [
    "PARTICULARES",
    "SAMPLE_PARTICULARES",
    "SAMPLE_SERVIDORES",
    "SERVIDORES",
    "ZeroBasedMonthsWarning",
    "read_s3_particulares",
    "read_s3_servidores",
]

SAMPLE_SERVIDORES = "s3_servidores.json.gz"
SAMPLE_PARTICULARES = "s3_particulares.json.gz"
_SANCTION = [
    "autoridad_sancionadora", "tipo_falta_clave", "tipo_falta", "tipo_sancion",
    "causa_motivo_hechos", "resolucion_fecha", "resolucion_url", "multa_monto", "multa_moneda",
    "inhabilitacion_plazo", "inhabilitacion_fecha_inicial", "inhabilitacion_fecha_final",
    "observaciones",
]  # fmt: skip
_HEAD = ["id", "fecha_captura", "expediente", "institucion_nombre", "institucion_siglas",
         "institucion_clave"]  # fmt: skip
SERVIDORES = [
    *_HEAD, "rfc", "curp", "nombres", "primer_apellido", "segundo_apellido", "nombre_completo",
    "genero", "genero_valor", "puesto", "nivel", *_SANCTION[:3], "tipo_falta_descripcion",
    *_SANCTION[3:],
]  # fmt: skip
PARTICULARES = [
    *_HEAD, "nombre_razon_social", "rfc", "tipo_persona", "curp", "nombres", "primer_apellido",
    "segundo_apellido", "objeto_social", "objeto_contrato", "acto", "director_general",
    "apoderado_legal", *_SANCTION[:6], "resolucion_fecha_notificacion", "resolucion_sentido",
    *_SANCTION[6:],
]  # fmt: skip
_DATES = {
    "resolucion_fecha",
    "resolucion_fecha_notificacion",
    "inhabilitacion_fecha_inicial",
    "inhabilitacion_fecha_final",
}

MSG = messages(
    "declarations.s3",
    {
        "servidores": (
            "S3 servidores públicos sancionados",
            "S3 sanctioned public officials",
        ),
        "particulares": ("S3 particulares sancionados", "S3 sanctioned private parties"),
        "hint_servidores": (
            "un registro v1 tiene 'servidorPublicoSancionado'; uno v2, 'datosGenerales' con "
            "'nombres'. Si es de particulares sancionados usa read_s3_particulares.",
            "a v1 record has 'servidorPublicoSancionado'; a v2 one, 'datosGenerales' with "
            "'nombres'. If it lists sanctioned private parties, use read_s3_particulares.",
        ),
        "hint_particulares": (
            "un registro v1 tiene 'particularSancionado'; uno v2, 'datosGenerales' sin "
            "'empleoCargoComision'. Si es de servidores públicos usa read_s3_servidores.",
            "a v1 record has 'particularSancionado'; a v2 one, 'datosGenerales' without "
            "'empleoCargoComision'. If it lists public officials, use read_s3_servidores.",
        ),
        "zero_based": (
            "{path}: las fechas de {columns} parecen escritas con los meses contados desde 0 "
            "al menos en parte (hay mes 00 y nunca mes 12, como getMonth() de JavaScript): "
            "las de mes 00 quedan sin leer (NaT) y otras pueden estar un mes antes. "
            "Revísalas antes de usarlas.",
            "{path}: the dates of {columns} look written with months counted from 0 (month "
            "00 appears and 12 never does, like JavaScript's getMonth()), at least in part: "
            "those with month 00 are left unread (NaT) and others may be one month early. "
            "Check them before using them.",
        ),
    },
)


class ZeroBasedMonthsWarning(UserWarning):
    """A date column of an S3 file looks written with months counted from 0."""


def read_s3_servidores(source: Source = "sample") -> pd.DataFrame:
    """Read a PDN S3 file of sanctioned public officials into one row per sanction record.

    Args:
        source: path of a ``.json`` or ``.json.gz`` file (a JSON array or one page of the PDN
            API), or ``"sample"`` for ``kit/data/declarations/s3_servidores.json.gz``.

    Returns:
        A DataFrame with :data:`SERVIDORES`: ``id``, ``fecha_captura`` (datetime, UTC),
        ``expediente``, ``institucion_*``; the official's ``rfc`` (with homoclave when
        published: 13 characters), ``curp``, names and ``nombre_completo``, ``genero`` (clave)
        and ``genero_valor`` as published, ``puesto``, ``nivel``; ``autoridad_sancionadora``,
        ``tipo_falta_clave``, ``tipo_falta``, ``tipo_falta_descripcion``, ``tipo_sancion``
        (tuple of claves), ``causa_motivo_hechos``, ``resolucion_fecha`` (datetime),
        ``resolucion_url``, ``multa_monto`` (float), ``multa_moneda``, ``inhabilitacion_plazo``
        (text as published), ``inhabilitacion_fecha_inicial`` and ``_final`` (datetime),
        ``observaciones``. ``attrs``: ``formato`` (``"v1"``/``"v2"``), ``archivo``,
        ``fechas_no_leidas`` (column → count), ``fechas_no_leidas_ejemplos`` and
        ``meses_base_cero`` (see the module docstring).

    Raises:
        DataFormatError: not JSON, not a list of records, a record of particulares or of
            another system, a required field missing (``id``, the official's names,
            ``tipoSancion``) or of the wrong type; the message names the file, the record
            (position and id), the field and the problem.
        SourceNotFoundError: the path (or the bundled sample) does not exist.
    """
    return _read(source, SAMPLE_SERVIDORES, "servidores", _servidor, SERVIDORES)


def read_s3_particulares(source: Source = "sample") -> pd.DataFrame:
    """Read a PDN S3 file of sanctioned private parties (companies and persons).

    Args:
        source: path of a ``.json`` or ``.json.gz`` file, or ``"sample"`` for
            ``kit/data/declarations/s3_particulares.json.gz``.

    Returns:
        A DataFrame with :data:`PARTICULARES`: as :func:`read_s3_servidores` for the record and
        the sanction, and for the party ``nombre_razon_social`` (a person's full name in v2),
        ``rfc``, ``tipo_persona`` (``"F"`` física, ``"M"`` moral; in v2 inferred from
        ``datosGenerales``), ``curp`` and names (v2 personas físicas), ``objeto_social``,
        ``objeto_contrato``, ``acto``, ``director_general`` and ``apoderado_legal`` (full
        names), ``resolucion_fecha_notificacion`` and ``resolucion_sentido``. ``tipo_falta`` is
        a text in v1 (``tipo_falta_clave`` empty).

    Raises:
        DataFormatError: as :func:`read_s3_servidores` (required: ``id``, the party's name,
            ``tipoPersona`` in v1, ``tipoSancion``).
        SourceNotFoundError: the path (or the bundled sample) does not exist.
    """
    return _read(source, SAMPLE_PARTICULARES, "particulares", _particular, PARTICULARES)


def _read(
    source: Source,
    sample: str,
    kind: str,
    row: Callable[[Rec], tuple[str, dict]],
    columns: list[str],
) -> pd.DataFrame:
    path = _json.path_of(source, sample)
    rows, layout = [], None
    for rec in _json.records(path, _json.load(path, MSG[kind].get())):
        found, values = row(rec)
        layout = _json.check_layout(rec, found, layout)
        rows.append(values)
    frame = _frame(rows, columns, path)
    frame.attrs.update(formato=layout, archivo=str(path))
    return frame


# --- servidores -----------------------------------------------------------------------------


def _servidor(rec: Rec) -> tuple[str, dict]:
    if "servidorPublicoSancionado" in rec.data:
        return "v1", _servidor_v1(rec)
    general = rec.raw("datosGenerales")
    if isinstance(general, dict) and "nombreRazonSocial" not in general:
        return "v2", _servidor_v2(rec)
    raise _json.layout_error(rec, MSG["servidores"].get(), MSG["hint_servidores"].get())


def _servidor_v1(rec: Rec) -> dict:
    person = rec.obj("servidorPublicoSancionado", required=True)
    falta = rec.obj("tipoFalta") if isinstance(rec.raw("tipoFalta"), dict) else None
    genero = person.code("genero")
    return {
        **_head_v1(rec),
        **_names(person, "nombres"),
        "rfc": _upper(_json.joined_rfc(person, "rfc")),
        "curp": _upper(person.text("curp")),
        "genero": genero[0],
        "genero_valor": genero[1],
        "puesto": person.text("puesto"),
        "nivel": person.text("nivel"),
        "tipo_falta_clave": falta.text("clave") if falta else None,
        "tipo_falta": falta.text("valor") if falta else rec.text("tipoFalta"),
        "tipo_falta_descripcion": falta.text("descripcion") if falta else None,
        **_sanction_v1(rec),
    }


def _servidor_v2(rec: Rec) -> dict:
    general = rec.obj("datosGenerales", required=True)
    job = rec.obj("empleoCargoComision")
    level = job.code("nivelJerarquico") if job else (None, None)
    sexo = general.text("sexo")
    return {
        **_head_v2(rec),
        **_names(general, "nombres"),
        "rfc": _upper(_json.joined_rfc(general, "rfc")),
        "curp": _upper(general.text("curp")),
        "genero": {"HOMBRE": "M", "MUJER": "F"}.get((sexo or "").upper(), sexo),
        "genero_valor": sexo,
        "puesto": (job.text("denominacion") if job else None) or level[1],
        "nivel": level[0],
        **_sanction_v2(rec),
    }


# --- particulares ---------------------------------------------------------------------------


def _particular(rec: Rec) -> tuple[str, dict]:
    if "particularSancionado" in rec.data:
        return "v1", _particular_v1(rec)
    if isinstance(rec.raw("datosGenerales"), dict) and "empleoCargoComision" not in rec.data:
        return "v2", _particular_v2(rec)
    raise _json.layout_error(rec, MSG["particulares"].get(), MSG["hint_particulares"].get())


def _particular_v1(rec: Rec) -> dict:
    party = rec.obj("particularSancionado", required=True)
    kind = party.text("tipoPersona", required=True).upper()
    resolution = rec.obj("resolucion")
    return {
        **_head_v1(rec),
        "nombre_razon_social": party.text("nombreRazonSocial", required=True),
        "rfc": _upper(_json.joined_rfc(party, "rfc")),
        "tipo_persona": {"FISICA": "F", "FÍSICA": "F", "MORAL": "M"}.get(kind, kind),
        "objeto_social": party.text("objetoSocial"),
        "objeto_contrato": rec.text("objetoContrato"),
        "acto": rec.text("acto"),
        "director_general": _person_name(party.obj("directorGeneral")),
        "apoderado_legal": _person_name(party.obj("apoderadoLegal")),
        "tipo_falta": rec.code("tipoFalta")[1],
        "resolucion_fecha_notificacion": resolution.text("fechaNotificacion")
        if resolution
        else None,
        "resolucion_sentido": resolution.text("sentido") if resolution else None,
        **_sanction_v1(rec),
    }


def _particular_v2(rec: Rec) -> dict:
    general = rec.obj("datosGenerales", required=True)
    resolution = rec.obj("resolucion")
    boss = rec.obj("datosDirGeneralReprLegal")
    if general.text("nombreRazonSocial"):
        party = {"nombre_razon_social": general.text("nombreRazonSocial"), "tipo_persona": "M"}
    else:
        names = _names(general, "nombres")
        party = {**names, "nombre_razon_social": names["nombre_completo"], "tipo_persona": "F"}
        party.pop("nombre_completo")
    return {
        **_head_v2(rec),
        **party,
        "rfc": _upper(_json.joined_rfc(general, "rfc")),
        "curp": _upper(general.text("curp")),
        "objeto_social": general.text("objetoSocial"),
        "director_general": _person_name(boss.obj("directorGeneral")) if boss else None,
        "apoderado_legal": _person_name(boss.obj("representanteLegal")) if boss else None,
        "resolucion_fecha_notificacion": resolution.text("fechaNotificacion")
        if resolution
        else None,
        **_sanction_v2(rec),
    }


# --- shared parts ---------------------------------------------------------------------------


def _head_v1(rec: Rec) -> dict:
    institution = rec.obj("institucionDependencia")
    return {
        "id": rec.text("id", required=True),
        "fecha_captura": rec.text("fechaCaptura"),
        "expediente": rec.text("expediente"),
        "institucion_nombre": institution.text("nombre") if institution else None,
        "institucion_siglas": institution.text("siglas") if institution else None,
        "institucion_clave": institution.text("clave") if institution else None,
    }


def _head_v2(rec: Rec) -> dict:
    where = next(
        (
            rec.obj(key)
            for key in ("empleoCargoComision", "dondeCometioLaFalta", "entePublico")
            if rec.raw(key) is not None
        ),
        None,
    )
    return {
        "id": rec.text("id", required=True),
        "fecha_captura": rec.text("fecha"),
        "expediente": rec.text("expediente"),
        "institucion_nombre": where.text("nombreEntePublico") if where else None,
        "institucion_siglas": where.text("siglasEntePublico") if where else None,
    }


def _sanction_v1(rec: Rec) -> dict:
    resolution = rec.obj("resolucion")
    fine = rec.obj("multa")
    ban = rec.obj("inhabilitacion")
    rec.items("tipoSancion", required=True)
    return {
        "autoridad_sancionadora": rec.text("autoridadSancionadora"),
        "tipo_sancion": rec.codes("tipoSancion"),
        "causa_motivo_hechos": rec.text("causaMotivoHechos"),
        "resolucion_fecha": resolution.text("fechaResolucion") if resolution else None,
        "resolucion_url": resolution.text("url") if resolution else None,
        "multa_monto": fine.number("monto") if fine else None,
        "multa_moneda": fine.code("moneda")[0] if fine else None,
        "inhabilitacion_plazo": ban.text("plazo") if ban else None,
        "inhabilitacion_fecha_inicial": ban.text("fechaInicial") if ban else None,
        "inhabilitacion_fecha_final": ban.text("fechaFinal") if ban else None,
        "observaciones": rec.text("observaciones"),
    }


def _sanction_v2(rec: Rec) -> dict:
    faltas = rec.objects("faltaCometida")
    sanctions = rec.objects("tipoSancion")
    resolution = rec.obj("resolucion")
    fine = next((s.obj("sancionEconomica") for s in sanctions if s.raw("sancionEconomica")), None)
    ban = next((s.obj("inhabilitacion") for s in sanctions if s.raw("inhabilitacion")), None)
    return {
        "autoridad_sancionadora": resolution.text("autoridadResolutora") if resolution else None,
        "tipo_falta_clave": _joined(f.text("clave") for f in faltas),
        "tipo_falta": _joined(f.text("valor") for f in faltas),
        "tipo_sancion": tuple(c for s in sanctions if (c := s.text("clave"))),
        "causa_motivo_hechos": _joined(f.text("descripcionHechos") for f in faltas),
        "resolucion_fecha": resolution.text("fechaResolucion") if resolution else None,
        "resolucion_url": resolution.text("urlResolucion") if resolution else None,
        "multa_monto": fine.number("monto") if fine else None,
        "multa_moneda": fine.code("moneda")[0] if fine else None,
        "inhabilitacion_plazo": _plazo(ban) if ban else None,
        "inhabilitacion_fecha_inicial": _first_text(ban, "fechaInicial", "plazoFechaInicial"),
        "inhabilitacion_fecha_final": _first_text(ban, "fechaFinal", "plazoFechaFinal"),
        "observaciones": rec.text("observaciones"),
    }


def _plazo(ban: Rec) -> str | None:
    """The v2 plazo as the v1 text (in Spanish, as published): ``"2 años 6 meses"``."""
    parts = []
    for key, unit in (("plazoAnios", "años"), ("plazoMeses", "meses"), ("plazoDias", "días")):
        value = ban.number(key)
        if value:
            parts.append(f"{int(value)} {unit}")
    return " ".join(parts) or None


def _first_text(rec: Rec | None, *paths: str) -> str | None:
    return next((t for p in paths if (t := rec.text(p))), None) if rec else None


def _names(rec: Rec, given: str) -> dict:
    names = {
        "nombres": rec.text(given, required=True),
        "primer_apellido": rec.text("primerApellido", required=True),
        "segundo_apellido": rec.text("segundoApellido"),
    }
    return {**names, "nombre_completo": _json.full_name(*names.values())}


def _person_name(rec: Rec | None) -> str | None:
    if rec is None:
        return None
    return _json.full_name(
        rec.text("nombres"), rec.text("primerApellido"), rec.text("segundoApellido")
    )


def _joined(values) -> str | None:
    kept = [v for v in values if v]
    return "; ".join(kept) or None


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _frame(rows: list[dict], columns: list[str], path: object) -> pd.DataFrame:
    table = {column: [row.get(column) for row in rows] for column in columns}
    frame = pd.DataFrame(index=pd.RangeIndex(len(rows)))
    unread: dict[str, int] = {}
    examples: dict[str, list[str]] = {}
    dated = {"fecha_captura", *_DATES}
    shifted = [c for c in columns if c in dated and _json.zero_based(table[c])]
    for column, values in table.items():
        if column == "multa_monto":
            frame[column] = pd.Series(values, dtype="float64")
        elif column == "tipo_sancion":
            frame[column] = [v if isinstance(v, tuple) else () for v in values]
        elif column == "fecha_captura" or column in _DATES:
            read = _json.timestamps if column == "fecha_captura" else _json.dates
            frame[column] = read(values)
            if left := _json.unread(values, frame[column]):
                unread[column] = len(left)
                examples[column] = list(dict.fromkeys(left))[:3]
        else:
            frame[column] = _json.strings(values)
    if shifted:
        text = MSG["zero_based"].format(path=path, columns=", ".join(shifted))
        warnings.warn(text, ZeroBasedMonthsWarning, stacklevel=4)
    frame.attrs.update(
        fechas_no_leidas=unread,
        fechas_no_leidas_ejemplos=examples,
        meses_base_cero=shifted,
    )
    return frame
