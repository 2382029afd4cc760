"""The wizard's slow steps as plain functions of (progress, cancel), run by the wizard's Tasks.

Each returns what the next screen needs; OSError from the clerk's own files
becomes a message naming the file (see error_text.unwritable).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.core.context import ServiceContext
from services.core.progress import Cancel, Progress
from services.excel_import import (
    ColumnMapping,
    ImportOptions,
    ImportResult,
    SourceTable,
    commit_import,
    dry_run,
    read_import_file,
    recall_mapping,
    remember_mapping,
    write_report,
)
from services.workers.regions import RegionDirectory
from ui.gui.widgets.error_text import unwritable


@dataclass(frozen=True, slots=True)
class Loaded:
    source: SourceTable
    mapping: ColumnMapping
    remembered: bool  # the mapping was used before for these headers


@dataclass(frozen=True, slots=True)
class ImportRun:
    """Everything a dry run or a commit needs."""

    ctx: ServiceContext
    regions: RegionDirectory
    source: SourceTable
    mapping: ColumnMapping
    options: ImportOptions
    # The mapping the wizard offered; a corrected one is remembered for the next file.
    offered: ColumnMapping

    def dry_run(self, progress: Progress, cancel: Cancel) -> ImportResult:
        if self.mapping != self.offered:
            remember_mapping(self.ctx, self.source, self.mapping)
        return dry_run(
            self.ctx,
            self.source,
            self.mapping,
            self.options,
            regions=self.regions,
            progress=progress,
            cancel=cancel,
        )

    def commit(self, progress: Progress, cancel: Cancel) -> ImportResult:
        return commit_import(
            self.ctx,
            self.source,
            self.mapping,
            self.options,
            regions=self.regions,
            progress=progress,
            cancel=cancel,
        )


def load_file(ctx: ServiceContext, path: Path, sheet: str | None = None) -> Loaded:
    return mapped(ctx, read_import_file(path, sheet))


def mapped(ctx: ServiceContext, source: SourceTable) -> Loaded:
    remembered = recall_mapping(ctx, source)
    if remembered is not None:
        return Loaded(source, remembered, True)
    return Loaded(source, source.suggested, False)


def save_report(result: ImportResult, source: SourceTable, path: Path) -> Path:
    try:
        return write_report(result, source, path)
    except OSError as error:
        raise unwritable(path, error) from error
