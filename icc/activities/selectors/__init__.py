"""Reads of the programme's activities. Access is decided in one place per resource (access.py)."""
