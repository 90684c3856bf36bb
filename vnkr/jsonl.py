"""One line of JSONL as one unit: whatever a hostile line holds (a number of thousands of digits,
arrays nested past the recursion limit, a lone surrogate escape) is a reason naming that line,
never an exception that ends the run and loses the other lines."""

from __future__ import annotations

import json
import re

SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")  # the only way JSON read from UTF-8 holds one


class LineError(ValueError):
    """Why a line is not what it should be: one short clause."""


def parse(text: str) -> object:
    """The JSON value of a line, or LineError: Python's reader raises more than JSONDecodeError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise LineError(f"not valid JSON ({error.msg})") from None
    except RecursionError:
        raise LineError("not valid JSON (nested too deeply to read)") from None
    except ValueError as error:  # a number of more digits than int() reads (sys.get_int_max_str_digits)
        raise LineError(f"not valid JSON ({str(error).partition(':')[0]})") from None


def surrogate(value: object) -> str | None:
    """The first string in `value` (strings, lists and dicts of them) holding a lone surrogate,
    which no UTF-8 output can write: the JSON escaped half an emoji, say."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if SURROGATE.search(item):
                return item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def surrogate_reason(line: str, value: object, where: str = "") -> str | None:
    """Why `value`, read from `line`, cannot be written out, or None; the line is only searched
    when it has a surrogate escape at all."""
    if not SURROGATE_ESCAPE.search(line):
        return None
    found = surrogate(value)
    if found is None:
        return None
    code = SURROGATE.search(found).group()
    return f"{where}a lone surrogate (\\u{ord(code):04x}), which is not Unicode text"
