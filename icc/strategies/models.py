"""City strategies and results-based accountability: the records."""
