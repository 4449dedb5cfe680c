"""`icc load_demo`: load the demo data once (the network, then the Index), then print the demo accounts."""

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from icc.demo.loader import load_demo_data
from icc.demo.scale import load_scale
from icc.network.demo import DEMO_PASSWORD, demo_accounts


class Command(BaseCommand):
    help = "Load the demo network and Index rounds into an empty register (once) and print the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="then add N generated member cities, each with five published Index rounds "
            "(icc/demo/scale.py), "
            "to measure the platform at the size of a large network",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] < 0:
            raise CommandError("--scale: give a number of cities, e.g. --scale 1500.")
        # Each score computation is a task, which Django logs at INFO while DEBUG is on: hundreds of lines.
        logging.getLogger("django.tasks").setLevel(logging.WARNING)
        loaded = load_demo_data()
        if loaded.network.loaded:
            figures = ", ".join(f"{value} {name}" for name, value in loaded.network.counts.items())
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded in {loaded.network.seconds:.1f} s: {figures}.")
            )
        else:
            self.stdout.write("Demo data already loaded; keeping it.")
        index = loaded.index
        if index.loaded:
            figures = ", ".join(f"{value} {name}" for name, value in index.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Index demo loaded in {index.seconds:.1f} s: {figures}."))
        elif index.note == "kept":
            self.stdout.write("Index rounds already there; keeping them.")
        else:
            self.stdout.write("Not the demo network: no Index demo loaded.")
        if loaded.published:
            self.stdout.write(
                self.style.SUCCESS(f"Index 2014 and 2022 results published for {loaded.published} cities.")
            )
        if loaded.reports.loaded:
            figures = ", ".join(f"{value} {name}" for name, value in loaded.reports.counts.items())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Reports loaded in {loaded.reports.seconds:.1f} s (PDFs included): {figures}."
                )
            )
        if loaded.gaps is not None and loaded.gaps.loaded:
            figures = ", ".join(f"{value} {name}" for name, value in loaded.gaps.counts.items())
            self.stdout.write(
                self.style.SUCCESS(f"Gap data loaded in {loaded.gaps.seconds:.1f} s (synthetic): {figures}.")
            )
        if options["scale"]:
            scaled = load_scale(options["scale"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Scale data loaded in {scaled.seconds:.1f} s: {scaled.cities} cities, "
                    f"{len(scaled.recomputes)} published rounds, {scaled.answers} answers."
                )
            )
            for name, cities, seconds in scaled.recomputes:
                self.stdout.write(
                    f"  {name}: scores of {cities} cities computed and stored in {seconds:.2f} s"
                )
        accounts = demo_accounts()
        if not accounts:
            self.stdout.write("No demo accounts in this database.")
            return
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        width = max(len(user.email) for user, _roles in accounts)
        for user, roles in accounts:
            described = "; ".join(str(role) for role in roles) or "no role"
            self.stdout.write(f"  {user.email:<{width}}  {user.full_name} · {described}")
