"""Clerk accounts, signing in, passwords and PostgreSQL login roles."""
