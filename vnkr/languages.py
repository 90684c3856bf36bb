"""Which language a document is in, and what spaCy's per-language defaults get replaced with.

Detection is by script, offline and without a model: Hangul syllables mean Korean, the letters
only Vietnamese writes (ă â đ ê ô ơ ư and the vowels with a dot below or a hook above) mean
Vietnamese, anything else is English. The three languages vnkr reads have disjoint scripts or
diacritics, so counting characters is exact where a statistical detector (langid, lingua) is a
model to ship and a guess on short or mixed text; see docs/decisions.md ("Languages").
"""

from __future__ import annotations

import re
import unicodedata

LANGUAGES = ("en", "vi", "ko")
SCRIPTS = {"ko": "Hangul", "vi": "Vietnamese letters (ă â đ ê ô ơ ư, tone marks)"}  # what detect() counts for each
SAMPLE_CHARS = 4000  # the head of a document says its language
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
LETTER = re.compile(r"[^\W\d_]")
# letters that no other Latin orthography vnkr meets uses: breve, circumflex+tone, horn, đ, dot below, hook above
VIETNAMESE = re.compile("[ăằắẳẵặâầấẩẫậđêềếểễệôồốổỗộơờớởỡợưừứửữựạẹịọụỵảẻỉỏủỷẽỹ]", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
VIETNAMESE_WORD = re.compile(r"\b[^\W\d_]*?" + VIETNAMESE.pattern, re.IGNORECASE)  # one match per word that has such a letter
MIN_KOREAN = 0.2  # share of letters that are Hangul
MIN_VIETNAMESE = 0.25  # share of words with a letter only Vietnamese writes: about half in Vietnamese news, under 4% in English news naming Vietnamese places


def detect(text: str) -> str:
    """'ko', 'vi' or 'en' for a text, from the characters of its head."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS])
    hangul, vietnamese = HANGUL.search(sample), VIETNAMESE.search(sample)
    if hangul is None and vietnamese is None:
        return "en"  # most text: no letter to count
    if hangul is not None and len(HANGUL.findall(sample)) / len(LETTER.findall(sample)) >= MIN_KOREAN:
        return "ko"
    if vietnamese is not None and len(VIETNAMESE_WORD.findall(sample)) / len(WORD.findall(sample)) >= MIN_VIETNAMESE:
        return "vi"
    return "en"


def like_digits(text: str) -> bool:
    """LIKE_NUM for vi and ko: digits with separators. spaCy's Korean one is true for any word
    holding a number syllable (이, 일: most words) and its Vietnamese one for 'năm' (five, and year);
    vnkr's number words come from the rules instead."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    num, slash, denom = text.partition("/")
    return bool(slash) and num.isdigit() and denom.isdigit()
