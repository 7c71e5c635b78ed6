"""Pages of KB service days (``days.py``) and of PUP and the young (``pup.py``)."""

from impsmart.services.views.days import (
    attendance,
    confirm,
    day_create,
    day_detail,
    day_list,
    home_block,
    methods,
    target_list,
)
from impsmart.services.views.pup import (
    couple_create,
    couple_marry,
    mentoring_create,
    overview,
    youth_list,
)

__all__ = [
    "attendance",
    "confirm",
    "couple_create",
    "couple_marry",
    "day_create",
    "day_detail",
    "day_list",
    "home_block",
    "mentoring_create",
    "methods",
    "overview",
    "target_list",
    "youth_list",
]
