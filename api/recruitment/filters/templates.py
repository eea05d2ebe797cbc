"""Filters for pipeline templates."""

import django_filters

from recruitment.models import PipelineTemplate


class PipelineTemplateFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = PipelineTemplate
        fields = ["is_default"]
