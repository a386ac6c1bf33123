"""Graded tasks of the ``movilidad`` track: one module (one TaskSet) per notebook.

Each notebook binds its own task set to the data it loaded: ``check = datos_y_limites.TASKS.bind(
datos)``. Expected answers are computed from that data (:func:`kit.cdmx.load.load`), so the checks
work with real downloads of the FGJ victims and the ridership files too.
"""
