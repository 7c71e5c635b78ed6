"""Pages of KIE, counselling, referrals, the visit list and facilities (split by page group)."""

from impsmart.counseling.views.facilities import (
    facility_create,
    facility_delete,
    facility_detail,
    facility_edit,
    facility_list,
    facility_staff_link,
    facility_staff_unlink,
)
from impsmart.counseling.views.kie import kie_create, kie_detail, kie_list
from impsmart.counseling.views.referrals import (
    refer,
    referral_answer,
    referral_confirm,
    referral_detail,
    referral_list,
    referral_slip,
    referral_slip_pdf,
)
from impsmart.counseling.views.sessions import counsel, counseling_detail, index
from impsmart.counseling.views.visits import home_blocks, visit_list, visit_record

__all__ = [
    "counsel",
    "counseling_detail",
    "facility_create",
    "facility_delete",
    "facility_detail",
    "facility_edit",
    "facility_list",
    "facility_staff_link",
    "facility_staff_unlink",
    "home_blocks",
    "index",
    "kie_create",
    "kie_detail",
    "kie_list",
    "refer",
    "referral_answer",
    "referral_confirm",
    "referral_detail",
    "referral_list",
    "referral_slip",
    "referral_slip_pdf",
    "visit_list",
    "visit_record",
]
