"""The permission matrix rows of icc/evaluations (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person).

The objects: an evaluation of a Lyon strategy whose answers were submitted by bob and accepted, erin assigned
to
write its report (a draft), and an evidence file. The city's people read the evaluation, not the draft report;
erin reads both; only the secretariat builds the instrument; nobody else knows it exists; nothing is public
yet."""

from typing import Any

ROWS: list[tuple[str, Any, dict[str, int]]] = []
NOT_IN_MATRIX: set[str] = set()


def _evaluation(o: dict[str, Any]) -> Any:
    if "evaluation" not in o:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from icc.accounts.models import User
        from icc.evaluations import services
        from icc.evaluations.models import EvaluationQuestion
        from tests.evaluations.helpers import make_evaluation
        from tests.experts.profile_fixtures import expert_for

        alice = User.objects.get(email="alice@example.org")
        bob = User.objects.get(email="bob@example.org")
        erin = expert_for(User.objects.get(email="erin@example.org"))
        evaluation = make_evaluation(o["lyon"], alice, step="open")
        question = EvaluationQuestion.objects.filter(section__evaluation=evaluation).first()
        pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")
        o["evaluation_evidence"] = services.evidence_add(by=bob, question=question, file=pdf)
        o["evaluation_question"] = question
        from tests.evaluations.helpers import answer_all

        answer_all(evaluation, bob)
        services.evaluation_submit(by=bob, evaluation=evaluation)
        services.report_assign_expert(by=alice, evaluation=evaluation, expert=erin)
        o["evaluation"] = evaluation
    return o["evaluation"]


def _rows() -> None:
    from tests.test_permission_matrix import (
        LYON_READ,
        LYON_SECRETARIAT,
        PEOPLE,
        PUBLIC,
        SECRETARIAT_ONLY,
        SIGNED_IN,
    )

    report_draft = {**dict.fromkeys(PEOPLE, 404), "anonymous": 302, "alice": 200, "erin": 200}
    nobody = dict.fromkeys(PEOPLE, 404)

    def e(o: dict[str, Any]) -> int:
        return _evaluation(o).pk

    ROWS.extend(
        [
            ("evaluations:list", lambda o: "/evaluations/", SIGNED_IN),
            ("evaluations:create", lambda o: "/evaluations/new/", SECRETARIAT_ONLY),
            ("evaluations:detail", lambda o: f"/evaluations/{e(o)}/", LYON_READ),
            ("evaluations:history", lambda o: f"/evaluations/{e(o)}/history/", LYON_READ),
            # The instrument is the secretariat's: the others who know the evaluation may not open it (403).
            ("evaluations:instrument", lambda o: f"/evaluations/{e(o)}/instrument/", LYON_SECRETARIAT),
            (
                "evaluations:question_edit",
                lambda o: f"/evaluations/{e(o)}/instrument/questions/{o['evaluation_question'].pk}/",
                LYON_SECRETARIAT,
            ),
            (
                "evaluations:section",
                lambda o: f"/evaluations/{e(o)}/sections/{o['evaluation_question'].section_id}/",
                LYON_READ,
            ),
            (
                "evaluations:evidence_download",
                lambda o: f"/evaluations/{e(o)}/evidence/{o['evaluation_evidence'].pk}/",
                LYON_READ,
            ),
            # A draft report: the secretariat and its expert only (the city reads it once shared).
            ("evaluations:report", lambda o: f"/evaluations/{e(o)}/report/", report_draft),
            ("public:evaluations:list", lambda o: "/en/evaluations/", PUBLIC),
            # Not published: nobody sees it on the public site (published: tests/evaluations/test_views.py).
            ("public:evaluations:detail", lambda o: f"/en/evaluations/reports/{e(o)}/", nobody),
            ("public:evaluations:pdf", lambda o: f"/en/evaluations/reports/{e(o)}/report.pdf", nobody),
        ]
    )


_rows()

# POST-only actions, covered by tests/evaluations/test_views.py and test_services.py.
NOT_IN_MATRIX |= {
    "evaluations:open",
    "evaluations:submit",
    "evaluations:return",
    "evaluations:expert_assign",
    "evaluations:next_strategy",
    "evaluations:question_add",
    "evaluations:question_remove",
    "evaluations:answer_save",
    "evaluations:evidence_upload",
    "evaluations:evidence_delete",
    "evaluations:report_save",
    "evaluations:report_move",
    "evaluations:recommendation_add",
    "evaluations:recommendation_remove",
}
