"""The kit's reference matcher (RFC, then names) on the bundled sample: against its planted truth.

Names alone take homonyms in (notebook 3 shows it); with the RFC as evidence the matcher must
find the planted links and refuse the traps, with precision and recall of at least 0.95.
"""

from __future__ import annotations

import pytest

from kit.sanctions.load import load
from kit.sanctions.tasks import enlace


@pytest.fixture(scope="module")
def scored():
    data = load("sample")
    truth = enlace.planted_links(data)
    found = enlace.candidates(data, use_rfc=True)
    true_links = truth[truth["true_link"]]
    precision = enlace._found(found, true_links).mean()
    recall = enlace._found(true_links, found).mean()
    traps = truth[~truth["true_link"]]
    return precision, recall, enlace._found(traps, found), len(true_links)


def test_precision_and_recall_of_the_reference_matcher_on_the_sample(scored):
    precision, recall, _, planted = scored
    assert planted >= 30
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_no_planted_trap_is_linked(scored):
    _, _, traps_found, _ = scored
    assert traps_found.size >= 5 and not traps_found.any()
