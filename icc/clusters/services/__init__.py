"""Writes to learning clusters (clusters.py) and the policy lab (lab.py)."""
