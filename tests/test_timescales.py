"""Working days skip weekends and the nation's bank holidays; letters show their due dates."""

from __future__ import annotations

from datetime import date

import pytest

from forms.letters import get_letter
from forms.timescales import TIMESCALES, add_months, add_working_days, get_timescale, is_working_day


def test_weekend_is_skipped():
    assert add_working_days(date(2026, 3, 6), 1, "wales") == date(2026, 3, 9)  # Friday -> Monday
    assert add_working_days(date(2026, 3, 4), 5, "wales") == date(2026, 3, 11)


def test_st_davids_day_is_not_a_bank_holiday():
    assert is_working_day(date(2026, 3, 2), "wales")  # Monday 2 March (1 March is a Sunday)
    assert is_working_day(date(2027, 3, 1), "wales")  # Monday 1 March 2027
    assert add_working_days(date(2027, 2, 26), 1, "wales") == date(2027, 3, 1)


def test_easter_monday_and_good_friday_are_not_working_days():
    assert not is_working_day(date(2026, 4, 3), "wales")
    assert not is_working_day(date(2026, 4, 6), "england")
    assert add_working_days(date(2026, 4, 2), 1, "wales") == date(2026, 4, 7)


def test_across_christmas():
    # 2026: Christmas Friday, Boxing Day Saturday observed on Monday 28 December
    assert add_working_days(date(2026, 12, 24), 1, "wales") == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 24), 2, "england") == date(2026, 12, 30)
    # New Year's Day 2027 is a Friday
    assert add_working_days(date(2026, 12, 31), 1, "england") == date(2027, 1, 4)


def test_nations_differ_where_their_holidays_do():
    # Scotland is not offered; England and Wales share the same days in these years
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), 1, "scotland")


def test_zero_days_is_the_same_day():
    assert add_working_days(date(2026, 3, 7), 0, "wales") == date(2026, 3, 7)


def test_months_clamp_to_the_end_of_short_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 2) == date(2027, 1, 30)


def test_catalogue_timescales():
    assert get_timescale("provider-letter-after-pecg").due("2026-03-04") == date(2026, 3, 11)
    assert get_timescale("pecg-decisions-shared").due(date(2026, 4, 2), "wales") == date(2026, 4, 7)
    assert get_timescale("pecg-minutes").due(date(2026, 3, 4)) == date(2026, 3, 11)
    assert get_timescale("initial-jimp").due(date(2026, 3, 4)) == date(2026, 4, 1)
    assert get_timescale("pecg-reconvened").due(date(2026, 3, 4)) == date(2026, 4, 15)
    assert get_timescale("cap-progress").due(date(2026, 3, 4)) == date(2026, 4, 4)
    assert get_timescale("dap-progress").due(date(2026, 3, 4)) == date(2026, 5, 4)
    assert {t.unit for t in TIMESCALES.values()} == {"working_days", "weeks", "months"}
    with pytest.raises(KeyError):
        get_timescale("nope")


@pytest.mark.parametrize(
    ("letter_id", "start", "due"),
    [
        ("provider-ec-status", "2026-04-01", "2026-04-10"),  # over Good Friday and Easter Monday
        ("provider-ec-meeting-invitation", "2026-03-04", "2026-03-11"),
        ("stakeholder-ec-confirmed", "2026-12-24", "2026-12-29"),
        ("network-notification", "2026-03-04", "2026-03-06"),
        ("provider-process-started", "2026-03-05", "2026-03-09"),
    ],
)
def test_letters_show_when_they_are_due(letter_id, start, due):
    defn = get_letter(letter_id)
    data = defn.example()
    data[defn.timescale_from] = start
    values, errors = defn.validate(data, today=date(2027, 1, 1))
    assert errors == []
    assert values["due_by"] == due
    field = defn.member("due_by")
    from forms.i18n import Translator

    assert field.display(values["due_by"], Translator("en")) == date.fromisoformat(due).strftime(
        "%-d %B %Y"
    )


def test_letter_without_a_timescale_has_no_due_date():
    defn = get_letter("family-concerns-raised")
    assert "due_by" not in defn.validate(defn.example())[0]
