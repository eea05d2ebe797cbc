"""The reference data the migrations load survives a test that empties the database.

Under pytest-xdist any test may follow a transactional one on the same process; tests/conftest.py
puts the reference data back when such a test's flush ends. This flushes by hand, as the end of a
transactional test does, and finds it all back under the same ids.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from charter.models import Indicator
from involvement.models import ActivityKind
from peers.models import PathwayLevel
from recruitment.models import PipelineTemplate
from tests.conftest import REFERENCE_DATA

REFERENCE_MODELS = [Group, Indicator, ActivityKind, PathwayLevel, PipelineTemplate]


def _ids() -> dict:
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in REFERENCE_MODELS}


@pytest.mark.django_db(transaction=True)
def test_reference_data_comes_back_after_the_database_is_emptied():
    assert REFERENCE_DATA, "the test database's reference data was not kept"
    before = _ids()
    assert all(before.values()), before
    Group.objects.create(name="made by this test")
    call_command("flush", interactive=False, verbosity=0)  # what the end of a transactional test does
    assert _ids() == before
    assert not Group.objects.filter(name="made by this test").exists()
    assert PipelineTemplate.objects.get(is_default=True).stages.count() > 0
    # New rows get ids after the ones put back (the flush restarted the sequences on PostgreSQL).
    made = Group.objects.create(name="made after the flush")
    assert made.pk > max(before["Group"])
