"""Submissions: ``kit submit`` packs a team's work copy; graders read the zip safely.

Participants: :func:`kit.submission.pack.pack` (the ``kit submit`` command). Graders:
:func:`read_submission` and :func:`extract`, which refuse any zip they cannot trust. Importing
this package loads neither nbclient nor nbgrader.
"""

from __future__ import annotations

from kit.submission.errors import BrokenRule, SubmissionError, SubmissionRefused
from kit.submission.manifest import FORMAT, MANIFEST_NAME, Manifest, slugify
from kit.submission.read import Submission, extract, read_submission

__all__ = [
    "FORMAT",
    "MANIFEST_NAME",
    "BrokenRule",
    "Manifest",
    "Submission",
    "SubmissionError",
    "SubmissionRefused",
    "extract",
    "read_submission",
    "slugify",
]
