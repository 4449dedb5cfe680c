"""`icc surveys load-questionnaire FILE...` loads residents' questionnaire versions (JSON or YAML, all or
nothing; the shipped ones without FILE); `icc surveys notify` tells coordinators of open surveys with few
answers and of closed surveys not published, once each (the daily `icc send_notifications` does the same)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from icc.surveys import services


class Command(BaseCommand):
    help = "Residents' questionnaires: load questionnaire versions, send the survey notices."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load-questionnaire", help="Load questionnaire files (the shipped ones by default)."
        )
        load.add_argument("files", nargs="*", type=Path)
        sub.add_parser(
            "notify", help="Tell coordinators of surveys with few answers or closed and unpublished."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "notify":
            few = services.surveys_few_answers_notify()
            closed = services.surveys_closed_notify()
            self.stdout.write(f"{few} told of few answers, {closed} told of a closed survey")
            return
        files = options["files"]
        try:
            with transaction.atomic():
                if files:
                    loaded = [services.questionnaire_load(path=path) for path in files]
                else:
                    loaded = services.questionnaire_load_shipped()
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        for questionnaire in loaded:
            self.stdout.write(
                f"{questionnaire.key}: {len(questionnaire.parsed().questions)} questions, "
                f"languages {', '.join(questionnaire.languages)}"
            )
