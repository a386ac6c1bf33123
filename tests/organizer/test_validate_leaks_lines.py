"""Which solution lines count as evidence of a leak."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_notebook

from kit.organizer.validate.leaks import secret_lines


def test_bare_chained_calls_are_not_evidence_but_the_rest_of_the_chain_is():
    cell = new_code_cell(
        "tabla = ...\n### BEGIN SOLUTION\ntabla = (\n"
        '    datos.awards.merge(proveedores, on="ocid")\n'
        "    .drop_duplicates()\n    .reset_index(drop=True)\n)\n### END SOLUTION"
    )
    lines = {line for _, line in secret_lines(new_notebook(cells=[cell]))}
    assert 'datos.awards.merge(proveedores, on="ocid")' in lines
    assert ".reset_index(drop=True)" in lines
    assert ".drop_duplicates()" not in lines
