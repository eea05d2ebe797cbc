"""Recruitment reports: operational analytics, and equality monitoring in disclosed aggregate only."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from api.recruitment.serializers.reports import (
    EqualityReportSerializer,
    RecruitmentAnalyticsSerializer,
    RecruitmentReportQuerySerializer,
)
from api.renderers import CSVRenderer
from api.throttles import EXPORT_THROTTLES
from recruitment import exports, selectors
from recruitment.visibility import analytics_vacancies, may_report_analytics, may_report_equality

QUERY_PARAMS = {"from", "to", "vacancy", "team"}


def _query(request, vacancies=None) -> dict:
    unknown = sorted(set(request.query_params) - QUERY_PARAMS)
    if unknown:
        raise ValidationError({name: ["Unknown query parameter for this endpoint."] for name in unknown})
    query = RecruitmentReportQuerySerializer(data=request.query_params, context={"vacancies": vacancies})
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def _require_hr(user: User) -> None:
    # Equality answers are special-category data: even in aggregate, only HR reports on them.
    if not may_report_equality(user):
        raise PermissionDenied("Only HR can see equality monitoring reports.")


def _equality(request) -> dict:
    _require_hr(request.user)
    report = selectors.equality_report(**_query(request))
    return EqualityReportSerializer(report).data


class EqualityReportView(APIView):
    """Applicants, shortlisted and appointed per equality group, and the relative likelihood of appointment.

    HR only. Aggregates only, under the small-number rule: a suppressed figure is null (see `notes`).
    """

    @extend_schema(parameters=[RecruitmentReportQuerySerializer], responses=EqualityReportSerializer)
    def get(self, request):
        return Response(_equality(request))


class EqualityReportCsvView(APIView):
    """The equality report as CSV; a suppressed figure shows as *. HR only."""

    renderer_classes = [JSONRenderer, CSVRenderer]
    throttle_classes = EXPORT_THROTTLES

    @extend_schema(
        parameters=[RecruitmentReportQuerySerializer], responses={(200, "text/csv"): OpenApiTypes.STR}
    )
    def get(self, request):
        report = _equality(request)
        # The same file the equality report page offers (recruitment.exports).
        response = HttpResponse(exports.equality_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{exports.equality_filename(report)}"'
        return response


class AnalyticsReportView(APIView):
    """Time in each stage, advert to offer and to start, conversion by source, adjustments.

    HR sees every vacancy; a hiring manager sees the same figures for their own vacancies only.
    Operational figures, so exact counts (not published, not suppressed).
    """

    @extend_schema(parameters=[RecruitmentReportQuerySerializer], responses=RecruitmentAnalyticsSerializer)
    def get(self, request):
        user = request.user
        if not may_report_analytics(user):
            raise PermissionDenied("Only HR and hiring managers can see recruitment analytics.")
        vacancies = analytics_vacancies(user)
        report = selectors.recruitment_analytics(**_query(request, vacancies), vacancies=vacancies)
        return Response(RecruitmentAnalyticsSerializer(report).data)
