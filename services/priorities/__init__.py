"""The Priorities tab: candidate actions (every other tab's findings arrive here), ratings
on the impact x ease matrix, the board, decisions, and actions added to the plan.
"""
