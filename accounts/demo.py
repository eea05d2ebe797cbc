"""Synthetic demo data: a tree of teams and one login per role. No real person's details."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from accounts import services
from accounts.models import Team, User
from accounts.roles import Role

DEMO_PASSWORD = "demo-Password-2026"  # noqa: S105 - printed by `make run`; demo data only
DEMO_DOMAIN = "demo.example"

# (code, name, kind, parent code)
TEAMS = [
    ("demo-trust", "Demo NHS Foundation Trust", Team.Kind.TRUST, None),
    ("adult-community", "Adult Community Services", Team.Kind.DIRECTORATE, "demo-trust"),
    ("acute-inpatient", "Acute and Inpatient Services", Team.Kind.DIRECTORATE, "demo-trust"),
    ("cyp", "Children and Young People's Services", Team.Kind.DIRECTORATE, "demo-trust"),
    ("cmht-north", "Community Mental Health Team North", Team.Kind.TEAM, "adult-community"),
    ("cmht-south", "Community Mental Health Team South", Team.Kind.TEAM, "adult-community"),
    ("recovery-college", "Recovery College", Team.Kind.TEAM, "adult-community"),
    ("ward-oak", "Oak Ward", Team.Kind.TEAM, "acute-inpatient"),
    ("crisis-home", "Crisis and Home Treatment", Team.Kind.TEAM, "acute-inpatient"),
    ("camhs-east", "CAMHS East", Team.Kind.TEAM, "cyp"),
    ("involvement-team", "Involvement and Co-production", Team.Kind.TEAM, "adult-community"),
]


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    email: str
    first_name: str
    last_name: str
    team_code: str


# Invented names, chosen to be obviously made up.
LOGINS = [
    DemoLogin(Role.ADMIN, f"admin@{DEMO_DOMAIN}", "Alex", "Admin-Demo", "demo-trust"),
    DemoLogin(Role.INVOLVEMENT_LEAD, f"involvement@{DEMO_DOMAIN}", "Indigo", "Lead-Demo", "involvement-team"),
    DemoLogin(Role.HR, f"hr@{DEMO_DOMAIN}", "Harper", "People-Demo", "demo-trust"),
    DemoLogin(Role.LINE_MANAGER, f"manager@{DEMO_DOMAIN}", "Morgan", "Manager-Demo", "cmht-north"),
    DemoLogin(Role.SUPERVISOR, f"supervisor@{DEMO_DOMAIN}", "Sam", "Supervisor-Demo", "cmht-north"),
    DemoLogin(Role.PEER_WORKER, f"peer@{DEMO_DOMAIN}", "Piper", "Peer-Demo", "cmht-north"),
    DemoLogin(Role.FINANCE, f"finance@{DEMO_DOMAIN}", "Frankie", "Finance-Demo", "demo-trust"),
    DemoLogin(Role.BOARD_MEMBER, f"board@{DEMO_DOMAIN}", "Blake", "Board-Demo", "demo-trust"),
    DemoLogin(Role.PARTICIPANT, f"participant@{DEMO_DOMAIN}", "Rowan", "Voice-Demo", "involvement-team"),
]


@transaction.atomic
def seed_accounts() -> dict[str, int]:
    """Create or refresh the demo teams and logins; running it again changes nothing."""
    teams: dict[str, Team] = {}
    created_teams = 0
    for code, name, kind, parent_code in TEAMS:
        team = Team.objects.filter(code=code).first()
        if team is None:
            team = services.team_create(
                name=name, code=code, kind=kind, parent=teams.get(parent_code) if parent_code else None
            )
            created_teams += 1
        teams[code] = team

    created_users = 0
    for login in LOGINS:
        user = User.objects.filter(email=login.email).first()
        if user is None:
            user = services.user_create(
                email=login.email,
                password=DEMO_PASSWORD,
                first_name=login.first_name,
                last_name=login.last_name,
                roles=[login.role],
                teams=[teams[login.team_code]],
            )
            created_users += 1
        if login.role == Role.ADMIN and not (user.is_staff and user.is_superuser):
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    return {"teams": created_teams, "users": created_users}


seed = seed_accounts
