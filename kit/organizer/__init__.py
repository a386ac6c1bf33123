"""Organizer tools: release participant notebooks, validate the kit before launch.

These modules import nbgrader and papermill, so they are never imported by ``import kit``.
"""
