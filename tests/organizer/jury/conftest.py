"""Jury sheets written the way organizers write them: CSV (or Excel) files in a folder."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import matplotlib
import pytest

from kit.i18n import set_language
from tests.organizer.jury.sheets import HEADER, RUBRIC

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def spanish_afterwards():
    yield
    set_language("es")


@pytest.fixture
def write_csv(tmp_path) -> Callable[..., Path]:
    """Write rows (with a header) to a CSV in tmp_path and return its path."""

    def write(rows: Iterable[Iterable[object]], name="puntajes.csv", header=HEADER, sep=","):
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=sep)
            if header:
                writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def write_rubric(tmp_path) -> Callable[..., Path]:
    """A two-criteria rubric file with the given weights."""

    def write(impact: float = 3, technique: float = 1, name: str = "rubrica.toml") -> Path:
        path = tmp_path / name
        text = RUBRIC.replace("{impact}", str(impact)).replace("{technique}", str(technique))
        path.write_text(text, encoding="utf-8")
        return path

    return write
