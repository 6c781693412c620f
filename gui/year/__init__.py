"""The turn of the year in the window: the year-end review and Start next school year (File menu)."""
