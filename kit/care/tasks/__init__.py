"""Graded tasks of the ``cuidados`` track: one module (one TaskSet) per notebook.

Each notebook binds its own task set to the data it loaded: ``check = horas.TASKS.bind(datos)``.
Expected answers are computed from that data (:func:`kit.care.load.load`), so the checks work
with real downloads too.
"""
