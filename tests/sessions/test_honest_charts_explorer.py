"""Session 02's pieces: the colour-vision simulation (kit.plotting_cvd), the misleading-vs-honest
figure helpers and the honest chart explorer (lie factor, palettes, visions, pie), drawn
headless, following its controls, in both languages."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.image import imread

from kit.i18n import set_language
from kit.plotting_cvd import (
    MACHADO_2009,
    VISIONS,
    delta_e,
    simulate,
    simulate_colors,
    simulated_png,
    smallest_difference,
    vision_label,
)
from kit.widgets._render import WIDGET_VIEW
from kit.widgets.honest_charts import (
    CHARTS,
    PALETTES,
    HonestChartExplorer,
    honest_chart_explorer,
    lie_factor,
    palette,
    side_by_side,
    source_note,
)

#: Victims a year per 100,000 residents, a few alcaldías (rounded from the session's sample).
RATES = pd.Series(
    {"Cuauhtémoc": 132.8, "Iztapalapa": 48.5, "Benito Juárez": 104.3, "Milpa Alta": 32.0}
)


# --- kit.plotting_cvd -----------------------------------------------------------------------


def test_red_seen_with_deuteranopia_matches_the_arithmetic_of_machado_2009():
    # linear red (1, 0, 0) times the deuteranopia matrix is its first column,
    # (0.367322, 0.280085, -0.011820); clipped and sRGB-encoded: (163, 144, 0) = #a39000
    assert simulate_colors(["#ff0000"], "deuteranopia") == ["#a39000"]
    assert np.allclose(MACHADO_2009["deuteranopia"][:, 0], [0.367322, 0.280085, -0.011820])


def test_white_and_black_survive_every_vision():
    for vision in VISIONS:
        assert simulate_colors(["#ffffff", "#000000"], vision) == ["#ffffff", "#000000"]


def test_red_and_green_come_much_closer_for_a_deuteranope():
    assert delta_e("#ff0000", "#00ff00") > 150
    red, green = simulate_colors(["#ff0000", "#00ff00"], "deuteranopia")
    assert delta_e(red, green) < 30


def test_grayscale_keeps_luminance_only():
    gray = simulate(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]), "grayscale")
    assert np.allclose(gray[:, 0], gray[:, 1]) and np.allclose(gray[:, 1], gray[:, 2])
    assert gray[1, 0] > gray[0, 0] > gray[2, 0]  # green is the brightest primary, blue the darkest


def test_images_keep_their_dtype_shape_and_alpha():
    image = np.zeros((2, 3, 4), dtype=np.uint8)
    image[..., 0], image[..., 3] = 255, 77
    seen = simulate(image, "protanopia")
    assert seen.dtype == np.uint8 and seen.shape == image.shape
    assert (seen[..., 3] == 77).all()
    assert not np.array_equal(seen[..., :3], image[..., :3])
    assert np.array_equal(simulate(image, "normal"), image)


def test_delta_e_of_white_and_black_is_the_lightness_scale():
    assert delta_e("#ffffff", "#000000") == pytest.approx(100.0, abs=0.01)
    assert delta_e("#0173b2", "#0173b2") == 0.0


def test_smallest_difference_tells_palettes_apart_under_deuteranopia():
    kit5, rainbow5 = palette("kit", 5), palette("rainbow", 5)
    assert smallest_difference(rainbow5) > smallest_difference(kit5)  # vivid for typical vision
    assert (
        smallest_difference(kit5, "deuteranopia")
        > 10
        > smallest_difference(rainbow5, "deuteranopia")
    )
    assert smallest_difference(["#123456"]) == float("inf")


def test_a_red_figure_is_rendered_as_a_deuteranope_sees_it():
    figure = Figure(figsize=(1, 1), facecolor="#ff0000")
    pixel = imread(io.BytesIO(simulated_png(figure, "deuteranopia")), format="png")[5, 5, :3]
    assert np.allclose(pixel * 255, [163, 144, 0], atol=1)
    normal = imread(io.BytesIO(simulated_png(figure, "normal")), format="png")[5, 5, :3]
    assert np.allclose(normal, [1, 0, 0])


def test_an_unknown_vision_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="deuteranopia"):
        simulate_colors(["#ffffff"], "daltonismo")
    assert vision_label("tritanopia").startswith("Tritanopía")


# --- lie factor, palettes, figure helpers ---------------------------------------------------


def test_lie_factor_is_one_from_zero_and_grows_as_the_baseline_rises():
    values = [5037, 5707, 5925]
    assert lie_factor(values, 0) == 1.0
    assert lie_factor(values, 4900) == pytest.approx(5037 / 137)
    assert lie_factor(values, 2500) < lie_factor(values, 4000)
    with pytest.raises(ValueError, match="menor que el valor más pequeño"):
        lie_factor(values, 5037)
    with pytest.raises(ValueError, match="al menos dos"):
        lie_factor([10], 0)


def test_palettes_have_the_size_asked_and_the_one_colour_palette_repeats():
    for name in PALETTES:
        assert len(palette(name, 7)) == 7
    assert set(palette("one", 4)) == {"#0173b2"}
    assert len(set(palette("rainbow", 7))) == 7
    assert palette("kit", 3) == ["#0173b2", "#de8f05", "#029e73"]  # seaborn's colour-blind
    with pytest.raises(ValueError, match="Paleta desconocida"):
        palette("jet", 3)


def test_side_by_side_writes_the_verdicts_and_source_note_the_source():
    import matplotlib.pyplot as plt

    fig, bad, good = side_by_side()
    try:
        assert [t.get_text() for t in bad.texts] == ["✗ ENGAÑA"]
        assert [t.get_text() for t in good.texts] == ["✓ HONESTA"]
        source_note(fig, "FGJ")
        assert "Fuente: FGJ" in [t.get_text() for t in fig.texts]
    finally:
        plt.close(fig)
    set_language("en")
    fig, bad, good = side_by_side()
    try:
        assert bad.texts[0].get_text() == "✗ MISLEADS" and good.texts[0].get_text() == "✓ HONEST"
    finally:
        plt.close(fig)


# --- the explorer ---------------------------------------------------------------------------


def test_the_explorer_starts_honest_sorted_and_drawn():
    explorer = honest_chart_explorer(RATES, title="Tasas", source="FGJ", whole=False)
    assert isinstance(explorer, HonestChartExplorer)
    assert explorer.lie == 1.0
    assert explorer.table["categoria"].tolist() == [
        "Cuauhtémoc", "Benito Juárez", "Iztapalapa", "Milpa Alta",
    ]  # fmt: skip
    assert "proporcion" not in explorer.table  # rates are not parts of a whole
    assert explorer.baseline.max < RATES.min()
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert explorer.difference == float("inf")  # one colour: nothing to tell apart


def test_raising_the_baseline_raises_the_lie_factor_and_shortens_the_bars():
    explorer = honest_chart_explorer(RATES)
    before = explorer.image.value
    explorer.baseline.value = 30.0
    assert explorer.lie == pytest.approx(32.0 / 2.0)
    assert explorer.table["altura_dibujada"].tolist() == pytest.approx([102.8, 74.3, 18.5, 2.0])
    assert "16.0" in explorer.html.value and "el eje y empieza" not in explorer.html.value
    assert explorer.image.value != before


def test_counts_get_shares_that_add_up_to_one():
    counts = pd.Series({"Metro": 762, "Microbús": 336, "Taxi": 138})
    explorer = honest_chart_explorer(counts, whole=True)
    assert explorer.table["proporcion"].sum() == pytest.approx(1.0)
    assert explorer.table["proporcion"].iloc[0] == pytest.approx(762 / 1236)


def test_chart_types_order_and_the_pie_has_no_lie_factor():
    explorer = honest_chart_explorer(RATES, whole=False)
    explorer.chart.value = "given"
    assert explorer.table["categoria"].tolist() == list(RATES.index)
    explorer.baseline.value = 20.0
    explorer.chart.value = "pie"
    assert np.isnan(explorer.lie) and explorer.baseline.disabled
    assert explorer.table["altura_dibujada"].tolist() == explorer.table["valor"].tolist()
    assert "no aplica" in explorer.html.value
    assert set(CHARTS) == {"sorted", "given", "pie"}


def test_palette_and_vision_change_the_colours_drawn_and_their_difference():
    explorer = honest_chart_explorer(RATES, whole=False)
    explorer.palette.value = "rainbow"
    typical = explorer.difference
    assert explorer.colors == palette("rainbow", 4)
    explorer.vision.value = "deuteranopia"
    assert explorer.colors == simulate_colors(palette("rainbow", 4), "deuteranopia")
    assert explorer.difference < typical
    assert "Deuteranopía" in explorer.html.value
    explorer.vision.value = "grayscale"
    assert all(c[1:3] == c[3:5] == c[5:7] for c in explorer.colors)


def test_the_widget_view_and_the_static_snapshot():
    explorer = honest_chart_explorer(RATES)
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert bundle["text/html"].startswith('<div class="kit-explorer"><img src="data:image/png')
    assert "Factor de mentira" in bundle["text/html"]


def test_the_explorer_speaks_english_and_refuses_too_few_values():
    set_language("en")
    explorer = honest_chart_explorer(RATES, labels=False)
    assert ("Rainbow", "rainbow") in explorer.palette.options
    assert "Lie factor" in explorer.html.value
    with pytest.raises(ValueError, match="At least two"):
        honest_chart_explorer(pd.Series({"solo": 3.0}))


def test_more_categories_than_colours_means_two_share_one():
    many = pd.Series({f"alcaldía {i}": 10.0 + i for i in range(16)})
    explorer = honest_chart_explorer(many, palette_name="kit")
    assert len(set(explorer.colors)) == 10  # seaborn's colour-blind palette has ten
    assert explorer.difference == 0.0
