"""The audit trail: recording every change, its labels, reading it."""
