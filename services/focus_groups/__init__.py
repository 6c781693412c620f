"""The Focus groups tab: templates (from ``resources/focus_groups``), sessions, and what was
recorded in them.
"""
