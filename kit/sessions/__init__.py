"""Mentor sessions: live notebooks in ``mentorship_sessions/``, committed with their outputs.

A session is found and described by :mod:`kit.sessions.catalog`, executed (outputs and widget
state stored) by :mod:`kit.sessions.run`, and held to the conventions of docs/architecture.md
by :mod:`kit.sessions.conventions`; ``kit slides`` turns it into a deck.
"""

from kit.sessions.catalog import Session, find_session, read_session, session_metadata, sessions
from kit.sessions.conventions import check_session
from kit.sessions.run import SessionRun, run_session

__all__ = [
    "Session",
    "SessionRun",
    "check_session",
    "find_session",
    "read_session",
    "run_session",
    "session_metadata",
    "sessions",
]
