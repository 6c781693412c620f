"""The Data tab: survey exports read and imported without anything identifying, waves,
headcounts, results by group, the disclosure audit and its ledger of releases, findings,
data sources and wellness domains.
"""
