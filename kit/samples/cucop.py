"""A small, fictitious CUCOP-like catalogue of what the sample government buys.

Mexico's CUCOP (Clasificador Único de las Contrataciones Públicas) gives 8-digit codes whose
first digits follow the budget's object-of-expense classification. The codes and descriptions
here imitate that shape but are invented; what matters for teaching is the *family*, the first
three digits, which the heterogeneous-supplier indicator (R048) counts.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FAMILIES", "SECTORS", "Family", "Item"]

# One block per family: "prefix category sector | label", then lines "t title" and
# "i sub|description|unit|price".
_CATALOG = """
211 goods oficina | Materiales y útiles de oficina
t Adquisición de papelería y útiles de oficina
t Suministro de materiales de oficina
i 01|Papel bond tamaño carta|Caja|620
i 01|Carpetas de archivo con broche|Paquete|145
i 02|Tóner para impresora láser|Pieza|1850
i 02|Engrapadora de escritorio|Pieza|210
214 goods oficina | Materiales para tecnologías de la información
t Adquisición de consumibles informáticos
t Suministro de accesorios de cómputo
i 01|Memoria USB 64 GB|Pieza|180
i 01|Disco duro externo 2 TB|Pieza|1650
i 02|Cable de red categoría 6|Rollo|2400
216 goods limpieza | Material de limpieza
t Adquisición de material de limpieza
t Suministro de artículos de limpieza e higiene
i 01|Detergente en polvo|Kilogramo|38
i 01|Cloro líquido|Litro|22
i 02|Bolsa para basura jumbo|Paquete|95
i 02|Papel higiénico institucional|Caja|540
221 goods alimentos | Productos alimenticios para personas
t Suministro de víveres
t Adquisición de despensas
t Servicio de alimentos preparados
i 01|Despensa básica familiar|Paquete|480
i 01|Desayuno escolar frío|Ración|14
i 02|Comida preparada para personal|Ración|95
246 goods electrico | Material eléctrico y electrónico
t Adquisición de material eléctrico
t Suministro de luminarias y cableado
i 01|Cable THW calibre 12|Rollo|1450
i 01|Luminaria LED 100 W|Pieza|2300
i 02|Interruptor termomagnético|Pieza|560
249 goods construccion | Materiales de construcción y tubería
t Adquisición de materiales de construcción
t Suministro de tubería y conexiones
i 01|Cemento gris|Tonelada|3600
i 01|Tubo de PVC hidráulico 4 pulgadas|Tramo|690
i 02|Válvula de compuerta 6 pulgadas|Pieza|8900
i 02|Varilla corrugada 3/8|Tonelada|19500
253 goods salud | Medicinas y productos farmacéuticos
t Adquisición de medicamentos
t Suministro de medicamentos de cuadro básico
t Compra de medicamentos para unidades médicas
i 01|Paracetamol tabletas 500 mg|Caja|18
i 01|Amoxicilina cápsulas 500 mg|Caja|46
i 02|Insulina humana frasco ámpula|Frasco|210
i 02|Solución salina 0.9 % 1000 ml|Bolsa|32
254 goods salud | Materiales y suministros médicos
t Adquisición de material de curación
t Suministro de insumos médicos
i 01|Jeringa desechable 5 ml|Caja|160
i 01|Guantes de látex para exploración|Caja|120
i 02|Gasa estéril|Paquete|85
i 02|Catéter intravenoso|Pieza|28
261 goods transporte | Combustibles y lubricantes
t Suministro de combustible
t Adquisición de vales de combustible
i 01|Gasolina regular|Litro|23
i 01|Diésel|Litro|25
i 02|Aceite lubricante para motor|Litro|160
271 goods seguridad | Vestuario y uniformes
t Adquisición de uniformes
t Suministro de vestuario institucional
i 01|Uniforme de trabajo completo|Juego|980
i 01|Calzado de seguridad|Par|870
i 02|Playera deportiva|Pieza|160
283 goods seguridad | Prendas de protección para seguridad pública
t Adquisición de equipo de protección para seguridad pública
t Suministro de prendas de protección
i 01|Chaleco balístico nivel III-A|Pieza|14500
i 01|Casco táctico|Pieza|7800
i 02|Escudo antimotín|Pieza|3900
291 goods electrico | Herramientas menores
t Adquisición de herramientas
t Suministro de herramienta menor
i 01|Juego de desarmadores|Juego|420
i 01|Taladro percutor|Pieza|2600
i 02|Carretilla de obra|Pieza|1450
515 goods oficina | Equipo de cómputo
t Adquisición de equipo de cómputo
t Renovación de equipo informático
i 01|Computadora de escritorio|Pieza|17500
i 01|Computadora portátil|Pieza|21000
i 02|Impresora multifuncional|Pieza|9800
531 goods salud | Equipo médico y de laboratorio
t Adquisición de equipo médico
t Equipamiento de unidades médicas
i 01|Monitor de signos vitales|Pieza|68000
i 01|Electrocardiógrafo|Pieza|54000
i 02|Centrífuga de laboratorio|Pieza|39000
541 goods transporte | Vehículos y equipo terrestre
t Adquisición de vehículos
t Renovación del parque vehicular
i 01|Camioneta pick-up doble cabina|Pieza|560000
i 01|Automóvil sedán|Pieza|340000
i 02|Motocicleta 250 cc|Pieza|72000
323 services construccion | Arrendamiento de maquinaria y equipo
t Arrendamiento de maquinaria pesada
t Renta de equipo de construcción
i 01|Renta de retroexcavadora|Día|6800
i 01|Renta de camión volteo|Día|4200
i 02|Renta de planta de luz|Día|2900
331 services profesionales | Servicios profesionales y de consultoría
t Contratación de servicios de consultoría
t Servicios profesionales de asesoría
i 01|Consultoría en procesos administrativos|Servicio|350000
i 01|Estudio técnico especializado|Servicio|280000
i 02|Auditoría externa|Servicio|420000
336 services oficina | Servicios de impresión y difusión
t Servicio de impresión de materiales
t Impresión de formatos oficiales
i 01|Impresión de formatos oficiales|Millar|1900
i 01|Impresión de carteles|Pieza|35
i 02|Lonas impresas|Metro cuadrado|120
338 services seguridad | Servicios de vigilancia
t Servicio de seguridad y vigilancia
t Contratación de vigilancia intramuros
i 01|Elemento de vigilancia turno de 24 horas|Servicio mensual|28000
i 02|Monitoreo de alarmas|Servicio mensual|9500
345 services profesionales | Seguros de bienes patrimoniales
t Contratación de seguros patrimoniales
t Póliza de seguro vehicular
i 01|Póliza de seguro de bienes inmuebles|Servicio|900000
i 01|Póliza de seguro vehicular|Servicio|450000
351 services construccion | Conservación y mantenimiento de inmuebles
t Mantenimiento de inmuebles
t Conservación de edificios públicos
i 01|Mantenimiento preventivo de instalaciones|Servicio|185000
i 01|Impermeabilización de azoteas|Metro cuadrado|240
i 02|Pintura de fachadas|Metro cuadrado|110
355 services transporte | Mantenimiento de vehículos
t Mantenimiento del parque vehicular
t Servicio de reparación de vehículos
i 01|Servicio de afinación mayor|Servicio|6500
i 01|Reparación de transmisión|Servicio|24000
i 02|Cambio de llantas|Servicio|9800
358 services limpieza | Servicios de limpieza y manejo de desechos
t Servicio de limpieza integral
t Recolección de residuos peligrosos
i 01|Limpieza integral de inmuebles|Servicio mensual|145000
i 02|Recolección de residuos biológico-infecciosos|Servicio mensual|38000
382 services alimentos | Eventos y servicios culturales
t Organización de eventos
t Servicios para eventos culturales y deportivos
i 01|Renta de audio e iluminación|Evento|42000
i 01|Montaje de escenario|Evento|68000
i 02|Servicio de banquetes|Evento|55000
613 works construccion | Obras de agua potable y alcantarillado
t Construcción de red de agua potable
t Rehabilitación de drenaje sanitario
i 01|Construcción de red de agua potable|Obra|2400000
i 01|Rehabilitación de colector sanitario|Obra|3100000
615 works construccion | Construcción de vías de comunicación
t Pavimentación de vialidades
t Rehabilitación de carreteras estatales
i 01|Pavimentación con concreto hidráulico|Obra|4200000
i 01|Rehabilitación de carpeta asfáltica|Obra|3600000
622 works construccion | Edificación no habitacional
t Construcción de aulas
t Ampliación de unidad médica
t Edificación de espacios públicos
i 01|Construcción de aulas didácticas|Obra|2900000
i 01|Ampliación de edificio público|Obra|3800000
"""


@dataclass(frozen=True)
class Item:
    """One catalogue entry: code, description, unit of measure and typical unit price (MXN)."""

    code: str
    description: str
    unit: str
    price: float


@dataclass(frozen=True)
class Family:
    """Items sharing a 3-digit prefix, with their category and the sector of their suppliers."""

    prefix: str
    label: str
    category: str  # OCDS mainProcurementCategory: goods, services or works
    sector: str
    titles: tuple[str, ...]
    items: tuple[Item, ...]


def _parse(text: str) -> dict[str, Family]:
    """Read the compact catalogue above into families keyed by prefix."""
    families: dict[str, Family] = {}
    head: list[str] = []
    titles: list[str] = []
    items: list[Item] = []
    for line in [*text.strip().splitlines(), "end"]:
        kind, _, rest = line.partition(" ")
        if kind == "t":
            titles.append(rest)
        elif kind == "i":
            sub, description, unit, price = rest.split("|")
            code = f"{head[0]}{sub}{len(items) + 1:03d}"
            items.append(Item(code, description, unit, float(price)))
        else:
            if head:
                prefix, category, sector = head[:3]
                family = Family(prefix, head[3], category, sector, tuple(titles), tuple(items))
                families[prefix] = family
            code_part, _, label = line.partition(" | ")
            head, titles, items = [*code_part.split(), label], [], []
    return families


FAMILIES: dict[str, Family] = _parse(_CATALOG)

SECTORS: dict[str, tuple[str, ...]] = {}
for _family in FAMILIES.values():
    SECTORS[_family.sector] = (*SECTORS.get(_family.sector, ()), _family.prefix)
