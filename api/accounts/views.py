"""Login, logout, the current user, and the user and team resources."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate, logout
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.models import AuthToken
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from api.accounts.filters import TeamFilter, UserFilter
from api.accounts.permissions import LoginAccountRateThrottle, LoginAddressRateThrottle
from api.accounts.serializers import (
    LoginSerializer,
    MeSerializer,
    TeamSerializer,
    TokenSerializer,
    UserSerializer,
)
from api.throttles import lockout_json
from api.views import RestrictedModelViewSet

LOGIN_FAILED = "Unable to log in with the email address and password given."


class LoginView(APIView):
    """Exchange an email and password for an expiring API token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    # Counted per account (the email given) and, with a far higher ceiling, per address.
    throttle_classes = [LoginAddressRateThrottle, LoginAccountRateThrottle]

    @extend_schema(request=LoginSerializer, responses={200: TokenSerializer}, auth=[])
    def post(self, request):
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request,
            email=serializer.validated_data["email"].lower(),
            password=serializer.validated_data["password"],
        )
        if user is None and getattr(request, "axes_locked_out", False):
            # Too many failures for this email (django-axes): 429 whether or not the password was right.
            return lockout_json()
        if user is None:
            # Same words whichever part was wrong, so the answer leaks no account's existence.
            raise ValidationError({"non_field_errors": [LOGIN_FAILED]})
        instance, token = services.auth_token_issue(user=user)
        # A success clears this email's count of failures (django-axes), as a sign-in at the admin
        # does. Not the user_logged_in signal: a token is not a session, and last_login is not history.
        AxesProxyHandler.user_logged_in(sender=type(self), request=request, user=user)
        user = selectors.user_with_roles(user_id=user.pk)
        body = {"token": token, "expiry": instance.expiry, "user": user}
        return Response(TokenSerializer(body, context={"request": request}).data)


class LogoutView(APIView):
    """End the token this request carries; other tokens and browser sessions go on."""

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Logged out")})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            services.auth_token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """End every API token this user holds and every browser session they have, on every device."""

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Logged out everywhere")})
    def post(self, request):
        services.auth_logout_everywhere(user=request.user)
        # The browser this came from, if it sent a session cookie too, is told to drop it at once.
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """Who am I: the signed-in user with roles and teams."""

    @extend_schema(responses={200: MeSerializer})
    def get(self, request):
        user = selectors.user_with_roles(user_id=request.user.pk)
        return Response(MeSerializer(user, context={"request": request}).data)


class TeamViewSet(RestrictedModelViewSet):
    """The trust's structure: trust > directorate > team. Everyone reads it; admins edit it."""

    queryset = selectors.team_list()
    serializer_class = TeamSerializer
    filterset_class = TeamFilter
    ordering_fields = ["name", "code", "kind"]

    def perform_create(self, serializer):
        serializer.instance = services.team_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.team_update(team=serializer.instance, **serializer.validated_data)

    def perform_destroy(self, instance):
        services.team_delete(team=instance)


class UserViewSet(RestrictedModelViewSet):
    """Accounts. HR and admins list everyone; others see only themselves; admins change them."""

    queryset = selectors.user_list()
    serializer_class = UserSerializer
    filterset_class = UserFilter
    ordering_fields = ["email", "last_name", "date_joined"]

    def get_queryset(self):
        return super().get_queryset().distinct()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["roles"] = data.pop("role_list", [])
        data.setdefault("password", None)
        is_active = data.pop("is_active", True)
        user = services.user_create(**data)
        if not is_active:  # an account made ready but not yet in use
            user = services.user_update(user=user, is_active=False)
        serializer.instance = user

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "role_list" in data:
            data["roles"] = data.pop("role_list")
        data.pop("password", None)
        serializer.instance = services.user_update(user=serializer.instance, **data)

    def perform_destroy(self, instance):
        # Accounts are deactivated, never deleted: their history must stay attributable.
        services.user_update(user=instance, is_active=False)
