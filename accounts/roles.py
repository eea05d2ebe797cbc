"""The roles a person can hold, kept as Django groups so admins assign them in the back office."""

from django.db import models


class Role(models.TextChoices):
    INVOLVEMENT_LEAD = "involvement_lead", "Involvement lead"
    HR = "hr", "HR / recruitment officer"
    LINE_MANAGER = "line_manager", "Line manager"
    SUPERVISOR = "supervisor", "Supervisor"
    PEER_WORKER = "peer_worker", "Peer worker"
    FINANCE = "finance", "Finance officer"
    BOARD_MEMBER = "board_member", "Trust board member"
    PARTICIPANT = "participant", "Participant"
    ADMIN = "admin", "Administrator"


# Roles held by trust staff who work with other people's records (not board, not participants).
STAFF_ROLES = frozenset(
    {Role.INVOLVEMENT_LEAD, Role.HR, Role.LINE_MANAGER, Role.SUPERVISOR, Role.FINANCE, Role.ADMIN}
)
