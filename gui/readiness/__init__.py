"""The Readiness tab (journey step 2): instruments, rounds, answers and results."""
