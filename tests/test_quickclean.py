"""``quickclean.full_clean`` accepts what Django's ``full_clean`` accepts and refuses the rest
with Django's own words (it runs Django's whenever a value is in doubt)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from impsmart import quickclean
from impsmart.families.models import ContraceptiveEpisode, Member

GOOD = {
    "name": "Siti",
    "sex": "P",
    "birth_date": dt.date(1990, 1, 2),
    "relation": "istri",
    "marital_status": "kawin",
    "nik": "",
    "jkn": None,
}
MEMBER_EXCLUDE = ["family", "spouse"]


def errors_of(clean) -> dict | None:
    try:
        clean()
    except ValidationError as error:
        return error.message_dict
    return None


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"name": "x" * 121},
        {"name": ""},
        {"name": "a\x00b"},
        {"sex": "X"},
        {"sex": ""},
        {"relation": "tetangga", "marital_status": "kawin?"},
        {"education": "doktor"},
        {"education": ""},
        {"occupation": "p" * 61},
        {"birth_date": None},
        {"birth_date": "1990-01-02"},  # Django makes it a date: no error
        {"birth_date": dt.datetime(1990, 1, 2, 3, 4, tzinfo=dt.UTC)},
        {"birth_date": "kemarin"},
        {"jkn": "mungkin"},
        {"jkn": True, "nik_mismatch_confirmed": None},
        {"left_reason": "lari"},
        {"name": 12},
    ],
)
def test_member_as_django_says(changes):
    quick, django = Member(**GOOD | changes), Member(**GOOD | changes)
    expected = errors_of(lambda: django.full_clean(exclude=MEMBER_EXCLUDE))
    assert errors_of(lambda: quickclean.full_clean(quick, exclude=MEMBER_EXCLUDE)) == expected
    assert quick.birth_date == django.birth_date  # converted alike where Django converts


def test_good_rows_skip_djangos_full_clean():
    member = Member(**GOOD | {"education": "sma", "occupation": "petani", "jkn": True})
    episode = ContraceptiveEpisode(member=member, method="SUNTIK3", start_date=dt.date(2024, 6, 1))
    with mock.patch.object(models.Model, "full_clean") as django:
        quickclean.full_clean(member, exclude=MEMBER_EXCLUDE)
        quickclean.full_clean(episode, exclude=["member"], validate_constraints=False)
    django.assert_not_called()


def test_models_it_cannot_judge_go_to_django():
    episode = ContraceptiveEpisode(method="IMPLAN", start_date=dt.date(2024, 6, 1))
    stored = Member(**GOOD, pk=7)
    with mock.patch.object(models.Model, "full_clean") as django:
        quickclean.full_clean(episode, exclude=["member"])  # a constraint to validate
        quickclean.full_clean(stored, exclude=MEMBER_EXCLUDE)  # a stored row
    assert django.call_count == 2


@pytest.mark.parametrize(
    "changes", [{"method": "JAMU"}, {"jalur": "pasar"}, {"start_date": None}, {"place": "x" * 11}]
)
def test_episode_as_django_says(changes):
    fields = {"method": "PIL", "start_date": dt.date(2024, 6, 1)} | changes
    quick, django = ContraceptiveEpisode(**fields), ContraceptiveEpisode(**fields)
    expected = errors_of(lambda: django.full_clean(exclude=["member"], validate_constraints=False))
    assert expected
    assert (
        errors_of(
            lambda: quickclean.full_clean(quick, exclude=["member"], validate_constraints=False)
        )
        == expected
    )
