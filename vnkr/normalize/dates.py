"""Text → ISO date: absolute dates, ranges and relative expressions resolved against `published`.

Every function takes the reference date explicitly; nothing here reads the clock.
Results are ISO 8601 at the precision the text gives ('2023', '2023-06', '2025-08-10')
or an interval 'start/end'. With no reference date a relative expression gives None.
"""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date, timedelta

from vnkr.rules import Calendar

PAST, NEAREST, FUTURE = -1, 0, 1

ISO = re.compile(r"^(\d{4})([-./])(\d{1,2})\2(\d{1,2})\.?$")  # '2025-08-08', Korean '2024.03.15', '2024. 3. 15.'
DAY_FIRST = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")  # '22/12/1992', '22.12.1992', '22-12-1992'
MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")  # '10/2009', '10-2009'
DASHED_DAY_MONTH = re.compile(r"^(\w+\s+)(\d{1,2})[-–](\d{1,2})$")  # Vietnamese 'ngày 30-10': the 30th of October
SHORT_YEAR_FIRST = re.compile(r"^(\d{2})\.(\d{1,2})\.(\d{1,2})\.?$")  # Korean '24.03.15': 15 March 2024
PIVOT = 69  # with no reference date a two-digit year below this is of the 2000s, as strptime's %y reads it
WORDS = re.compile(r"[^\W_]+")
ORDINAL_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _last_day(year: int, month: int) -> int:
    return _calendar.monthrange(year, month)[1]


def _pick_year(candidates: list[tuple[int, date]], ref: date, direction: int) -> int:
    """The year among candidates (year, representative date) the direction points to."""
    if direction == FUTURE:
        ahead = [c for c in candidates if c[1] >= ref]
        if ahead:
            return min(ahead, key=lambda c: c[1])[0]
    if direction == PAST:
        behind = [c for c in candidates if c[1] <= ref]
        if behind:
            return max(behind, key=lambda c: c[1])[0]
    return min(candidates, key=lambda c: (abs((c[1] - ref).days), c[1] > ref))[0]


def full_year(short: int, ref: date | None) -> int:
    """A year written with two digits ('24년', "'98"): the one of that ending nearest the reference
    date, never more than twenty years after it; with no reference, strptime's %y window."""
    if ref is None:
        return short + (2000 if short < PIVOT else 1900)
    year = ref.year // 100 * 100 + short
    return year - 100 if year > ref.year + 20 else year


def infer_year(month: int, day: int | None, ref: date, direction: int) -> int:
    """The year of a yearless month (and day) seen from `ref`."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        last = date(year, month, _last_day(year, month))
        if day is not None:
            point = _safe_date(year, month, day) or last
        else:
            # a whole month lies behind the reference once it is over, ahead until it begins
            first = date(year, month, 1)
            point = first if direction == FUTURE or last > ref else last
        candidates.append((year, point))
    return _pick_year(candidates, ref, direction)


def weekday_date(weekday: int, ref: date, direction: int, shift: int | None = None) -> date:
    """The date of a named weekday near `ref`: 'last', 'next', or by the sentence's tense."""
    delta = (weekday - ref.weekday()) % 7  # days ahead, 0..6
    ahead = ref + timedelta(days=delta)
    behind = ref - timedelta(days=(7 - delta) % 7)
    if shift == -1:
        return behind if behind < ref else behind - timedelta(days=7)
    if shift == 1:
        return ahead if ahead > ref else ahead + timedelta(days=7)
    if direction == FUTURE:
        return ahead
    if direction == PAST:
        return behind
    return ahead if (ahead - ref) <= (ref - behind) else behind


def _week_interval(ref: date, shift: int) -> str:
    monday = ref - timedelta(days=ref.weekday()) + timedelta(days=7 * shift)
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _shift_month(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


def _first_months(words: list[str], cal: Calendar) -> int | None:
    """12 for '... the first 12 months of ...', 5 for 'the first five months of', 11 for 'the 11 months of this year'."""
    if "months" not in words or ("of" not in words and "first" not in words):
        return None  # "the first five months" alone is of the year the text is in
    index = words.index("first") + 1 if "first" in words else words.index("months") - 1
    if index >= len(words):
        return None
    word = words[index]
    count = int(word) if word.isdigit() else cal.numbers.get(word)
    return count if count and 1 <= count <= 12 and words[index + 1 : index + 2] == ["months"] else None


MARKED_TOKENS = re.compile(r"\d+(?:/\d+){0,2}|[^\W\d_]+")


def _marker(word: str, cal: Calendar) -> str | None:
    """The kind of a marker word; after the number a particle may be glued to it ("6일까지")."""
    if word in cal.markers or not cal.markers_after:
        return cal.markers.get(word)
    return next((cal.markers[m] for m in sorted(cal.markers, key=len, reverse=True) if word.startswith(m)), None)


def _split_end_words(tokens: list[str], cal: Calendar) -> list[str]:
    """'년말' → '년' '말', '지난해말' → '지난해' '말': a word for the end of a period glued to a marker or a relative word."""
    out = []
    for token in tokens:
        word = next((w for w, part in cal.parts.items() if part == "end" and token.endswith(w) and token[: -len(w)] in {*cal.markers, *cal.relative}), None)
        out.extend([token[: -len(word)], word] if word else [token])
    return out


def _marked(text: str, cal: Calendar, ref: date | None) -> tuple[list[int], list[int], list[int], int | None, bool] | None:
    """(years, months, days, first N months) of a date whose numbers carry marker words: Korean
    '2025년 8월 10일', '1~7월', Vietnamese 'ngày 5/2', 'tháng 8/2025', '4 đến 6/9', '7 tháng đầu năm';
    None when no number of the text is marked (nor written day/month)."""
    tokens = _split_end_words(MARKED_TOKENS.findall(text.lower()), cal)
    years: list[int] = []
    months: list[int] = []
    days: list[int] = []
    first = None
    unmarked: list[int] = []
    seen = False
    since_start = False
    end = False  # "2018년 말", "cuối năm 2018": the end of the period (not "nửa cuối năm", a half)
    for index, token in enumerate(tokens):
        if not token:
            continue  # the second word of a number read with the one before it
        if cal.parts.get(token) == "end" and index in (0, len(tokens) - 1):
            end = True
            continue
        if token in cal.since_start:
            since_start = True  # "올해 들어 11월까지": January to November
            if token not in cal.relative:
                continue
        pair = f"{token} {tokens[index + 1]}" if index + 1 < len(tokens) else ""
        if token in cal.half_words or pair in cal.half_words:  # "상반기", "nửa cuối": its six months, in the year the text gives
            seen = True
            half = cal.half_words.get(token) or cal.half_words[pair]
            months.extend([(half - 1) * 6 + 1, half * 6])
            continue
        if token in cal.relative and cal.relative[token][0] == "year" and ref is not None:
            years.append(ref.year + cal.relative[token][1])  # "올해 상반기"
            continue
        if token in cal.shifts and index and cal.units.get(tokens[index - 1]) == "year" and ref is not None:
            years.append(ref.year + cal.shifts[token])  # "6 tháng năm nay", "9 tháng năm ngoái": the year it names
            continue
        if not token[0].isdigit():
            # a number word right after a marker: "quý I/2025", "quý hai"
            if pair in cal.numbers and index and not cal.markers_after and tokens[index - 1] in cal.markers:
                token = str(cal.numbers[pair])  # "tháng mười hai": one number of two words
                tokens[index + 1] = ""
            elif token in cal.numbers and index and not cal.markers_after and tokens[index - 1] in cal.markers:
                token = str(cal.numbers[token])
            elif token in cal.counts and tokens[index + 1 : index + 2] and cal.markers.get(tokens[index + 1]) == "month":
                token = str(cal.counts[token])  # "năm tháng đầu năm 2016": five months, read as "5 tháng đầu năm"
            else:
                continue
        parts = [int(p) for p in token.split("/")]
        neighbour = index + 1 if cal.markers_after else index - 1
        kind = _marker(tokens[neighbour], cal) if 0 <= neighbour < len(tokens) else None
        if kind is None and not cal.markers_after and index + 1 < len(tokens) and cal.markers.get(tokens[index + 1]) == "month":
            if index + 2 < len(tokens) and tokens[index + 2] in cal.first:
                first = parts[0]  # "7 tháng đầu năm": the first seven months
                seen = True
            continue
        if kind == "year" and len(token) == 2:
            parts[0] = full_year(parts[0], ref)  # "24년 3월"
        if kind is None and len(parts) == 2 and len(token.rpartition("/")[2]) == 4:
            kind = "month"  # "(12/2022)": a month and its year
        if kind == "quarter":  # "1분기", "quý 1", "quý 1/2025": its months
            seen = True
            if 1 <= parts[0] <= 4:
                months.extend([(parts[0] - 1) * 3 + 1, parts[0] * 3])
            years.extend(parts[1:2])
        elif len(parts) > 1:
            seen = True
            if kind == "month":  # "tháng 8/2025"
                months.append(parts[0])
                years.extend(parts[1:2])
            else:  # "5/2", "12/11/2024": day first
                days.append(parts[0])
                months.append(parts[1])
                years.extend(parts[2:3])
            days[:0] = unmarked  # "4 đến 6/9": the first day of a range
            unmarked = []
        elif kind is not None:
            seen = True
            {"year": years, "month": months, "day": days}[kind].append(parts[0])
            if unmarked:  # "1~7월", "4일~6일"
                {"year": years, "month": months, "day": days}[kind][-1:-1] = unmarked
                unmarked = []
        elif len(token) == 4:
            years.append(parts[0])
        else:
            unmarked.append(parts[0])
    if since_start and len(months) == 1 and not days and first is None:
        first, months = months[0], []
    return (years, months, days, first, end) if seen else None


def _nearer_before(ref: date, before: tuple[int, int], day: int) -> bool:
    """Whether a day of the month before the reference lies nearer it than the same day of its own month (or that
    day does not exist in its month): '30일' told on 1 July is 30 June, '20일' told on 5 July is 20 July."""
    ahead, behind = _safe_date(ref.year, ref.month, day), _safe_date(*before, min(day, _last_day(*before)))
    return ahead is None or (ref - behind) < (ahead - ref)


def _from_parts(years: list[int], months: list[int], days: list[int], first: int | None, end: bool, ref: date | None, direction: int) -> str | None:
    """The ISO form of a date read by `_marked`; a missing year is the reference's; the end of a year is its
    December ('2018년 말' = 2018-12, as 'the end of April' is April: the month a stock is counted at)."""
    year = years[0] if years else None
    if first is not None:
        year = year or (ref.year if ref else None)
        return f"{year}-01/{year}-{first:02d}" if year and 1 <= first <= 12 else None
    if not months:
        if days and ref is not None and not years:  # Korean "11일", "10일부터 13일까지": days of the article's month
            year, month = ref.year, ref.month
            before = (year, month - 1) if month > 1 else (year - 1, 12)
            if days[0] > ref.day and direction != FUTURE and (direction == PAST or _nearer_before(ref, before, days[0])):
                year, month = before  # "31일 승인했다" told on 1 September: 31 August
            first_day, last_day = _safe_date(year, month, days[0]), _safe_date(year, month, days[-1])
            if not first_day or not last_day or last_day < first_day:
                return None
            return first_day.isoformat() if first_day == last_day else f"{first_day.isoformat()}/{last_day.isoformat()}"
        if year and not days:
            return f"{year}-12" if end else str(year)
        return None
    if any(not 1 <= m <= 12 for m in months):
        return None
    if year is None:
        if ref is None:
            return None
        # a yearless range of months ("1~7월") is placed by its last month
        year = infer_year(months[-1], days[-1] if days else None, ref, direction)
    if len(days) >= 2:
        end_month = months[1] if len(months) >= 2 else months[0]
        first_day, last_day = _safe_date(year, months[0], days[0]), _safe_date(year, end_month, days[1])
        if not first_day or not last_day or last_day < first_day:
            return None
        return f"{first_day.isoformat()}/{last_day.isoformat()}"
    if days:
        found = _safe_date(year, months[0], days[0])
        return found.isoformat() if found else None
    if len(months) >= 2 and months[1] > months[0]:
        return f"{_month_text(year, months[0])}/{_month_text(year, months[1])}"
    return _month_text(year, months[0])


def parse_date(text: str, ref: date | None, cal: Calendar, direction: int = NEAREST) -> str | None:
    """'August 10 to 13' → '2025-08-10/2025-08-13' (year from ref), 'June 2023' → '2023-06'."""
    dashed = DASHED_DAY_MONTH.match(text) if cal.markers and not cal.markers_after else None
    if dashed and cal.markers.get(dashed[1].strip().lower()) == "day":
        text = f"{dashed[1]}{dashed[2]}/{dashed[3]}"  # "ngày 30-10" as "ngày 30/10"
    if cal.markers and (parts := _marked(text, cal, ref)) is not None:
        return _from_parts(*parts, ref, direction)
    stripped = re.sub(r"\s+", "", text)
    if match := ISO.match(stripped):
        found = _safe_date(int(match[1]), int(match[3]), int(match[4]))
        return found.isoformat() if found else None
    if cal.short_year_first and (match := SHORT_YEAR_FIRST.match(stripped)):
        found = _safe_date(full_year(int(match[1]), ref), int(match[2]), int(match[3]))
        return found.isoformat() if found else None
    if match := DAY_FIRST.match(stripped):
        found = _safe_date(int(match[4]), int(match[3]), int(match[1]))
        return found.isoformat() if found else None
    if match := MONTH_YEAR.match(stripped):
        month, year = int(match[1]), int(match[2])
        low, high = cal.year_range
        return _month_text(year, month) if 1 <= month <= 12 and low <= year <= high else None

    words = _split_end_words([w.lower() for w in WORDS.findall(text)], cal)
    low, high = cal.year_range
    years: list[int] = []
    days: list[int] = []
    months: list[int] = []
    month = weekday = shift = unit = part = dayword = quarter = half = None
    for index, word in enumerate(words):
        if day_match := ORDINAL_DAY.match(word):
            word = day_match.group(1)
        if word.isdigit():
            number = int(word)
            if len(word) == 4 and low <= number <= high:
                years.append(number)
            elif len(word) <= 2 and 1 <= number <= 31:
                days.append(number)
            else:
                return None
        elif word in cal.months:
            months.append(cal.months[word])
            month = months[0]
        elif word in cal.weekdays:
            weekday = cal.weekdays[word]
        elif word in cal.relative:
            unit, shift = cal.relative[word]
        elif word in cal.shifts:
            shift = cal.shifts[word]
        elif word in cal.units:
            unit = cal.units[word]
        elif word in cal.days:
            dayword = cal.days[word]
        elif word in cal.parts:
            part = cal.parts[word]
        elif word == "quarter" and index and words[index - 1] in cal.quarters:
            quarter = cal.quarters[words[index - 1]]
        elif word == "half" and index and words[index - 1] in cal.halves:
            half = cal.halves[words[index - 1]]
        elif word in cal.quarters and word.startswith("q"):
            quarter = cal.quarters[word]
            unit = unit or "year"  # "Q1" names a part of a year: of the document's, when no year is told
    if (first_months := _first_months(words, cal)) is not None:
        # "the first six months of the year" is of the document's year, as "the first half of the year" is
        told = shift is not None or unit == "year" or "of" not in words  # "of" with no year after it tells none
        year = years[0] if years else (ref.year + (shift or 0) if ref and told else None)
        return f"{year}-01/{year}-{first_months:02d}" if year else None
    if quarter or half:
        year = years[0] if years else (ref.year + (shift or 0) if ref and (shift is not None or unit) else None)
        if year is None:
            return None
        first_month = (quarter - 1) * 3 + 1 if quarter else (half - 1) * 6 + 1
        span = 3 if quarter else 6
        return f"{_month_text(year, first_month)}/{_month_text(year, first_month + span - 1)}"

    if month is not None:
        if years:
            year = years[0]
        elif ref is not None and unit == "year" and shift is not None:
            year = ref.year + shift  # "December of last year"
        elif ref is not None:
            # "last December" looks back, "next June" forward, "this May" stays in the year
            if shift == 0:
                year = ref.year
            else:
                towards = PAST if shift == -1 else FUTURE if shift == 1 else direction
                if len(months) >= 2 and not days:  # a yearless range of months ("January-October") is placed by its last month
                    year = infer_year(months[1], None, ref, towards) - (months[1] < month)
                else:
                    year = infer_year(month, days[0] if days else None, ref, towards)
        else:
            return None
        if len(days) >= 2:
            # "August 10 to 13", or across months: "May 30 to June 1"
            end_month = months[1] if len(months) >= 2 else month
            end_year = year + 1 if end_month < month else year
            first, last = _safe_date(year, month, days[0]), _safe_date(end_year, end_month, days[1])
            if not first or not last or last < first:
                return None
            return f"{first.isoformat()}/{last.isoformat()}"
        if len(months) >= 2 and not days:
            # "from January to November this year"
            end_year = year + 1 if months[1] < month else year
            return f"{_month_text(year, month)}/{_month_text(end_year, months[1])}"
        if days:
            found = _safe_date(year, month, days[0])
            return found.isoformat() if found else None
        if part == "end":
            return date(year, month, _last_day(year, month)).isoformat()
        return _month_text(year, month)

    if years:
        if len(years) >= 2 and years[1] > years[0]:
            return f"{years[0]}/{years[1]}"
        if len(years) == 1 and len(days) == 1 and re.search(r"\d{4}\s*[-–—]\s*\d{2}\b", text):
            end = years[0] // 100 * 100 + days[0]  # "2024-27"
            return f"{years[0]}/{end}" if end > years[0] else None
        if part == "end":
            return f"{years[0]}-12"
        return str(years[0])

    if ref is None or days:
        return None
    if dayword is not None:
        return (ref + timedelta(days=dayword)).isoformat()
    if weekday is not None:
        return weekday_date(weekday, ref, direction, shift).isoformat()
    if unit is not None and shift is not None:
        if unit == "year":
            return f"{ref.year + shift}-12" if part == "end" else str(ref.year + shift)
        if unit == "month":
            year, month_number = _shift_month(ref.year, ref.month, shift)
            return _month_text(year, month_number)
        return _week_interval(ref, shift)
    return None
