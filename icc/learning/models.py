"""The initiation course: the records."""
