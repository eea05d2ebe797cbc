"""Pipeline templates: the stages the trust uses, checked so every vacancy copied from one can run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import PipelineTemplate, StageKind, TemplateStage

__all__ = ["template_create", "template_delete", "template_update"]

STAGE_FIELDS = ("code", "name", "order", "kind")


def _stages(stages: Iterable[Mapping[str, Any]]) -> list[TemplateStage]:
    """Build unsaved stages from plain data and refuse a pipeline an application could not run through."""
    built: list[TemplateStage] = []
    codes: set[str] = set()
    orders: set[int] = set()
    for index, data in enumerate(stages):
        unknown = sorted(set(data) - set(STAGE_FIELDS))
        if unknown:
            raise RecruitmentError("Not a stage field.", field=f"stages.{index}.{unknown[0]}")
        stage = TemplateStage(
            code=data.get("code") or "",
            name=data.get("name") or "",
            order=data.get("order") if data.get("order") is not None else index + 1,
            kind=data.get("kind") or StageKind.STEP,
        )
        try:
            stage.full_clean(exclude=["template"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise RecruitmentError(messages[0], field=f"stages.{index}.{field}") from exc
        if stage.code in codes:
            raise RecruitmentError(
                f"The stage code {stage.code} is used twice; each stage needs its own.",
                field=f"stages.{index}.code",
            )
        if stage.order in orders:
            raise RecruitmentError(
                f"Two stages have the order {stage.order}; each stage needs its own place.",
                field=f"stages.{index}.order",
            )
        codes.add(stage.code)
        orders.add(stage.order)
        built.append(stage)

    kinds = Counter(stage.kind for stage in built)
    if not kinds[StageKind.STEP]:
        raise RecruitmentError("A template needs at least one step before hiring.", field="stages")
    if kinds[StageKind.HIRED] != 1:
        raise RecruitmentError("A template needs exactly one hired stage.", field="stages")
    if not kinds[StageKind.REJECTED]:
        raise RecruitmentError("A template needs a rejected stage to end an application.", field="stages")
    if not kinds[StageKind.WITHDRAWN]:
        raise RecruitmentError(
            "A template needs a withdrawn stage for applicants who step back.", field="stages"
        )
    hired = next(stage for stage in built if stage.kind == StageKind.HIRED)
    last_step = max(stage.order for stage in built if stage.kind == StageKind.STEP)
    if hired.order < last_step:
        # Applications only move forward, so a hired stage before a step could never be reached in order.
        raise RecruitmentError(
            "The hired stage must come after every step.", field=f"stages.{built.index(hired)}.order"
        )
    return built


def _take_default(template: PipelineTemplate) -> None:
    """Make `template` the one default, taking the flag from whichever template held it."""
    PipelineTemplate.objects.select_for_update().filter(is_default=True).exclude(pk=template.pk).update(
        is_default=False
    )


@transaction.atomic
def template_create(
    *, by: User, name: str, stages: Iterable[Mapping[str, Any]], is_default: bool = False
) -> PipelineTemplate:
    built = _stages(stages)
    template = PipelineTemplate(name=name, is_default=is_default)
    if is_default:
        _take_default(template)  # first, so the one-default constraint holds when checked below
    template.full_clean()
    template.save()
    for stage in built:
        stage.template = template
    TemplateStage.objects.bulk_create(built)
    return template


@transaction.atomic
def template_update(
    *,
    template: PipelineTemplate,
    by: User,
    name: str | None = None,
    is_default: bool | None = None,
    stages: Iterable[Mapping[str, Any]] | None = None,
) -> PipelineTemplate:
    """Change a template; vacancies already created keep the stages they copied."""
    template = PipelineTemplate.objects.select_for_update().get(pk=template.pk)
    if name is not None:
        template.name = name
    if is_default is False and template.is_default:
        raise RecruitmentError(
            "One template is always the default: make another template the default instead.",
            field="is_default",
        )
    built = _stages(stages) if stages is not None else None
    if is_default:
        _take_default(template)  # first, so the one-default constraint holds when checked below
        template.is_default = True
    template.full_clean()
    template.save()
    if built is not None:
        template.stages.all().delete()
        for stage in built:
            stage.template = template
        TemplateStage.objects.bulk_create(built)
    return template


@transaction.atomic
def template_delete(*, template: PipelineTemplate, by: User) -> None:
    """Delete a template that is not the default; vacancies made from it keep their own stages."""
    if template.is_default:
        raise RecruitmentConflict(
            "This is the default template: make another template the default before deleting it.",
            field="is_default",
        )
    template.delete()
