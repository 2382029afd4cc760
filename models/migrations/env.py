"""Alembic environment: migrations always run on a connection handed in by models.schema."""

from __future__ import annotations

from alembic import context

from models import Base  # every table, not only the base's module

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through `python main.py db upgrade`.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
