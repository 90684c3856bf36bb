"""Article archives made up for the tests: news-please JSONL lines of invented trade news, with
the names that collide (a URL slug seen before, lines without a URL, a slug equal to a name
vnkr makes up) spread over the whole archive so that every run of lines meets some."""

from __future__ import annotations

import json
import random
from pathlib import Path

SENTENCES = (
    "Two-way trade between Vietnam and South Korea reached ${value} billion in {year}, the trade ministry said.",
    "Korean companies invested ${value} billion in Vietnamese factories in {year}, according to the planning agency.",
    "Vietnam's shipments of shrimp to Korea grew {pct}% in {year} from the year before.",
    "Officials of both countries want bilateral trade to climb to ${goal} billion by {goal_year}.",
    "Some {firms},000 Korean businesses now run operations in Vietnam.",
    "Electronics made up {pct}% of what Vietnam sold to South Korea in {year}.",
    "The number of Korean visitors to Da Nang rose {pct}% in {year}.",
)
SLUGS = ("korea-trade-outlook", "investment-wave", "shrimp-exports")  # slugs many lines share


def article(index: int, rng: random.Random) -> dict:
    year = 2015 + index % 10
    values = {"value": f"{rng.randint(20, 90)}.{rng.randint(0, 9)}", "year": year, "pct": rng.randint(2, 40), "goal": rng.choice((100, 150, 200)),
              "goal_year": year + 5, "firms": rng.randint(5, 12)}  # fmt: skip
    text = " ".join(rng.choice(SENTENCES).format(**values) for _ in range(rng.randint(2, 5)))
    return {"title": f"Trade note {index}", "maintext": text, "date_publish": f"{year}-0{1 + index % 9}-1{index % 10} 08:00:00", "language": "en"}


def build_archive(path: Path, lines: int, bad: tuple[int, ...] = (), seed: int = 7) -> Path:
    """`lines` lines; a line number in `bad` is broken JSON, every 50th is blank, every 7th has no
    URL (named `<stem>-<line>`), every 5th a shared slug (renamed `<slug>-<line>` after its first
    use), and every 45th line's slug is the name of such a renamed line 15 lines before or of the
    4th line without URL after it."""
    rng = random.Random(seed)
    stem = path.stem
    out = []
    for number in range(1, lines + 1):
        data = article(number, rng)
        if number % 7 == 0:
            pass
        elif number % 45 == 0:
            data["url"] = f"https://news.example.org/a/{f'{SLUGS[0]}-{number - 15}' if number % 90 else f'{stem}-{number + 28 - number % 7}'}"
        elif number % 5 == 0:
            data["url"] = f"https://news.example.org/economy/{SLUGS[number // 5 % 3]}.html"
        else:
            data["url"] = f"https://news.example.org/economy/note-{number}.html"
        if number in bad:
            out.append(json.dumps(data)[:-9] + "\n")
        elif number % 50 == 0:
            out.append("\n")
        else:
            out.append(json.dumps(data) + "\n")
    path.write_text("".join(out), encoding="utf-8")
    return path
