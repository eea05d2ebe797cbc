"""Load the default competence framework, pathway, courses and supervision policies.

All of it is the trust's to edit afterwards; these are starting points, not rules.
"""

from django.db import migrations

# The national framework's domains. The published list names eight areas, one of which
# ("working with teams and promoting rights") we keep as two, giving nine.
DOMAINS = [
    ("values", "Values and principles of peer support", [
        ("values-mutuality", "Working from the values of peer support: mutuality, hope, choice"),
    ]),
    ("knowledge", "Knowledge", [
        ("knowledge-mental-health", "Knowledge of mental health and recovery"),
        ("knowledge-trauma", "Trauma-informed care"),
        ("knowledge-local-services", "Knowledge of local services and community resources"),
        ("knowledge-legal", "Legal and ethical frameworks"),
        ("knowledge-confidentiality", "Confidentiality and information sharing"),
        ("knowledge-safeguarding", "Safeguarding"),
        ("knowledge-suicide", "Self-harm and suicide prevention"),
    ]),
    ("relational", "Core relational skills", [
        ("relational-recovery", "Keeping a recovery focus"),
        ("relational-sharing", "Drawing on and sharing lived experience"),
        ("relational-mutual", "Building mutual relationships"),
        ("relational-families", "Working with families and carers"),
        ("relational-listening", "Active listening"),
        ("relational-difference", "Working with difference"),
    ]),
    ("supporting", "Supporting people as a peer worker", [
        ("supporting-goals", "Supporting people towards their own goals"),
    ]),
    ("teams", "Working with teams", [
        ("teams-mdt", "Working as part of a multidisciplinary team"),
    ]),
    ("rights", "Promoting rights", [
        ("rights-advocacy", "Promoting people's rights and challenging stigma"),
    ]),
    ("self-care", "Self-care and use of supervision", [
        ("self-care-wellbeing", "Looking after own wellbeing"),
        ("self-care-supervision", "Using supervision well"),
    ]),
    ("meta", "Meta-competences", [
        ("meta-judgement", "Judging when and how to use skills flexibly"),
    ]),
    ("organisational", "Organisational competences", [
        ("organisational-records", "Record keeping and organisational procedures"),
    ]),
]

# code, name, category, mandatory, validity in months (None: never expires)
COURSES = [
    ("safeguarding-adults", "Safeguarding adults", "statutory", True, 36),
    ("safeguarding-children", "Safeguarding children", "statutory", True, 36),
    ("data-security", "Data security awareness", "statutory", True, 12),
    ("equality-diversity", "Equality, diversity and human rights", "statutory", True, 36),
    ("fire-safety", "Fire safety", "statutory", True, 24),
    ("basic-life-support", "Basic life support", "statutory", True, 12),
    ("peer-foundation", "Foundations of peer support", "peer_support", False, None),
    ("sharing-story-safely", "Sharing lived experience safely", "peer_support", False, None),
    ("suicide-prevention", "Suicide prevention awareness", "clinical", False, 36),
    ("supervising-peers", "Supervising and supporting peer workers", "leadership", False, None),
]

# code, name, order, band, competence codes required to reach it, course codes required
LEVELS = [
    ("psw", "Peer support worker", 1, "3", [], ["peer-foundation"]),
    ("senior-psw", "Senior peer support worker", 2, "4",
     ["relational-sharing", "relational-mutual", "knowledge-safeguarding", "self-care-supervision"],
     ["peer-foundation", "sharing-story-safely", "suicide-prevention"]),
    ("peer-trainer", "Peer trainer", 3, "5",
     ["relational-difference", "teams-mdt", "meta-judgement"], ["supervising-peers"]),
    ("le-lead", "Lived experience lead", 4, "7",
     ["rights-advocacy", "organisational-records"], ["supervising-peers"]),
]

# Days between sessions per kind, the same for every level to start with.
POLICY_DAYS = {"line_management": 28, "peer": 28, "clinical": 56, "reflective": 42}


def load(apps, schema_editor):
    Domain = apps.get_model("peers", "CompetenceDomain")
    Competence = apps.get_model("peers", "Competence")
    Course = apps.get_model("peers", "TrainingCourse")
    Level = apps.get_model("peers", "PathwayLevel")
    Policy = apps.get_model("peers", "SupervisionPolicy")
    for order, (code, name, competences) in enumerate(DOMAINS, start=1):
        domain, _ = Domain.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        for c_code, c_name in competences:
            Competence.objects.get_or_create(code=c_code, defaults={"name": c_name, "domain": domain})
    for code, name, category, mandatory, months in COURSES:
        Course.objects.get_or_create(
            code=code,
            defaults={"name": name, "category": category, "mandatory": mandatory, "validity_months": months},
        )
    for code, name, order, band, competence_codes, course_codes in LEVELS:
        level, created = Level.objects.get_or_create(code=code, defaults={"name": name, "order": order, "band": band})
        if created:
            level.required_competences.set(Competence.objects.filter(code__in=competence_codes))
            level.required_courses.set(Course.objects.filter(code__in=course_codes))
        for kind, days in POLICY_DAYS.items():
            Policy.objects.get_or_create(level=level, kind=kind, defaults={"frequency_days": days})


def unload(apps, schema_editor):
    for model in ("SupervisionPolicy", "PathwayLevel", "TrainingCourse", "Competence", "CompetenceDomain"):
        apps.get_model("peers", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("peers", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
