"""The programme's objectives, targets and risks: the records."""
