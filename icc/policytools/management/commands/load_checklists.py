"""`icc load_checklists [FILE ...]`: load checklist versions (default: every file of icc/policytools/data).
All or nothing; running it again changes nothing; a version with answers cannot change (publish a new id)."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from icc.index.files import DocumentError, load_document
from icc.policytools import services


class Command(BaseCommand):
    help = "Load policy self-assessment checklist versions from YAML/JSON files (default: the shipped ones)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", help="Checklist files; none: icc/policytools/data/*.yaml")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if not options["files"]:
                results = services.checklists_load_shipped()
            else:
                known = services.index_question_ids()
                results = []
                with transaction.atomic():
                    for name in options["files"]:
                        document = load_document(Path(name))
                        results.append(
                            services.checklist_load(document=document, known_index_questions=known)
                        )
        except (ValidationError, DocumentError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("Nothing loaded:\n" + "\n".join(messages)) from error
        for result in results:
            self.stdout.write(f"{result.checklist.key}: {result.outcome}")
