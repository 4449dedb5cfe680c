"""Evidence of impact: the records."""
