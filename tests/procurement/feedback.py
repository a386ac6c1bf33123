"""What a participant can read in a check's feedback, for tests that look for leaked answers."""

import pandas as pd


def shown(feedback) -> str:
    """Everything a participant could read: plain text and HTML."""
    return str(feedback) + feedback._repr_html_()


def number_forms(values) -> set[str]:
    """How the expected numbers could be written in feedback (the comparators' own formats too)."""
    forms = set()
    for value in pd.Series(values).dropna().astype(float):
        forms |= {f"{value:.3f}", f"{value:.4f}", f"{value:,.4g}", f"{value * 100:.1f}"}
    return {form for form in forms if len(form.strip("0.-")) >= 3}
