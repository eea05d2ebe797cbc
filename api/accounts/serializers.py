"""Serializers for login, the current user, users and teams."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Team, User
from accounts.roles import Role
from accounts.visibility import roles_shown
from api.serializers import BaseModelSerializer, BriefRelatedField


class LoginSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class TeamSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:team-detail")
    parent = BriefRelatedField(
        view_name="api:team-detail", queryset=Team.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Team
        fields = ["id", "url", "display", "name", "code", "kind", "parent", "is_active"]


class UserSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:user-detail")
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), required=False, source="role_list"
    )
    teams = BriefRelatedField(
        view_name="api:team-detail", queryset=Team.objects.all(), many=True, required=False
    )
    password = serializers.CharField(
        write_only=True,
        required=False,
        max_length=128,
        trim_whitespace=False,
        help_text="Optional: without one the person sets a password through the reset flow.",
    )

    class Meta:
        model = User
        fields = [
            "id",
            "url",
            "display",
            "email",
            "first_name",
            "last_name",
            "preferred_name",
            "is_active",
            "roles",
            "teams",
            "password",
            "last_login",
            "date_joined",
        ]
        read_only_fields = ["last_login", "date_joined"]
        create_only_fields = ["email"]

    def to_representation(self, instance: User) -> dict:
        # Groups come prefetched by the selector, so this costs no query per row.
        request = self.context.get("request")
        instance.role_list = roles_shown(getattr(request, "user", None), instance)
        return super().to_representation(instance)


class MeSerializer(serializers.ModelSerializer):
    display = serializers.CharField(source="display_name", read_only=True)
    roles = serializers.SerializerMethodField()
    teams = BriefRelatedField(view_name="api:team-detail", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "display", "first_name", "last_name", "preferred_name", "roles", "teams"]

    def get_roles(self, obj: User) -> list[str]:
        return sorted(obj.role_names)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField()
    user = MeSerializer()
