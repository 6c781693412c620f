"""The turn of the year (seed 003: Act is the last phase before a new year-long cycle; seed 001's
re-charting): the year-end review of what the plan reached, and the next school year's plan."""
