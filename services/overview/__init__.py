"""The Overview tab: where the district is on the journey, read from every capability.
(The district profile it edits is shared by all and lives at ``services/district_profile.py``.)
"""
