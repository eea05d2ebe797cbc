"""Every write in privacy, split by area; import from here."""

from privacy.services.erasure import applications_erase, participant_erase, peer_worker_erase
from privacy.services.export import Export, subject_access_export
from privacy.services.retention import unsuccessful_applicants_erase

__all__ = [
    "Export",
    "applications_erase",
    "participant_erase",
    "peer_worker_erase",
    "subject_access_export",
    "unsuccessful_applicants_erase",
]
