"""The Readiness tab: readiness instruments (from ``resources/instruments``), rounds, coded
respondents and their answers, scoring and results by group.
"""
