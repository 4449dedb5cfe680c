"""Writes to the programme's activities. Every service takes keyword-only arguments, validates, runs in one
transaction and records who did it and why in the history (icc.core.history)."""
