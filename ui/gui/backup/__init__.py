"""Cadangan data: backups of the register, made by hand or daily, and restoring one."""
