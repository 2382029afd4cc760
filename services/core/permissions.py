"""What each role may do. Services check these; the GUI only hides what would be refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from models.enums import Role
from services.core.errors import SiRentanError


class Permission(StrEnum):
    READ_WORKERS = "read_workers"
    EDIT_WORKERS = "edit_workers"
    SEE_FULL_IDENTITY = "see_full_identity"  # NIK, No. KK and bank accounts unmasked
    IMPORT = "import"
    APPROVE = "approve"  # claim steps and large imports
    PRINT_CARDS = "print_cards"
    CLAIMS = "claims"
    LETTERS = "letters"
    EXPORT = "export"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    READ_AUDIT = "read_audit"
    BACKUP = "backup"
    RESTORE_BACKUP = "restore_backup"
    PREMIUMS = "premiums"  # BPJS bills, payments, budget allocations, billed lists


_OPERATOR = {
    Permission.READ_WORKERS,
    Permission.EDIT_WORKERS,
    Permission.SEE_FULL_IDENTITY,
    Permission.IMPORT,
    Permission.PRINT_CARDS,
    Permission.CLAIMS,
    Permission.LETTERS,
    Permission.EXPORT,
    Permission.BACKUP,
    Permission.PREMIUMS,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.OPERATOR: frozenset(_OPERATOR),
    Role.VERIFIKATOR: frozenset(
        {
            Permission.READ_WORKERS,
            Permission.SEE_FULL_IDENTITY,
            Permission.APPROVE,
            Permission.EXPORT,
        }
    ),
    Role.VIEWER: frozenset({Permission.READ_WORKERS}),
}

ROLE_LABELS = {
    Role.ADMIN: "Administrator",
    Role.OPERATOR: "Operator",
    Role.VERIFIKATOR: "Verifikator",
    Role.VIEWER: "Pengamat",
}

_ACTION_LABELS = {
    Permission.READ_WORKERS: "melihat data peserta",
    Permission.EDIT_WORKERS: "mengubah data peserta",
    Permission.SEE_FULL_IDENTITY: "melihat NIK dan rekening lengkap",
    Permission.IMPORT: "mengimpor data",
    Permission.APPROVE: "menyetujui",
    Permission.PRINT_CARDS: "mencetak kartu",
    Permission.CLAIMS: "mengelola klaim",
    Permission.LETTERS: "membuat surat",
    Permission.EXPORT: "mengekspor data",
    Permission.MANAGE_USERS: "mengelola akun pengguna",
    Permission.MANAGE_SETTINGS: "mengubah pengaturan",
    Permission.READ_AUDIT: "melihat jejak audit",
    Permission.BACKUP: "membuat cadangan",
    Permission.RESTORE_BACKUP: "memulihkan basis data dari cadangan",
    Permission.PREMIUMS: "mencatat tagihan, pembayaran dan anggaran iuran",
}


class PermissionDeniedError(SiRentanError):
    pass


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in clerk as services see them."""

    user_id: int
    username: str
    full_name: str
    role: Role
    kecamatan_codes: frozenset[str] = field(default_factory=frozenset)
    # Until the clerk chooses their own password, nothing else is allowed.
    must_change_password: bool = False

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if self.must_change_password:
            raise PermissionDeniedError(
                f"Akun {self.username} harus mengganti kata sandi sementara dulu."
            )
        if not self.can(permission):
            raise PermissionDeniedError(
                f"Akun {self.username} ({ROLE_LABELS[self.role]}) tidak berwenang "
                f"{_ACTION_LABELS[permission]}. Minta bantuan administrator bila perlu."
            )

    def sees_kecamatan(self, kecamatan_code: str) -> bool:
        return not self.kecamatan_codes or kecamatan_code in self.kecamatan_codes

    @property
    def masks_identity(self) -> bool:
        return not self.can(Permission.SEE_FULL_IDENTITY)
