"""Policy self-assessment tools: the records."""
