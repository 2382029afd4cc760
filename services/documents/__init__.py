"""Official documents: letters and the cooperation agreement, numbered in the letter register.

The public API; the GUI, the CLI and other services (claims, premiums) use these::

    doc = issue_letter(ctx, LetterRequest(ClaimLetter(...), signatory_id=3,
                                          document_date=office_today_of(ctx)))
    Path("surat.pdf").write_bytes(doc.pdf)   # doc.number, doc.entry (letter register line)
"""

from models.enums import DocumentKind, DocumentStatus, PageSize, Sifat
from services.documents.agreement.params import AgreementParams, AgreementRequest, SecondParty
from services.documents.agreement.service import (
    compute_agreement,
    default_legal_bases,
    default_second_party,
    issue_agreement,
    preview_agreement,
)
from services.documents.catalogue import (
    all_templates,
    load_template_by_key,
    reset_template_by_key,
    save_template_by_key,
)
from services.documents.letter_register import cancel as cancel_document
from services.documents.letter_register import document_fields, get_document, list_documents
from services.documents.letter_register import reprint as reprint_document
from services.documents.letters.fields import (
    ClaimLetter,
    ClaimProgramme,
    HeirNoticeLetter,
    LetterFields,
    LetterRequest,
    MembershipLetter,
    PremiumLetter,
    RegistrationLetter,
)
from services.documents.letters.service import issue_letter, preview_letter
from services.documents.signatories import (
    add_signatory,
    get_signatory,
    list_signatories,
    set_signatory_active,
    update_signatory,
)
from services.documents.types import (
    KIND_LABELS,
    SIFAT_LABELS,
    STATUS_LABELS,
    DocumentEntry,
    DocumentQuery,
    IssuedDocument,
    SignatoryInput,
    SignatoryItem,
)

__all__ = [
    "KIND_LABELS",
    "SIFAT_LABELS",
    "STATUS_LABELS",
    "AgreementParams",
    "AgreementRequest",
    "ClaimLetter",
    "ClaimProgramme",
    "DocumentEntry",
    "DocumentKind",
    "DocumentQuery",
    "DocumentStatus",
    "HeirNoticeLetter",
    "IssuedDocument",
    "LetterFields",
    "LetterRequest",
    "MembershipLetter",
    "PageSize",
    "PremiumLetter",
    "RegistrationLetter",
    "SecondParty",
    "Sifat",
    "SignatoryInput",
    "SignatoryItem",
    "add_signatory",
    "all_templates",
    "cancel_document",
    "compute_agreement",
    "default_legal_bases",
    "default_second_party",
    "document_fields",
    "get_document",
    "get_signatory",
    "issue_agreement",
    "issue_letter",
    "list_documents",
    "list_signatories",
    "load_template_by_key",
    "preview_agreement",
    "preview_letter",
    "reprint_document",
    "reset_template_by_key",
    "save_template_by_key",
    "set_signatory_active",
    "update_signatory",
]
