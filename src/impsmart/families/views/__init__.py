"""Pages of the family register, split by page group (families, members, KB, quality)."""

from impsmart.families.views.families import (
    family_create,
    family_detail,
    family_edit,
    family_kk_number,
    family_ks,
    family_list,
)
from impsmart.families.views.kb import woman_event
from impsmart.families.views.members import (
    member_create,
    member_edit,
    member_exit,
    member_link_husband,
    member_separate,
)
from impsmart.families.views.quality import quality

__all__ = [
    "family_create",
    "family_detail",
    "family_edit",
    "family_kk_number",
    "family_ks",
    "family_list",
    "member_create",
    "member_edit",
    "member_exit",
    "member_link_husband",
    "member_separate",
    "quality",
    "woman_event",
]
