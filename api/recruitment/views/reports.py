"""Recruitment reports: operational analytics, and equality monitoring in disclosed aggregate only."""

from __future__ import annotations

import csv
import io

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
from recruitment import selectors
from recruitment.visibility import analytics_vacancies, may_report_equality

QUERY_PARAMS = {"from", "to", "vacancy", "team"}
SUPPRESSED = "*"


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


def _cell(value) -> str:
    if value is None:
        return SUPPRESSED
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _figures(group: dict) -> list[str]:
    """Counts and rates; a rate with nothing to divide by (0 in its group) is blank, not suppressed."""
    rates = [
        "" if group["applicants"] == 0 else _cell(group["shortlisting_rate"]),
        "" if group["shortlisted"] == 0 else _cell(group["appointment_likelihood"]),
    ]
    return [_cell(group["applicants"]), _cell(group["shortlisted"]), _cell(group["appointed"]), *rates]


def equality_csv(report: dict) -> str:
    """The report as a spreadsheet: the groups, then the relative likelihoods, then the rule applied."""
    out = io.StringIO()
    writer = csv.writer(out)
    period = report["period"]
    writer.writerow(["Equality monitoring: recruitment", f"{period['from']} to {period['to']}"])
    writer.writerow([])
    writer.writerow(
        [
            "Characteristic",
            "Group",
            "Applicants",
            "Shortlisted",
            "Appointed",
            "Shortlisting rate",
            "Likelihood of appointment from shortlisting",
        ]
    )
    writer.writerow(["All applicants", "", *_figures(report["total"])])
    for characteristic in report["characteristics"]:
        for group in characteristic["groups"]:
            writer.writerow([characteristic["label"], group["label"], *_figures(group)])
    writer.writerow([])
    writer.writerow(
        [
            "Comparison",
            "First group",
            "Likelihood (first)",
            "Second group",
            "Likelihood (second)",
            "Relative likelihood",
        ]
    )
    for name, comparison in report["relative_likelihood"].items():
        first, second = comparison["first_group"], comparison["second_group"]
        writer.writerow(
            [
                name,
                first["group"],
                _cell(first["appointment_likelihood"]),
                second["group"],
                _cell(second["appointment_likelihood"]),
                _cell(comparison["relative_likelihood"]),
            ]
        )
    writer.writerow([])
    writer.writerow(["Note", report["notes"]["disclosure"]])
    writer.writerow(["Note", report["notes"]["likelihood"]])
    writer.writerow(["Note", "A blank rate has nothing to divide by: no one in the group to count from."])
    return out.getvalue()


class EqualityReportCsvView(APIView):
    """The equality report as CSV; a suppressed figure shows as *. HR only."""

    renderer_classes = [JSONRenderer, CSVRenderer]
    throttle_classes = EXPORT_THROTTLES

    @extend_schema(
        parameters=[RecruitmentReportQuerySerializer], responses={(200, "text/csv"): OpenApiTypes.STR}
    )
    def get(self, request):
        report = _equality(request)
        response = HttpResponse(equality_csv(report), content_type="text/csv; charset=utf-8")
        name = f"recruitment-equality-{report['period']['from']}-to-{report['period']['to']}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class AnalyticsReportView(APIView):
    """Time in each stage, advert to offer and to start, conversion by source, adjustments.

    HR sees every vacancy; a hiring manager sees the same figures for their own vacancies only.
    Operational figures, so exact counts (not published, not suppressed).
    """

    @extend_schema(parameters=[RecruitmentReportQuerySerializer], responses=RecruitmentAnalyticsSerializer)
    def get(self, request):
        user = request.user
        vacancies = analytics_vacancies(user)
        if vacancies is not None and not vacancies.exists():
            raise PermissionDenied("Only HR and hiring managers can see recruitment analytics.")
        report = selectors.recruitment_analytics(**_query(request, vacancies), vacancies=vacancies)
        return Response(RecruitmentAnalyticsSerializer(report).data)
