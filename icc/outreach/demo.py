"""News and the newsletter: the demo content `icc load_demo` loads."""


def load_outreach_demo() -> None:
    """Loads nothing yet."""
