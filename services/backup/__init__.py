"""Backups of the register (SQLite copies, pg_dump archives)."""
