"""The Team tab: the planning team and the people on it, how well it represents the staff
groups, and its meetings (with access needs).
"""
