from datetime import date

import pytest

from vnkr.corpus import Reader, ReadError, decode, iter_paths, split_front_matter
from vnkr.rules import shipped_rules

REFERENCE = date(2026, 11, 22)


def test_decode_drops_bom():
    assert decode("\ufeffViệt Nam".encode("utf-8"), "f") == ("Việt Nam", None)


def test_decode_falls_back_to_cp1252_with_a_warning():
    text, warning = decode("Korea’s €5 million".encode("cp1252"), "f.txt")
    assert text == "Korea’s €5 million"
    assert "f.txt" in warning and "cp1252" in warning


def test_binary_file_is_an_error():
    with pytest.raises(ReadError, match="bin.txt: binary"):
        decode(b"abc\x00def", "bin.txt")


@pytest.mark.parametrize(
    "text,keys,body",
    [
        ("published: 2024-01-02\nsource: x\n---\nBody", {"published": "2024-01-02", "source": "x"}, "Body"),
        ("---\npublished: unknown\n---\nBody", {"published": "unknown"}, "Body"),
        ("Title: not front matter\nBody line\n", {}, "Title: not front matter\nBody line\n"),
        ("No front matter", {}, "No front matter"),
        ("published: 2024-01-02\r\n---\r\nBody", {"published": "2024-01-02"}, "Body"),
    ],
)
def test_front_matter(text, keys, body):
    found, start = split_front_matter(text)
    assert found == keys
    assert text[start:] == body


def test_front_matter_is_never_searched(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("published: 2024-05-29\nnote: 10,000 Korean firms\n---\nTrade reached $5 billion.", encoding="utf-8")
    document = Reader(shipped_rules(), REFERENCE).read(str(path))
    assert document.published == date(2024, 5, 29)
    assert document.body == "Trade reached $5 billion."


def test_published_unknown_in_front_matter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("published: unknown\n---\ndate 2025-08-08 Text", encoding="utf-8")
    assert Reader(shipped_rules(), REFERENCE).read(str(path)).published is None


def test_command_line_overrides_everything(tmp_path):
    path = tmp_path / "doc1.txt"
    path.write_text("published: 2024-05-29\n---\nMay 29, 2024 - 18:12\nText", encoding="utf-8")
    document = Reader(shipped_rules(), REFERENCE, {"doc1": date(2020, 1, 1)}).read(str(path))
    assert document.published == date(2020, 1, 1)


def test_directories_are_read_recursively_in_path_order(tmp_path):
    for name in ("b/2.txt", "a.txt", "b/1.txt", "c.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p[len(str(tmp_path)) + 1 :] for p in iter_paths([str(tmp_path)])] == ["a.txt", "b/1.txt", "b/2.txt"]
