"""What a reader with a colour-vision deficiency sees: a chart's colours, simulated.

About one man in twelve and one woman in two hundred (in populations of European descent; it
varies by population) see red and green poorly. A chart that tells its groups apart by colour
alone loses them. This module shows the room what such a reader sees.

**The model.** Machado, Oliveira & Fernandes (2009), *A Physiologically-based Model for
Simulation of Color Vision Deficiency*, IEEE TVCG 15(6): 1291-1298. For each dichromacy
(severity 1.0: the cone type is missing, the most severe case) the paper gives one 3×3 matrix,
applied to **linear** RGB: sRGB values are linearised (IEC 61966-2-1), multiplied, clipped to
[0, 1] and encoded back. ``grayscale`` is not Machado's: it keeps the relative luminance
(Rec. 709 weights), roughly what a black-and-white printout or a washed-out projector keeps.

**How different two colours look** is measured as CIE76 ΔE in CIELAB (D65): about 2 is barely
visible side by side; under about 10, small marks (lines, points, a legend's patches) are hard to
tell apart.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np

from kit.i18n import messages

__all__ = [
    "MACHADO_2009",
    "VISIONS",
    "delta_e",
    "simulate",
    "simulate_colors",
    "simulated_png",
    "smallest_difference",
    "vision_label",
]

#: Visions that can be simulated, in the order a menu shows them.
VISIONS = ("normal", "deuteranopia", "protanopia", "tritanopia", "grayscale")

#: Machado et al. (2009), severity 1.0, for linear RGB (rows give the simulated R, G, B).
MACHADO_2009 = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}
#: Relative luminance of linear RGB (Rec. 709 / sRGB primaries), as a matrix for every channel.
_GRAY = np.tile([0.2126, 0.7152, 0.0722], (3, 1))
#: Linear sRGB to CIE XYZ (D65), and the D65 white point.
_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_WHITE = np.array([0.95047, 1.0, 1.08883])

MSG = messages(
    "plotting.cvd",
    {
        "normal": ("Visión típica", "Typical vision"),
        "deuteranopia": ("Deuteranopía (sin conos verdes)", "Deuteranopia (no green cones)"),
        "protanopia": ("Protanopía (sin conos rojos)", "Protanopia (no red cones)"),
        "tritanopia": ("Tritanopía (sin conos azules)", "Tritanopia (no blue cones)"),
        "grayscale": ("Escala de grises (impresión)", "Grayscale (printout)"),
        "unknown": (
            "Visión desconocida {vision!r}; usa una de: {known}.",
            "Unknown vision {vision!r}; use one of: {known}.",
        ),
    },
)


def vision_label(vision: str) -> str:
    """The vision's name for people, in the notebook's language."""
    return str(MSG[_checked(vision)])


def _checked(vision: str) -> str:
    if vision not in VISIONS:
        raise ValueError(MSG["unknown"].format(vision=vision, known=", ".join(VISIONS)))
    return vision


def _to_linear(srgb: np.ndarray) -> np.ndarray:
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _to_srgb(linear: np.ndarray) -> np.ndarray:
    linear = np.clip(linear, 0.0, 1.0)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def simulate(rgb: np.ndarray, vision: str) -> np.ndarray:
    """The colours of ``rgb`` as seen with ``vision``.

    Args:
        rgb: an array whose last axis is RGB or RGBA: floats in [0, 1] or ``uint8`` (an image
            from ``plt.imread`` or a canvas buffer). Alpha is kept as it is.
        vision: one of :data:`VISIONS` (``"normal"`` returns a copy).

    Returns:
        An array of the same shape and dtype.
    """
    vision = _checked(vision)
    values = np.asarray(rgb)
    whole = values.dtype == np.uint8
    floats = values.astype(float) / 255.0 if whole else values.astype(float)
    out = floats.copy()
    if vision != "normal":
        matrix = _GRAY if vision == "grayscale" else MACHADO_2009[vision]
        out[..., :3] = _to_srgb(_to_linear(floats[..., :3]) @ matrix.T)
    if whole:
        return np.rint(out * 255.0).astype(np.uint8)
    return out


def _rgb(colors: Sequence[Any]) -> np.ndarray:
    from matplotlib.colors import to_rgb

    return np.array([to_rgb(color) for color in colors], dtype=float).reshape(-1, 3)


def simulate_colors(colors: Sequence[Any], vision: str) -> list[str]:
    """Colours (any matplotlib form: names, hex, RGB tuples) as seen with ``vision``, as hex."""
    from matplotlib.colors import to_hex

    return [to_hex(color) for color in simulate(_rgb(colors), vision)]


def _lab(rgb: np.ndarray) -> np.ndarray:
    xyz = _to_linear(rgb) @ _XYZ.T / _WHITE
    delta = 6 / 29
    f = np.where(xyz > delta**3, np.cbrt(xyz), xyz / (3 * delta**2) + 4 / 29)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
        axis=-1,
    )


def delta_e(first: Any, second: Any) -> float:
    """CIE76 ΔE between two colours: the distance between them in CIELAB (D65)."""
    lab = _lab(_rgb([first, second]))
    return float(np.linalg.norm(lab[0] - lab[1]))


def smallest_difference(colors: Sequence[Any], vision: str = "normal") -> float:
    """The smallest ΔE between any two of ``colors`` as seen with ``vision`` (``inf`` for <2).

    Under about 10, two series of lines or points are hard to tell apart by colour alone.
    """
    seen = simulate(_rgb(colors), vision)
    lab = _lab(seen)
    pairs = combinations(range(len(lab)), 2)
    return min((float(np.linalg.norm(lab[i] - lab[j])) for i, j in pairs), default=float("inf"))


def simulated_png(figure: Any, vision: str, dpi: int = 90) -> bytes:
    """The figure rendered as PNG bytes, as a reader with ``vision`` sees it."""
    from matplotlib.image import imread, imsave

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    if _checked(vision) == "normal":
        return buffer.getvalue()
    buffer.seek(0)
    out = io.BytesIO()
    imsave(out, simulate(imread(buffer, format="png"), vision), format="png")
    return out.getvalue()
