"""The six figures at the top of Beranda, each a tile: a caption, a big number, a few lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from services.text.figures import rupiah_whole
from services.text.labels import FUNDING
from ui.gui.formats import thousands

if TYPE_CHECKING:
    from services.reports.dashboard import Dashboard

WAITING = "…"
ALERT_COLOUR = "#b3261e"


class Tile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(
            "#tile { background: #ffffff; border: 1px solid #d5d9de; border-radius: 6px; }"
        )
        self.caption = QLabel(caption, self)
        self.caption.setStyleSheet("color: #4a5560; font-weight: 600;")
        self.value = QLabel(WAITING, self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet("color: #1a3d7c;")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail, 1)

    def set_figures(
        self, value: str, lines: list[str], tooltip: str = "", caption: str | None = None
    ) -> None:
        """``lines`` are rich text (already escaped), one under another."""
        if caption is not None:
            self.caption.setText(caption)
        self.value.setText(value)
        self.detail.setText("<br>".join(lines))
        self.setToolTip(tooltip)


def _alert(text: str) -> str:
    return f'<span style="color:{ALERT_COLOUR}; font-weight:600">{text}</span>'


class TileBoard(QWidget):
    COLUMNS = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.active = Tile("Peserta terlindungi hari ini", self)
        self.joined = Tile("Baru bulan ini", self)
        self.cards = Tile("Kartu peserta", self)
        self.claims = Tile("Klaim terbuka", self)
        self.premium = Tile("Iuran bulan ini", self)
        self.budget = Tile("Anggaran terpakai", self)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for index, tile in enumerate(self.tiles()):
            layout.addWidget(tile, index // self.COLUMNS, index % self.COLUMNS)
        for column in range(self.COLUMNS):
            layout.setColumnStretch(column, 1)

    def tiles(self) -> list[Tile]:
        return [self.active, self.joined, self.cards, self.claims, self.premium, self.budget]

    def show_board(self, board: Dashboard) -> None:
        month = board.per_month[-1].month
        by_funding = [f"{FUNDING[f]}: <b>{thousands(n)}</b>" for f, n in board.active_by_funding]
        self.active.set_figures(
            thousands(board.active_total),
            by_funding or ["Belum ada peserta terlindungi."],
            "Status aktif dan tanggal kepesertaan mencakup hari ini, per sumber dana iuran",
        )
        self.joined.set_figures(
            thousands(board.joined_this_month),
            [f"mulai terlindungi {month.label}"],
            "Peserta yang tanggal mulai kepesertaannya jatuh di bulan ini",
        )
        cards = board.cards
        pending = f"{thousands(cards.not_handed_over)} kartu dicetak, belum diserahkan"
        self.cards.set_figures(
            thousands(cards.workers_with_card),
            [
                "peserta sudah dicetak kartunya",
                _alert(pending) if cards.not_handed_over else pending,
            ],
            "Serah terima kartu dicatat di bagian Kartu",
        )
        self._show_claims(board)
        self.premium.set_figures(
            rupiah_whole(board.premium_amount),
            [f"{thousands(board.premium_workers)} peserta dihitung", board.rule_text],
            "Dihitung dari register dengan tarif yang berlaku bulan ini",
            caption=f"Iuran {month.label}",
        )
        self._show_budget(board)

    def _show_claims(self, board: Dashboard) -> None:
        # Imported here, after the first paint: the claim labels pull in the claim types.
        from services.claims.labels import CLAIM_STATUS
        from services.claims.types import ClaimStatus

        claims = board.claims
        lines = [
            f"{CLAIM_STATUS[ClaimStatus(code)]}: <b>{thousands(n)}</b>"
            for code, n in claims.open_by_status
            if n
        ]
        late = f"{thousands(claims.overdue)} terlambat lapor tahap I (2 × 24 jam)"
        lines.append(_alert(late) if claims.overdue else "tidak ada yang terlambat lapor")
        self.claims.set_figures(
            thousands(claims.open_total),
            [" · ".join(lines[:-1]), lines[-1]] if len(lines) > 1 else lines,
            "Klaim yang belum selesai, ditolak atau dibatalkan, menurut statusnya",
        )

    def _show_budget(self, board: Dashboard) -> None:
        caption = f"Anggaran {board.budget_year} terpakai"
        share = board.budget_used_share
        if share is None:
            self.budget.set_figures(
                "–",
                [f"Pagu {board.budget_year} belum dicatat.", "Catat di Iuran & anggaran."],
                "Pagu APBD untuk iuran, semua sumber dana",
                caption=caption,
            )
            return
        paid = f"{rupiah_whole(board.budget_paid)} dibayar"
        of = f"dari pagu {rupiah_whole(board.budget_allocation)}"
        self.budget.set_figures(
            f"{share * 100:.1f} %".replace(".", ","),
            [paid, of],
            "Pembayaran iuran untuk bulan-bulan tahun ini dibanding pagu APBD tahun ini",
            caption=caption,
        )
