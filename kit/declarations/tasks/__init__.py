"""Graded tasks of the ``declaraciones`` track: one module (one TaskSet) per notebook.

Each notebook binds its own task set to the data it loaded: ``check = sistemas.TASKS.bind(datos)``.
Expected answers are computed from that data (:func:`kit.declarations.load.load`), so the checks
work with real PDN downloads too.
"""
