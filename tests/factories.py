"""factory_boy factories for accounts; every value is synthetic."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from accounts.models import Team, User

TEST_PASSWORD = "correct-horse-battery-staple"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Test team {n}")
    code = factory.Sequence(lambda n: f"team-{n}")
    kind = Team.Kind.TEAM
    parent = factory.LazyAttribute(
        lambda o: (
            DirectorateFactory()
            if o.kind == Team.Kind.TEAM
            else (TrustFactory() if o.kind == Team.Kind.DIRECTORATE else None)
        )
    )


class TrustFactory(TeamFactory):
    name = "Test NHS Foundation Trust"
    code = "test-trust"
    kind = Team.Kind.TRUST
    parent = None


class DirectorateFactory(TeamFactory):
    name = factory.Sequence(lambda n: f"Test directorate {n}")
    code = factory.Sequence(lambda n: f"directorate-{n}")
    kind = Team.Kind.DIRECTORATE
    parent = factory.SubFactory(TrustFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Sequence(lambda n: f"Testperson{n}")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=name)[0] for name in extracted])
            self.__dict__.pop("role_names", None)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)
