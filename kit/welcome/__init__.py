"""The welcome notebook's helpers: the kit's tracks and the datathon's rules.

Its practice tasks are :mod:`kit.tutorial`'s (a toy table of fictitious contracts).
"""

from kit.welcome.overview import WELCOME_TRACK, Rules, tracks_table

__all__ = ["WELCOME_TRACK", "Rules", "tracks_table"]
