"""Three invented S1 v2 declarations (DOF 2019 formats), built field by field from the spec.

``PDNMX/api_docs`` ``S1/oas/OAS_API_Declaraciones_{Inicial,Modificacion,Conclusion}.json``: the
same fictitious official files an INICIAL (2021), a MODIFICACIÓN (2022, income of 2021) and a
CONCLUSIÓN (job ended 31 March 2023). Every amount is chosen so its annual value is easy to
check by hand.
"""

from __future__ import annotations

import copy
from typing import Any


def monto(valor: float, moneda: str = "MXN") -> dict:
    return {"valor": valor, "moneda": moneda}


DECLARANTE = {
    "nombre": "Rosa María",
    "primerApellido": "Quelvara",
    "segundoApellido": "Ibarra",
    "curp": "QUIR800315MDFLBS04",
    "rfc": {"rfc": "QUIR800315", "homoClave": "K21"},
    "situacionPersonalEstadoCivil": {"clave": "CAS", "valor": "CASADO (A)"},
}
EMPLEO = {
    "tipoOperacion": "AGREGAR",
    "nivelOrdenGobierno": "FEDERAL",
    "ambitoPublico": "EJECUTIVO",
    "nombreEntePublico": "Secretaría de Ejemplos Públicos",
    "areaAdscripcion": "Dirección General de Adquisiciones",
    "empleoCargoComision": "Directora de Contrataciones",
    "contratadoPorHonorarios": False,
    "nivelEmpleoCargoComision": "M33",
    "fechaTomaPosesion": "2021-02-01",
}
INMUEBLE = {
    "tipoOperacion": "AGREGAR",
    "tipoInmueble": {"clave": "CASA", "valor": "CASA"},
    "titular": [{"clave": "DEC", "valor": "DECLARANTE"}, {"clave": "CYG", "valor": "CONYUGE"}],
    "porcentajePropiedad": 50,
    "superficieTerreno": {"valor": 1, "unidad": "ha"},
    "superficieConstruccion": {"valor": 180, "unidad": "m2"},
    "transmisor": [
        {
            "tipoPersona": "FISICA",
            "nombreRazonSocial": "Jorge Quelvara Soto",
            "rfc": "QUSJ500101AB2",
            "relacion": {"clave": "PAD", "valor": "PADRE"},
        }
    ],
    "formaAdquisicion": {"clave": "CPV", "valor": "COMPRAVENTA"},
    "formaPago": "CRÉDITO",
    "valorAdquisicion": monto(2_500_000),
    "fechaAdquisicion": "2015-06-30",
    "valorConformeA": "ESCRITURA PÚBLICA",
    "domicilioMexico": {
        "entidadFederativa": {"clave": "17", "valor": "Morelos"},
        "municipioAlcaldia": {"clave": "007", "valor": "Cuernavaca"},
    },
}
VEHICULO = {
    "tipoOperacion": "AGREGAR",
    "tipoVehiculo": {"clave": "AUMOT", "valor": "AUTOMÓVIL/MOTOCICLETA"},
    "titular": [{"clave": "DEC", "valor": "DECLARANTE"}],
    "marca": "Marca Ejemplo",
    "modelo": "Modelo X",
    "anio": 2019,
    "formaAdquisicion": {"clave": "CPV", "valor": "COMPRAVENTA"},
    "formaPago": "CONTADO",
    "valorAdquisicion": monto(350_000),
    "fechaAdquisicion": "2019-01-15",
}
PAREJA = {
    "ninguno": False,
    "tipoOperacion": "AGREGAR",
    "nombre": "Tomás",
    "primerApellido": "Ibáñez",
    "segundoApellido": "Ortega",
    "fechaNacimiento": "1978-09-09",
    "rfc": "IAOT780909H11",
    "relacionConDeclarante": "CONYUGE",
    "curp": "IAOT780909HDFBRM02",
    "esDependienteEconomico": False,
    "habitaDomicilioDeclarante": True,
    "actividadLaboral": {"clave": "PRI", "valor": "PRIVADO"},
    "actividadLaboralSectorPrivadoOtro": {
        "nombreEmpresaSociedadAsociacion": "Constructora Quelvara, S.A. de C.V.",
        "rfc": "CQU010101AB1",
        "empleoCargoComision": "Director",
        "proveedorContratistaGobierno": True,
        "salarioMensualNeto": monto(90_000),
    },
}
DEPENDIENTE = {
    "tipoOperacion": "AGREGAR",
    "nombre": "Lucía",
    "primerApellido": "Ibáñez",
    "segundoApellido": "Quelvara",
    "fechaNacimiento": "2010-01-20",
    "parentescoRelacion": {"clave": "HIJ", "valor": "HIJO(A)"},
    "extranjero": False,
    "curp": "IAQL100120MDFBLC07",
    "habitaDomicilioDeclarante": True,
    "actividadLaboral": {"clave": "NIN", "valor": "NINGUNO"},
}
PARTICIPACION = {
    "tipoOperacion": "AGREGAR",
    "tipoRelacion": "PAREJA",
    "nombreEmpresaSociedadAsociacion": "Constructora Quelvara, S.A. de C.V.",
    "rfc": "CQU010101AB1",
    "porcentajeParticipacion": 40,
    "tipoParticipacion": {"clave": "SCIO", "valor": "SOCIO"},
    "recibeRemuneracion": True,
    "montoMensual": monto(20_000),
    "ubicacion": {"pais": "MX", "entidadFederativa": {"clave": "17", "valor": "Morelos"}},
    "sector": {"clave": "CONS", "valor": "CONSTRUCCIÓN"},
}
INTERES = {
    "participacion": {"ninguno": False, "participacion": [PARTICIPACION]},
    "apoyos": {
        "ninguno": False,
        "apoyo": [
            {
                "tipoOperacion": "AGREGAR",
                "beneficiarioPrograma": {"clave": "HIJ", "valor": "HIJO(A)"},
                "nombrePrograma": "Becas de ejemplo",
                "institucionOtorgante": "Instituto de Becas Ejemplo",
                "nivelOrdenGobierno": "FEDERAL",
                "tipoApoyo": {"clave": "SUB", "valor": "SUBSIDIO"},
                "formaRecepcion": "MONETARIO",
                "montoApoyoMensual": monto(1_500),
            }
        ],
    },
    "representacion": {
        "ninguno": False,
        "representacion": [
            {
                "tipoOperacion": "AGREGAR",
                "tipoRelacion": "DECLARANTE",
                "tipoRepresentacion": "REPRESENTANTE",
                "fechaInicioRepresentacion": "2018-01-01",
                "tipoPersona": "MORAL",
                "nombreRazonSocial": "Asociación Vecinal Ejemplo, A.C.",
                "rfc": "AVE050505XY1",
                "recibeRemuneracion": False,
                "sector": {"clave": "OTRO", "valor": "OTRO"},
            }
        ],
    },
    "clientesPrincipales": {
        "ninguno": False,
        "cliente": [
            {
                "tipoOperacion": "AGREGAR",
                "realizaActividadLucrativa": True,
                "tipoRelacion": "PAREJA",
                "empresa": {
                    "nombreEmpresaServicio": "Constructora Quelvara",
                    "rfc": "CQU010101AB1",
                },
                "clientePrincipal": {
                    "tipoPersona": "MORAL",
                    "nombreRazonSocial": "Secretaría de Ejemplos Públicos",
                    "rfc": "SEP850101AA1",
                },
                "sector": {"clave": "CONS", "valor": "CONSTRUCCIÓN"},
                "montoAproximadoGanancia": monto(60_000),
            }
        ],
    },
}


def _declaracion(did: str, tipo: str, filed: str, ingresos: dict, **job: Any) -> dict:
    return {
        "id": did,
        "metadata": {
            "actualizacion": filed,
            "institucion": "Secretaría de Ejemplos Públicos",
            "tipo": tipo,
        },
        "declaracion": {
            "situacionPatrimonial": {
                "datosGenerales": copy.deepcopy(DECLARANTE),
                "datosEmpleoCargoComision": {**EMPLEO, **job},
                "datosPareja": copy.deepcopy(PAREJA),
                "datosDependienteEconomico": {
                    "ninguno": False,
                    "dependienteEconomico": [copy.deepcopy(DEPENDIENTE)],
                },
                "ingresos": ingresos,
                "bienesInmuebles": {"ninguno": False, "bienInmueble": [copy.deepcopy(INMUEBLE)]},
                "vehiculos": {"ninguno": False, "vehiculo": [copy.deepcopy(VEHICULO)]},
            },
            "interes": copy.deepcopy(INTERES),
        },
    }


def inicial() -> dict:
    """Monthly amounts: 50,000 pesos a month from the job is 600,000 a year."""
    ingresos = {
        "remuneracionMensualCargoPublico": monto(50_000),
        "otrosIngresosMensualesTotal": monto(5_000),
        "actividadFinanciera": {
            "remuneracionTotal": monto(5_000),
            "actividades": [
                {
                    "remuneracion": monto(5_000),
                    "tipoInstrumento": {"clave": "CAP", "valor": "CAPITAL"},
                }
            ],
        },
        "ingresoMensualNetoDeclarante": monto(55_000),
        "ingresoMensualNetoParejaDependiente": monto(90_000),
        "totalIngresosMensualesNetos": monto(145_000),
    }
    return _declaracion("decl-inicial", "INICIAL", "2021-02-20T10:00:00Z", ingresos)


def modificacion() -> dict:
    """Amounts of the whole previous year (2021), as they are; one in dollars."""
    ingresos = {
        "remuneracionAnualCargoPublico": monto(720_000),
        "otrosIngresosAnualesTotal": monto(80_000),
        "serviciosProfesionales": {
            "remuneracionTotal": monto(80_000),
            "servicios": [{"remuneracion": monto(80_000), "tipoServicio": "Docencia"}],
        },
        "enajenacionBienes": {"remuneracionTotal": monto(10_000, "USD"), "bienes": []},
        "ingresoAnualNetoDeclarante": monto(800_000),
        "totalIngresosAnualesNetos": monto(800_000),
    }
    return _declaracion("decl-modificacion", "MODIFICACIÓN", "2022-05-10T09:00:00Z", ingresos)


def conclusion() -> dict:
    """1 January to 31 March 2023 is 90 days: 180,000 pesos then is 730,000 a year."""
    ingresos = {
        "remuneracionConclusionCargoPublico": monto(180_000),
        "ingresoConclusionNetoDeclarante": monto(180_000),
        "totalIngresosConclusionNetos": monto(180_000),
    }
    return _declaracion(
        "decl-conclusion",
        "CONCLUSIÓN",
        "2023-04-15T12:00:00Z",
        ingresos,
        fechaTomaPosesion="2023-03-31",
    )


def declarations() -> list[dict]:
    return [inicial(), modificacion(), conclusion()]
