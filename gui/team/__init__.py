"""The Team tab (seed 000, step 1): roster, lead, meetings and how the team mirrors the staff."""
