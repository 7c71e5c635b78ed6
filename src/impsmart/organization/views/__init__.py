"""Pages of IMP institutions, boards, decrees and partners (split by page group)."""

from impsmart.organization.views.decrees import (
    decree_detail,
    decree_draft,
    decree_file,
    decree_list,
    decree_record,
)
from impsmart.organization.views.institutions import (
    home_block,
    institution_create,
    institution_deactivate,
    institution_detail,
    institution_edit,
    institution_list,
    seat_assign,
    seat_end,
)
from impsmart.organization.views.partners import (
    activity_add,
    contact_add,
    partner_create,
    partner_detail,
    partner_list,
)

__all__ = [
    "activity_add",
    "contact_add",
    "decree_detail",
    "decree_draft",
    "decree_file",
    "decree_list",
    "decree_record",
    "home_block",
    "institution_create",
    "institution_deactivate",
    "institution_detail",
    "institution_edit",
    "institution_list",
    "partner_create",
    "partner_detail",
    "partner_list",
    "seat_assign",
    "seat_end",
]
