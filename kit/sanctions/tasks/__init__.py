"""Graded tasks of the ``sanciones`` track: one module (one TaskSet) per notebook.

Each notebook binds its own task set to the data it loaded: ``check = listas.TASKS.bind(datos)``.
Expected answers are computed from that data (:func:`kit.sanctions.load.load`), so the checks
work with the real lists too; only the evaluation against the planted truth of notebook 3 needs
the bundled sample.
"""
