"""Dutch numbers: the cases mutation testing found untested (`make mutation`).

Each test pins a behaviour a surviving mutant changed: invisible characters, unusual
white space, which separator is the decimal one when both appear, the reason given for
text that is not a number, and how very large amounts are written back.
"""

import datetime as dt

import pytest

from helpers.inputs.dutch_numbers import Amount, format_amount, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("\u200b1.050", 1050),  # a zero-width space pasted in front
        ("\ufeff2,5", 2.5),  # a byte-order mark
        ("2\u200d900", 2900),  # a zero-width joiner inside the number
        ("30\u00a0000", 30000),  # a no-break space groups thousands
        ("30\t000", 30000),  # so does a tab
        ("ca.\n 30.000", 30000),
        ("30  000", 30000),  # two spaces count as one
    ],
)
def test_invisible_characters_and_odd_white_space_are_read(text, value):
    assert parse_amount(text).point == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.000 000", "unclear spaces inside the number '1.000 000'"),
        ("1.000,5,5", "unclear use of '.' and ',' in '1.000,5,5'"),
        ("12.34,5", "unclear use of '.' and ',' in '12.34,5'"),
        ("1.000,", "unclear decimals in '1.000,'"),
        ("5,", "'5,' is not a number"),
    ],
)
def test_unreadable_numbers_say_why(text, reason):
    with pytest.raises(ValueError) as error:
        parse_amount(text)
    assert reason in str(error.value)


DATE = (
    "Excel stored this cell as a date or time (it may have turned e.g. '4-7' into a date); "
    "format the column as Text and type the number again"
)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (float("inf"), "an infinite number is not allowed"),
        (True, "a yes/no (TRUE/FALSE) value is not a number"),
        (dt.date(2024, 4, 7), DATE),
        (dt.datetime(2024, 4, 7), DATE),
        ([1, 2], "unsupported cell type list"),
    ],
)
def test_cells_that_are_not_numbers_say_exactly_why(value, reason):
    with pytest.raises(ValueError) as error:
        parse_amount(value)
    assert str(error.value) == reason


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Amount(5, 5, "="), "5"),
        (Amount(2.5, 2.5, "="), "2.5"),
        (Amount(30000, 30000, "~"), "~30000"),
        (Amount(1e15, 1e15, "="), "1000000000000000.0"),  # from 1e15 on: written out
        (Amount(1234567890123456.0, None, ">"), ">1234567890123456.0"),
        (Amount(999999999999999.0, 999999999999999.0, "="), "1e+15"),  # below: short form
    ],
)
def test_format_amount_writes_exactly(amount, text):
    assert format_amount(amount) == text
