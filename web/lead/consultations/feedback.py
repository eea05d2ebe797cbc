""" "You said, we did" in the involvement team's workspace: what people said at a consultation or an
activity, the action it led to with its owner and due date, progress on it, and putting the
finished item on the public list (or taking it off).

An action's owner sees their own items here and records progress; what was said, the action
itself and what the public sees are the involvement team's to decide, as through the API.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.errors import DomainError
from accounts.visibility import may_create, restrict
from involvement import selectors, services
from involvement.models import Activity, Consultation, FeedbackItem
from involvement.visibility import runs_involvement
from web.forms import add_domain_error, add_validation_error
from web.lead.consultations.common import PER_PAGE, SignedInRequest, active_themes, workspace_page
from web.lead.consultations.forms import FeedbackItemForm, ProgressForm
from web.pages import NotForYou, confirm_step, get_visible, render_page
from web.paging import paginate

ActionStatus = FeedbackItem.ActionStatus
LEADS_ONLY = (
    "Only the involvement team can change what was said, the action or what the public sees. "
    "As the action's owner, you can record progress."
)
# The list's filters: (value of ?show=, label).
SHOW = [
    ("", "All"),
    ("to_do", "Still to do"),
    ("overdue", "Overdue"),
    ("finished", "Done or not doing"),
    ("published", "Published"),
]


def _item(request: SignedInRequest, pk: int) -> FeedbackItem:
    return cast(FeedbackItem, get_visible(selectors.feedback_item_list(), request, pk, "change"))


def _leads_only(request: SignedInRequest) -> None:
    if not runs_involvement(request.user):
        raise NotForYou(LEADS_ONLY)


@workspace_page
def feedback_list(request: SignedInRequest) -> HttpResponse:
    """The items the person runs or owns, soonest due first, overdue ones marked."""
    today = timezone.localdate()
    rows = restrict(selectors.feedback_item_list(), request.user, "change").order_by("action_due", "pk")
    show = request.GET.get("show", "")
    if show == "to_do":
        rows = rows.filter(action_status__in=selectors.ACTION_STILL_TO_DO)
    elif show == "overdue":
        rows = rows.filter(action_status__in=selectors.ACTION_STILL_TO_DO, action_due__lt=today)
    elif show == "finished":
        rows = rows.exclude(action_status__in=selectors.ACTION_STILL_TO_DO)
    elif show == "published":
        rows = rows.filter(published=True)
    else:
        show = ""
    consultation = None
    if request.GET.get("consultation", "").isdigit():
        consultation = (
            restrict(Consultation.objects.all(), request.user).filter(pk=request.GET["consultation"]).first()
        )
        rows = rows.filter(consultation=consultation) if consultation else rows.none()
    pages = paginate(request, rows, per_page=PER_PAGE)
    context = {
        "pages": pages,
        "overdue": {item.pk for item in pages.rows if selectors.feedback_is_overdue(item, today=today)},
        "show": show,
        "filters": SHOW,
        "consultation": consultation,
        "may_create": may_create(request.user, FeedbackItem),
    }
    return render_page(request, "web/lead/consultations/feedback_list.html", context)


@workspace_page
def feedback_new(request: SignedInRequest) -> HttpResponse:
    """Record what people said and the action agreed; ?consultation= or ?activity= chooses the source."""
    if not may_create(request.user, FeedbackItem):
        raise NotForYou(LEADS_ONLY)
    user = request.user
    consultations = restrict(Consultation.objects.all(), user).order_by("-opens_at", "pk")
    activities = restrict(Activity.objects.all(), user).filter(starts_at__lte=timezone.now())
    initial = {}
    for kind in ("consultation", "activity"):
        if request.GET.get(kind, "").isdigit():
            initial["source"] = f"{kind}-{request.GET[kind]}"
    form = FeedbackItemForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        sources=(list(consultations), list(activities.order_by("-starts_at", "pk"))),
        owners=selectors.owner_choices(),
        themes=active_themes(request),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("source")
        try:
            made = services.feedback_item_create(by=user, **form.source_kwargs(), **data)
        except DomainError as exc:
            add_domain_error(form, exc, fields={"activity": "source", "consultation": "source"})
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, "The feedback and its action are saved.")
            return redirect("web:lead:consultations-feedback-item", pk=made.pk)
    status = 400 if form.errors else 200
    return render_page(request, "web/lead/consultations/feedback_form.html", {"form": form}, status=status)


@workspace_page
def feedback_item(request: SignedInRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    context = {
        "item": item,
        "overdue": selectors.feedback_is_overdue(item, today=timezone.localdate()),
        "leads": runs_involvement(request.user),
        "finished": item.action_status not in selectors.ACTION_STILL_TO_DO,
    }
    return render_page(request, "web/lead/consultations/feedback_item.html", context)


@workspace_page
def feedback_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    _leads_only(request)
    fields = ["you_said", "action", "action_owner", "action_due"]
    initial = {name: getattr(item, name) for name in fields}
    initial["themes"] = list(item.themes.all())
    form = FeedbackItemForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        owners=selectors.owner_choices(),
        themes=active_themes(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_item_update(item=item, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("web:lead:consultations-feedback-item", pk=pk)
    context = {"form": form, "item": item}
    status = 400 if form.errors else 200
    return render_page(request, "web/lead/consultations/feedback_form.html", context, status=status)


@workspace_page
def feedback_progress(request: SignedInRequest, pk: int) -> HttpResponse:
    """The action owner's (or a lead's) progress: where it is up to, and what was done or why not."""
    item = _item(request, pk)
    form = ProgressForm(
        request.POST if request.method == "POST" else None,
        initial={"action_status": item.action_status, "we_did": item.we_did},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.feedback_action_update(
                item=item, by=request.user, status=data["action_status"], we_did=data["we_did"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "The progress is saved.")
            return redirect("web:lead:consultations-feedback-item", pk=pk)
    context = {"form": form, "item": item}
    status = 400 if form.errors else 200
    return render_page(request, "web/lead/consultations/feedback_progress.html", context, status=status)


def _publishing(
    request: SignedInRequest, pk: int, *, service, published: bool, template: str, done: str
) -> HttpResponse:
    """Asks first, then puts the item on the public list or takes it off; opened when the item is
    already where the button would put it, goes back to the item."""
    item = _item(request, pk)
    _leads_only(request)
    if request.method != "POST" and item.published == published:
        return redirect("web:lead:consultations-feedback-item", pk=pk)
    return confirm_step(
        request,
        act=lambda: service(item=item, by=request.user),
        done=done,
        back=reverse("web:lead:consultations-feedback-item", kwargs={"pk": pk}),
        template=template,
        context={"item": item},
    )


@workspace_page
def feedback_publish(request: SignedInRequest, pk: int) -> HttpResponse:
    """What the public will see, then the button that puts it on the public list."""
    return _publishing(
        request,
        pk,
        service=services.feedback_item_publish,
        published=True,
        template="web/lead/consultations/feedback_publish.html",
        done="The item is on the public list.",
    )


@workspace_page
def feedback_unpublish(request: SignedInRequest, pk: int) -> HttpResponse:
    return _publishing(
        request,
        pk,
        service=services.feedback_item_unpublish,
        published=False,
        template="web/lead/consultations/feedback_unpublish.html",
        done="The item is off the public list.",
    )
