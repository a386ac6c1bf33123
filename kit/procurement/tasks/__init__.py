"""Graded tasks of the ``contrataciones`` track: one module (one TaskSet) per notebook.

Each notebook binds its own task set to the data it loaded: ``check = conoce.TASKS.bind(datos)``.
Expected answers are computed from that data, so checks work with real OCDS files too.
"""
