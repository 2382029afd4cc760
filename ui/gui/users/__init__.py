"""Akun petugas: administrators add, change and deactivate clerk accounts (never delete)."""
