"""Interactive explorers for notebooks and mentor sessions (ipywidgets).

    from kit.widgets import match_threshold_explorer, threshold_explorer
    threshold_explorer(datos)                       # R003, short submission periods
    match_threshold_explorer(pairs, truth)          # record linkage: precision and recall
    care_value_explorer(datos)                      # cuidados: yearly value of unpaid care
    metro_line_explorer(datos)                      # movilidad: victims per million trips
    quality_explorer({"tabla": df})                 # any table: missing values, top values
    honest_chart_explorer(tasas)                    # a chart: baseline, palette, colour vision
    buyer_flags_explorer(datos)                     # red flags by buyer, processes to open
    weights_explorer(datos.enut)                    # survey weights on or off
    budget_explorer(datos.presupuesto)              # approved, modified, spent by programme

Moving a control recomputes the indicator and redraws a plot and a small table. The computation
lives in plain functions (:func:`evaluated_periods`, :func:`flagged_by_buyer`) that tests and
notebooks can call without widgets. Explorers also run headless (papermill, nbconvert): building
and displaying one never needs a browser, and the initial state is drawn once when it is built.
The plot is an ``Image`` widget (PNG) and the table an ``HTML`` widget rather than an ``Output``
widget that captures displays: the values live in the widget state, so they are kept in saved
notebooks, and headless runners never have to mimic a front end's output capture.
"""

from kit.widgets.budget import BudgetExplorer, budget_explorer, program_years
from kit.widgets.care import (
    CareValueExplorer,
    alcaldia_value,
    care_hours,
    care_value_by_alcaldia,
    care_value_explorer,
    people_12_plus,
)
from kit.widgets.honest_charts import HonestChartExplorer, honest_chart_explorer, lie_factor
from kit.widgets.institutions import InstitutionRiskExplorer, institution_risk_explorer
from kit.widgets.matching import (
    MatchThresholdExplorer,
    accepted_pairs,
    match_errors,
    match_threshold_explorer,
    precision_recall,
    precision_recall_curve,
)
from kit.widgets.movilidad import (
    MetroLineExplorer,
    line_rate,
    line_station_rates,
    metro_line_explorer,
    metro_lines,
    victims_in_window,
)
from kit.widgets.quality import QualityExplorer, quality_explorer
from kit.widgets.r003 import (
    ThresholdExplorer,
    buyers_table,
    evaluated_periods,
    flagged_by_buyer,
    threshold_explorer,
)
from kit.widgets.red_flags import BuyerFlagsExplorer, buyer_flags_explorer, flagged_processes
from kit.widgets.weights import WeightsExplorer, weights_explorer, weights_table

__all__ = [
    "BudgetExplorer",
    "BuyerFlagsExplorer",
    "CareValueExplorer",
    "HonestChartExplorer",
    "InstitutionRiskExplorer",
    "MatchThresholdExplorer",
    "MetroLineExplorer",
    "QualityExplorer",
    "ThresholdExplorer",
    "WeightsExplorer",
    "accepted_pairs",
    "alcaldia_value",
    "budget_explorer",
    "buyer_flags_explorer",
    "buyers_table",
    "care_hours",
    "care_value_by_alcaldia",
    "care_value_explorer",
    "evaluated_periods",
    "flagged_by_buyer",
    "flagged_processes",
    "honest_chart_explorer",
    "institution_risk_explorer",
    "lie_factor",
    "line_rate",
    "line_station_rates",
    "match_errors",
    "match_threshold_explorer",
    "metro_line_explorer",
    "metro_lines",
    "people_12_plus",
    "precision_recall",
    "precision_recall_curve",
    "program_years",
    "quality_explorer",
    "threshold_explorer",
    "victims_in_window",
    "weights_explorer",
    "weights_table",
]
