"""The plan file itself: creating, opening, checking and repairing ``.wellplan`` files, their
lock, snapshots, schema check, authorizer and disk failures in plain words. No tab of its own;
the window and the command line open plans through ``plan_file``.
"""
