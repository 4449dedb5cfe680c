"""`icc load_demo`: load the demo network once, then print the demo accounts."""

from typing import Any

from django.core.management.base import BaseCommand

from icc.network.demo import DEMO_PASSWORD, demo_accounts, load_demo


class Command(BaseCommand):
    help = "Load the demo network into an empty register (once) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo()
        if result.loaded:
            figures = ", ".join(f"{value} {name}" for name, value in result.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {result.seconds:.1f} s: {figures}."))
        else:
            self.stdout.write("Demo data already loaded; keeping it.")
        accounts = demo_accounts()
        if not accounts:
            self.stdout.write("No demo accounts in this database.")
            return
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        width = max(len(user.email) for user, _roles in accounts)
        for user, roles in accounts:
            described = "; ".join(str(role) for role in roles) or "no role"
            self.stdout.write(f"  {user.email:<{width}}  {user.full_name} · {described}")
