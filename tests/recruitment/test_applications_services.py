"""Application services added for the API: correcting details, and adjustments asked later."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from recruitment import services
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import AdjustmentRequest, Application
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory


@pytest.fixture
def hr(db):
    return UserFactory(roles=[Role.HR])


def test_details_are_corrected_but_not_the_stage(hr):
    application = ApplicationFactory()
    services.application_update(
        application=application, by=hr, applicant_name="Test Applicant Corrected", email="NEW@Test.Example"
    )
    application.refresh_from_db()
    assert (application.applicant_name, application.email) == ("Test Applicant Corrected", "new@test.example")
    with pytest.raises(RecruitmentError) as caught:
        services.application_update(application=application, by=hr, stage=application.stage)
    assert caught.value.field == "stage"


def test_an_email_already_used_for_the_vacancy_is_refused(hr):
    first = ApplicationFactory()
    second = ApplicationFactory(vacancy=first.vacancy)
    with pytest.raises(RecruitmentError) as caught:
        services.application_update(application=second, by=hr, email=first.email)
    assert caught.value.field == "email"
    second.refresh_from_db()
    assert second.email != first.email


def test_an_adjustment_asked_later_is_recorded_and_can_be_reworded_until_decided(hr):
    application = ApplicationFactory()
    with pytest.raises(RecruitmentError) as caught:
        services.adjustment_request_create(application=application, description="  ", by=hr)
    assert caught.value.field == "description"
    assert not AdjustmentRequest.objects.exists()

    asked = services.adjustment_request_create(
        application=application, description="Questions in writing beforehand", by=hr
    )
    services.adjustment_request_update(
        adjustment=asked, by=hr, description="Questions in writing a day beforehand"
    )
    services.adjustment_decide(adjustment=asked, provided=True, by=hr)
    with pytest.raises(RecruitmentConflict):
        services.adjustment_request_update(adjustment=asked, by=hr, description="Something else")
    asked.refresh_from_db()
    assert (asked.description, asked.provided) == ("Questions in writing a day beforehand", True)


def test_an_application_and_what_it_asked_for_are_kept(hr):
    application = ApplicationFactory(adjustments=["A quiet room"])
    adjustment = application.adjustments.get()
    with pytest.raises(RecruitmentConflict) as refused:
        services.application_delete(application=application, by=hr)
    assert "move this one to withdrawn or rejected" in refused.value.message
    with pytest.raises(RecruitmentConflict) as refused:
        services.adjustment_request_delete(adjustment=adjustment, by=hr)
    assert "decide it as not provided" in refused.value.message
    assert Application.objects.filter(pk=application.pk).exists()
    assert AdjustmentRequest.objects.filter(pk=adjustment.pk).exists()
