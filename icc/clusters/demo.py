"""The demo's learning clusters and policy lab (seeded, deterministic), loaded after the activities demo:

- four learning clusters, as the strategy asked: refugee reception and intercultural competence training
  launched in 2016, anti-rumour strategies and media and political discourse in 2018. Their members are
  matched from the Index scores the secretariat could see at launch (the rounds opened before), through the
  same matching as the page, three mentors and five learners each; each cluster meets twice a year (events of
  kind cluster_meeting with the member cities' delegates registered and most of them present), and its lead
  expert reports every six months, reviewed by the secretariat. Three clusters are completed; the
  anti-rumour cluster was renewed and still runs, led by the demo expert (expert@demo.icc): her last report
  waits for the secretariat's review and the next is due soon;
- the policy lab, launched in 2017: three cohorts (2017-2019, 2020-2022, 2023-2025) of members from national
  administrations, academia, NGOs and cities, chosen through a call with scored applications, meeting two or
  three times a year with their attendance; and the call for the 2026-2027 cohort, open now, with
  applications scored or still to score.
Names are invented; the site says that demo data is synthetic.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import User
from icc.activities.models import Audience, Contact, Event, EventKind, EventStatus, Registration
from icc.clusters.matching import suggest_membership
from icc.clusters.models import (
    ApplicationStatus,
    ClusterDocument,
    ClusterMeeting,
    ClusterMember,
    ClusterStatus,
    ClusterTheme,
    LabApplication,
    LabCall,
    LabCriterion,
    LabMember,
    LabScore,
    LabSession,
    LearningCluster,
    PolicyLab,
    ProgressReport,
    ReportStatus,
)
from icc.clusters.selectors import add_months, city_scores, suggestion_record
from icc.core.history import reason, record_change
from icc.experts.models import Expert, ExpertStatus
from icc.network.models import City

SEED = 2016
UTC = datetime.UTC
DEMO_EXPERT_EMAIL = "expert@demo.icc"
SECRETARIAT_EMAIL = "secretariat@demo.icc"

CLUSTERS = [
    # theme, English title, French title, start, end (None: still running), expected results
    (
        "refugee_reception",
        "Welcoming refugees: the first year in the city",
        "Accueillir les réfugiés : la première année en ville",
        datetime.date(2016, 3, 1),
        datetime.date(2017, 12, 31),
        "A shared welcome checklist for the first year; language courses open to every newcomer in the "
        "learner cities; a peer visit to each learner city.",
    ),
    (
        "intercultural_competence",
        "Intercultural competence for city staff",
        "La compétence interculturelle du personnel municipal",
        datetime.date(2016, 9, 1),
        datetime.date(2018, 6, 30),
        "A training module for front-line staff, tried in each learner city; trainers trained in each city.",
    ),
    (
        "anti_rumour",
        "Anti-rumour strategies",
        "Stratégies anti-rumeurs",
        datetime.date(2018, 2, 1),
        None,
        "An anti-rumour network in each learner city; agents trained; an evaluation of the campaigns' "
        "effect.",
    ),
    (
        "media_discourse",
        "Media and political discourse on diversity",
        "Médias et discours politique sur la diversité",
        datetime.date(2018, 10, 1),
        datetime.date(2020, 6, 30),
        "Guidelines for the cities' communication; a training for journalists; a diversity check of the "
        "cities' own publications.",
    ),
]
RENEWED_UNTIL = datetime.date(2027, 6, 30)  # the anti-rumour cluster's second phase

REPORT_LINES = [
    "The cluster met as planned; {learners} learner cities presented their first steps and {mentor} hosted a "
    "study visit.",
    "Each learner city has named a lead officer; two joint webinars were held on the theme's Index areas.",
    "The shared toolkit is drafted; {mentor}'s practice was adapted by two learner cities.",
    "Progress is uneven: one learner city changed its team; the mentors offered a second peer visit.",
    "The learner cities' action plans are adopted; the expected results are met for most of them.",
]

LAB_COHORTS = [
    ("Policy lab 2017-2019", "Laboratoire politique 2017-2019", 2017, 2019),
    ("Policy lab 2020-2022", "Laboratoire politique 2020-2022", 2020, 2022),
    ("Policy lab 2023-2025", "Laboratoire politique 2023-2025", 2023, 2025),
]
ORGANISATIONS = {
    "national": ["Ministry of the Interior", "Ministry of Social Affairs", "Office for Migration"],
    "academia": ["University of Bologna", "University of Ghent", "Migration Policy Institute Europe"],
    "ngo": ["Refugee Welcome Network", "Migrants' Forum", "Diversity Lab NGO"],
    "city": ["City of Lisbon", "City of Oslo", "City of Bilbao"],
}
FIRST_NAMES_W = ["Amira", "Lena", "Sofia", "Nadia", "Ines", "Marta", "Yasmin", "Clara", "Eva", "Leila", "Ana"]
FIRST_NAMES_M = ["Jonas", "Karim", "Luca", "Pedro", "Tomas", "Milan", "Omar", "Hugo", "Stefan", "Ivan", "Rui"]
LAST_NAMES = [
    "Haddad", "Berg", "Rossi", "Novak", "Silva", "Dubois", "Jensen", "Kaya", "Horvat", "Meyer", "Costa",
    "Lindqvist", "Moreau", "Popescu", "Nowak", "Garcia", "Mehmeti", "Fischer", "Romano", "Petrov",
]  # fmt: skip
LAB_INTRO_EN = "The lab brings together national, local, academic and civil society actors."
LAB_INTRO_FR = "Le laboratoire réunit des acteurs nationaux, locaux, universitaires et associatifs."
CALL_INTRO_EN = "Apply to join the next cohort: two or three sessions a year, the same members."
CALL_INTRO_FR = "Candidatez à la prochaine cohorte : deux ou trois sessions par an, les mêmes membres."
COUNTRIES = ["FR", "IT", "PT", "ES", "NO", "DE", "BE", "GR", "PL", "UA", "SE", "IE"]


@dataclass
class DemoClusters:
    clusters: int
    members: int
    reports: int
    meetings: int
    cohorts: int
    lab_members: int
    sessions: int
    applications: int


def load_clusters_demo(today: datetime.date | None = None) -> DemoClusters:
    """Load once: a database that already has learning clusters is left alone."""
    if LearningCluster.objects.exists() or not City.objects.exists():
        return DemoClusters(0, 0, 0, 0, 0, 0, 0, 0)
    with transaction.atomic():
        return _load(today or timezone.localdate())


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=UTC)


def _with_history(model: type, rows: list, why: str, by: User | None) -> list:
    """Bulk rows with their first history row (by the demo's secretariat person, reason "demo data")."""
    return list(bulk_create_with_history(rows, model, default_user=by, default_change_reason=why))


def _load(today: datetime.date) -> DemoClusters:
    rng = random.Random(SEED)
    why = reason("clusters.demo_data")
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    kinds = {
        kind.key: kind for kind in EventKind.objects.filter(key__in=("cluster_meeting", "policy_lab_session"))
    }
    if len(kinds) < 2:
        return DemoClusters(0, 0, 0, 0, 0, 0, 0, 0)
    themes = {theme.key: theme for theme in ClusterTheme.objects.all()}
    experts = list(
        Expert.objects.filter(status=ExpertStatus.ACTIVE, erased_at__isnull=True).order_by("full_name", "pk")
    )
    demo_expert = Expert.objects.filter(user__email=DEMO_EXPERT_EMAIL, erased_at__isnull=True).first()
    leads = [e for e in experts if e != demo_expert]
    rng.shuffle(leads)
    delegates: dict[int, list[Contact]] = {}
    for contact in Contact.objects.filter(city__isnull=False).order_by("pk"):
        delegates.setdefault(contact.city_id, []).append(contact)  # type: ignore[arg-type]

    clusters: list[LearningCluster] = []
    members: list[ClusterMember] = []
    reports: list[ProgressReport] = []
    events: list[Event] = []
    meeting_of: list[int] = []  # index of the cluster of each event
    for index, (theme_key, title_en, title_fr, starts_on, ends_on, expected) in enumerate(CLUSTERS):
        running = ends_on is None
        lead = (
            demo_expert
            if running and demo_expert is not None
            else (leads[index % len(leads)] if leads else None)
        )
        cluster = LearningCluster(
            theme=themes[theme_key],
            title=title_en,
            title_en=title_en,
            title_fr=title_fr,
            lead_expert=lead,
            expected_results=expected,
            starts_on=starts_on,
            ends_on=RENEWED_UNTIL if running else ends_on,
            status=ClusterStatus.RUNNING if running else ClusterStatus.COMPLETED,
            report_every_months=6,
        )
        clusters.append(cluster)
    clusters = _with_history(LearningCluster, clusters, why, secretariat)
    cities = {city.slug: city for city in City.objects.all()}

    for index, cluster in enumerate(clusters):
        matched = suggest_membership(
            city_scores(before=cluster.starts_on), cluster.theme.areas, mentors=3, learners=5
        )
        chosen = [s for s in matched.suggestions if s.key in cities]
        for suggestion in chosen:
            members.append(
                ClusterMember(
                    cluster=cluster,
                    city=cities[suggestion.key],
                    role=suggestion.role,
                    joined_on=cluster.starts_on,
                    matching=suggestion_record(suggestion),
                )
            )
        mentor_name = next((s.name for s in chosen if s.role == "mentor"), "a mentor city")
        lead_user = cluster.lead_expert.user if cluster.lead_expert is not None else None
        learners = sum(1 for s in chosen if s.role == "learner")
        # Reports every six months, to the end or (running) to the last period over.
        last_day = cluster.ends_on if cluster.status == ClusterStatus.COMPLETED else today
        start = cluster.starts_on
        number = 0
        while True:
            end = add_months(start, 6) - datetime.timedelta(days=1)
            if end > (last_day or today) or end >= today:
                break
            submitted = _at(end + datetime.timedelta(days=14), 10)
            reports.append(
                ProgressReport(
                    cluster=cluster,
                    period_start=start,
                    period_end=end,
                    text=REPORT_LINES[number % len(REPORT_LINES)].format(
                        learners=learners, mentor=mentor_name
                    ),
                    status=ReportStatus.REVIEWED,
                    submitted_at=submitted,
                    submitted_by=lead_user,
                    reviewed_at=submitted + datetime.timedelta(days=9),
                    reviewed_by=secretariat,
                )
            )
            number += 1
            start = end + datetime.timedelta(days=1)
        if cluster.status == ClusterStatus.RUNNING and reports and reports[-1].cluster is cluster:
            # The last report waits for the secretariat's review.
            reports[-1].status = ReportStatus.SUBMITTED
            reports[-1].reviewed_at = None
            reports[-1].reviewed_by = None
        # Two meetings a year, hosted by a mentor city in turn.
        hosts: list[City | None] = [cities[s.key] for s in chosen if s.role == "mentor"] or [None]
        year_end = (cluster.ends_on if cluster.status == ClusterStatus.COMPLETED else today) or today
        day = add_months(cluster.starts_on, 2)
        turn = 0
        while day < year_end and day < today:
            host = hosts[turn % len(hosts)]
            events.append(
                Event(
                    kind=kinds["cluster_meeting"],
                    title=f"Learning cluster meeting: {cluster.title_en}",
                    title_en=f"Learning cluster meeting: {cluster.title_en}",
                    title_fr=f"Réunion du groupe d'apprentissage : {cluster.title_fr}",
                    starts_at=_at(day, 9),
                    ends_at=_at(day + datetime.timedelta(days=1), 16),
                    place=host.name_en if host is not None else "Strasbourg",
                    host_city=host,
                    audience=Audience.INVITED,
                    status=EventStatus.DONE,
                    created_by=secretariat,
                )
            )
            meeting_of.append(index)
            day = add_months(day, 6)
            turn += 1
    members = _with_history(ClusterMember, members, why, secretariat)
    for cluster in clusters:
        _terms_of_reference(cluster, secretariat, why)
    reports = _with_history(ProgressReport, reports, why, secretariat)
    events = list(Event.objects.bulk_create(events))
    meetings = _with_history(
        ClusterMeeting,
        [
            ClusterMeeting(cluster=clusters[i], event=event)
            for i, event in zip(meeting_of, events, strict=True)
        ],
        why,
        secretariat,
    )
    by_cluster: dict[int, list[ClusterMember]] = {}
    for member in members:
        by_cluster.setdefault(member.cluster_id, []).append(member)
    registrations: list[Registration] = []
    for meeting in meetings:
        for member in by_cluster.get(meeting.cluster_id, []):
            for contact in delegates.get(member.city_id, [])[:2]:  # two places per city
                attended = rng.random() < 0.88
                registrations.append(
                    Registration(
                        event=meeting.event,
                        contact=contact,
                        city_id=member.city_id,
                        status="registered",
                        registered_at=meeting.event.starts_at - datetime.timedelta(days=30),
                        attended=attended,
                        attendance_marked_at=meeting.event.ends_at if attended is not None else None,
                    )
                )
    Registration.objects.bulk_create(registrations)

    lab = _load_lab(rng, today, kinds["policy_lab_session"], secretariat, why)
    return DemoClusters(
        clusters=len(clusters),
        members=len(members),
        reports=len(reports),
        meetings=len(meetings),
        cohorts=lab[0],
        lab_members=lab[1],
        sessions=lab[2],
        applications=lab[3],
    )


def _terms_of_reference(cluster: LearningCluster, by: User | None, why: str) -> None:
    """A one-page PDF of the cluster's terms of reference, stored like an upload."""
    lines = [
        f"Terms of reference: {cluster.title_en}",
        f"Theme: {cluster.theme.name_en}. From {cluster.starts_on:%B %Y}.",
        "Expected results:",
        *_wrapped(cluster.expected_results, 90),
        "The lead expert reports on progress every six months; the cluster meets twice a year.",
        "Demo document (synthetic).",
    ]
    name = f"terms-of-reference-{cluster.pk}.pdf"
    content = minimal_pdf(lines)
    document = ClusterDocument(cluster=cluster, kind="terms", name=name, size=len(content), uploaded_by=by)
    document.file.save(name, ContentFile(content), save=False)
    record_change(document, by=by, reason=why)
    document.save()


def _wrapped(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF (Helvetica, Latin-1 text) with a correct cross-reference table."""

    def escape(text: str) -> str:
        plain = text.encode("latin-1", "replace").decode("latin-1")
        return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = "BT /F1 11 Tf 56 780 Td 15 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    stream = body.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _person(rng: random.Random, used: set[str]) -> tuple[str, str]:
    while True:
        gender = rng.choices(["woman", "man", "another", "not_given", ""], weights=[50, 42, 1, 3, 4])[0]
        pool = (
            FIRST_NAMES_W
            if gender == "woman" or (gender not in ("man",) and rng.random() < 0.5)
            else FIRST_NAMES_M
        )
        name = f"{rng.choice(pool)} {rng.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name, gender


def _applications(
    rng: random.Random, call: LabCall, count: int, used: set[str], received_from: datetime.date
) -> list[LabApplication]:
    rows = []
    for n in range(count):
        name, gender = _person(rng, used)
        kind = ("national", "academia", "ngo", "city")[n % 4]
        rows.append(
            LabApplication(
                call=call,
                full_name=name,
                email=f"{name.lower().replace(' ', '.')}@example.org",
                organisation=rng.choice(ORGANISATIONS[kind]),
                organisation_type=kind,
                country=rng.choice(COUNTRIES),
                gender=gender,
                motivation=rng.choice(
                    [
                        "I lead the integration unit of my organisation and want to test intercultural "
                        "policies with peers from other countries.",
                        "My research compares local integration policies; the lab would connect it with "
                        "practice.",
                        "Our NGO runs reception programmes with three cities; we wish to share what works.",
                        "Our city is drafting its intercultural strategy and needs the national perspective.",
                    ]
                ),
                language=rng.choice(["en", "en", "fr"]),
                consent_at=_at(received_from + datetime.timedelta(days=n % 20), 11),
            )
        )
    return rows


def _load_lab(
    rng: random.Random, today: datetime.date, kind: EventKind, secretariat: User | None, why: str
) -> tuple[int, int, int, int]:
    criteria = list(LabCriterion.objects.filter(active=True))
    used: set[str] = set()
    labs = _with_history(
        PolicyLab,
        [
            PolicyLab(title=en, title_en=en, title_fr=fr, first_year=first, last_year=last)
            for en, fr, first, last in LAB_COHORTS
        ],
        why,
        secretariat,
    )
    calls = _with_history(
        LabCall,
        [
            LabCall(
                lab=lab,
                title=f"Call for members: {lab.title_en}",
                title_en=f"Call for members: {lab.title_en}",
                title_fr=f"Appel à membres : {lab.title_fr}",
                introduction=LAB_INTRO_EN,
                introduction_en=LAB_INTRO_EN,
                introduction_fr=LAB_INTRO_FR,
                opens_on=datetime.date(lab.first_year - 1, 9, 1),
                closes_on=datetime.date(lab.first_year - 1, 10, 31),
                places=16,
            )
            for lab in labs
        ],
        why,
        secretariat,
    )
    # The call for the next cohort, open now.
    upcoming = _with_history(
        PolicyLab,
        [
            PolicyLab(
                title="Policy lab 2026-2027",
                title_en="Policy lab 2026-2027",
                title_fr="Laboratoire politique 2026-2027",
                first_year=max(today.year, 2026),
                last_year=max(today.year, 2026) + 1,
            )
        ],
        why,
        secretariat,
    )[0]
    open_call = _with_history(
        LabCall,
        [
            LabCall(
                lab=upcoming,
                title="Call for members: Policy lab 2026-2027",
                title_en="Call for members: Policy lab 2026-2027",
                title_fr="Appel à membres : Laboratoire politique 2026-2027",
                introduction=CALL_INTRO_EN,
                introduction_en=CALL_INTRO_EN,
                introduction_fr=CALL_INTRO_FR,
                opens_on=today - datetime.timedelta(days=20),
                closes_on=today + datetime.timedelta(days=25),
                places=16,
            )
        ],
        why,
        secretariat,
    )[0]

    applications: list[LabApplication] = []
    for call in calls:
        applications += _applications(rng, call, 26, used, call.opens_on)
    applications += _applications(rng, open_call, 12, used, open_call.opens_on)
    applications = _with_history(LabApplication, applications, why, None)

    scores: list[LabScore] = []
    totals: dict[int, float] = {}
    for application in applications:
        past = application.call_id != open_call.pk
        position = sum(1 for a in applications if a.call_id == application.call_id and a.pk < application.pk)
        # In the open call: 8 fully scored, 2 partly, 2 not yet.
        scored = criteria if past or position < 8 else (criteria[:2] if position < 10 else [])
        earned = 0.0
        for criterion in scored:
            value = rng.randint(max(1, criterion.max_score // 3), criterion.max_score)
            earned += criterion.weight * value / criterion.max_score
            scores.append(
                LabScore(application=application, criterion=criterion, score=value, scored_by=secretariat)
            )
        totals[application.pk] = earned
    _with_history(LabScore, scores, why, secretariat)

    # Past calls: the 16 best accepted, the others declined, each with a reason; the accepted become contacts.
    accepted: list[LabApplication] = []
    for call in calls:
        ranked = sorted(
            (a for a in applications if a.call_id == call.pk),
            key=lambda a: (-round(totals[a.pk], 6), a.full_name),
        )
        taken: dict[str, int] = {}
        for application in ranked:
            application.decided_at = _at(call.closes_on + datetime.timedelta(days=21), 10)
            application.decided_by = secretariat
            side = application.gender if application.gender in ("woman", "man") else "other"
            # The highest scores, with no more than 55 % of the places to women or to men: balance is an aim.
            balanced = side == "other" or taken.get(side, 0) < round(0.55 * call.places)
            if sum(taken.values()) < call.places and balanced:
                taken[side] = taken.get(side, 0) + 1
                application.status = ApplicationStatus.ACCEPTED
                application.decision_reason = "Among the highest scores; keeps the cohort balanced by sector."
                accepted.append(application)
            else:
                application.status = ApplicationStatus.DECLINED
                application.decision_reason = (
                    "Strong application, but the places went to higher scores or to keep the cohort balanced."
                )
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                full_name=a.full_name,
                email=a.email,
                organisation=a.organisation,
                country=a.country,
                language=a.language,
                gender=a.gender,
                consent_given_at=a.consent_at,
            )
            for a in accepted
        ]
    )
    for application, contact in zip(accepted, contacts, strict=True):
        application.contact = contact
    LabApplication.objects.bulk_update(
        [a for a in applications if a.call_id != open_call.pk],
        ["status", "decision_reason", "decided_at", "decided_by", "contact"],
    )
    call_lab = {call.pk: call.lab for call in calls}
    lab_members = _with_history(
        LabMember,
        [
            LabMember(
                lab=call_lab[a.call_id],
                contact=a.contact,
                application=a,
                organisation_type=a.organisation_type,
                joined_on=datetime.date(call_lab[a.call_id].first_year, 1, 1),
            )
            for a in accepted
        ],
        why,
        secretariat,
    )

    # Sessions: two or three a year (the 2020 ones online), attendance by member, a few who drift away.
    events: list[Event] = []
    session_lab: list[PolicyLab] = []
    for lab in labs:
        for year in range(lab.first_year, lab.last_year + 1):
            months = (3, 10) if rng.random() < 0.4 else (3, 6, 10)
            for month in months:
                day = datetime.date(year, month, 10 + rng.randrange(10))
                if day >= today:
                    continue
                online = year in (2020, 2021)
                events.append(
                    Event(
                        kind=kind,
                        title=f"{lab.title_en}: session of {day:%B %Y}",
                        title_en=f"{lab.title_en}: session of {day:%B %Y}",
                        title_fr=f"{lab.title_fr} : session de {_month_fr(day)}",
                        starts_at=_at(day, 9),
                        ends_at=_at(day, 17),
                        place="" if online else "Strasbourg, Palais de l'Europe",
                        online_link="https://meet.example.org/policy-lab" if online else "",
                        audience=Audience.INVITED,
                        status=EventStatus.DONE,
                        created_by=secretariat,
                    )
                )
                session_lab.append(lab)
    events = list(Event.objects.bulk_create(events))
    sessions = _with_history(
        LabSession,
        [LabSession(lab=lab, event=event) for lab, event in zip(session_lab, events, strict=True)],
        why,
        secretariat,
    )
    by_lab: dict[int, list[LabMember]] = {}
    for member in lab_members:
        by_lab.setdefault(member.lab_id, []).append(member)
    presence = {member.pk: rng.choice((0.95, 0.9, 0.85, 0.6)) for member in lab_members}
    registrations = []
    for session in sessions:
        for member in by_lab.get(session.lab_id, []):
            attended = rng.random() < presence[member.pk]
            registrations.append(
                Registration(
                    event=session.event,
                    contact=member.contact,
                    status="registered",
                    registered_at=session.event.starts_at - datetime.timedelta(days=21),
                    attended=attended,
                    attendance_marked_at=session.event.ends_at,
                )
            )
    Registration.objects.bulk_create(registrations)
    return len(labs) + 1, len(lab_members), len(sessions), len(applications)


MONTHS_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre",
]  # fmt: skip


def _month_fr(day: datetime.date) -> str:
    return f"{MONTHS_FR[day.month - 1]} {day.year}"
