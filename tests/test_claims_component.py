"""`vnkr_claims` as a plugin: in a plain spacy.blank("en") pipeline with a sentencizer in front."""

import subprocess
import sys

import pytest
import spacy
from conftest import ROOT

from vnkr.models import Claim

CONFIG = {"reference_date": "2025-08-08", "published": "2025-08-08"}
# a line break without a full stop: vnkr's splitter ends a sentence there, the sentencizer does not
TEXT = "Bilateral trade hit $52 billion in 2023\nKorean companies employ 700,000 workers in Vietnam. Both sides aim to lift trade to USD150bn by 2030."


@pytest.fixture(scope="module")
def host():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("vnkr_claims", config=CONFIG)
    return nlp


def claims(doc):
    return [(span.text, span.label_, span._.claim["value"], span._.claim["sentence"]) for span in doc.spans["vnkr_claims"]]


def test_claims_are_spans_with_their_record(host, extract):
    doc = host(TEXT)
    spans = list(doc.spans["vnkr_claims"])
    assert [s.text for s in spans] == [c.text for c in extract(TEXT)]
    for span in spans:
        record = Claim(**span._.claim)
        assert (record.start, record.end, record.text) == (span.start_char, span.end_char, span.text)
        assert record.published == "2025-08-08" and span.label_ == record.label
    assert spans[-1]._.claim["modality"] == "target"


def test_sentences_set_by_the_pipeline_are_kept(host, extract):
    doc = host(TEXT)
    first_sentence = TEXT[: TEXT.index(".") + 1]
    assert [s.text for s in doc.sents][0] == first_sentence  # the host's sentences are untouched
    assert claims(doc)[0][3] == first_sentence
    own = extract(TEXT)[0].sentence  # vnkr's splitter alone ends the sentence at the line break
    assert own == TEXT.split("\n")[0]


def test_without_sentences_vnkr_splits_them():
    nlp = spacy.blank("en")
    nlp.add_pipe("vnkr_claims", config=CONFIG)
    assert claims(nlp(TEXT))[0][3] == TEXT.split("\n")[0]


def test_a_claim_the_host_tokenizer_cuts_differently_is_widened_to_its_tokens(host):
    doc = host("Exports reached 1.5bn dollars last year.")  # '1.5bn' is one token in spaCy's English tokenizer
    assert [(s.text, s._.claim["text"]) for s in doc.spans["vnkr_claims"]] == [("1.5bn dollars", "1.5bn dollars")]


def test_n_process_two_gives_the_same_claims(host):
    texts = [TEXT, "Korea was Vietnam's largest investor with $87 billion registered.", ""]
    assert [claims(d) for d in host.pipe(texts, n_process=2)] == [claims(d) for d in host.pipe(texts)]


def test_to_disk_and_spacy_load(host, tmp_path):
    host.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["sentencizer", "vnkr_claims"]
    assert loaded.config["components"]["vnkr_claims"]["published"] == "2025-08-08"
    assert claims(loaded(TEXT)) == claims(host(TEXT))


@pytest.mark.parametrize("published,expected", [(None, "2024-05-02"), ("unknown", None), ("2024-06-01", "2024-06-01")])
def test_published_read_from_the_text_unknown_or_given(published, expected):
    nlp = spacy.blank("en")
    nlp.add_pipe("vnkr_claims", config={"published": published, "reference_date": "2025-08-08"})
    doc = nlp("Published 2024-05-02\n\nTrade rose 10% to $5 billion.")
    assert [s._.claim["published"] for s in doc.spans["vnkr_claims"]] == [expected, expected]


def test_bad_dates_fail_when_the_pipe_is_added():
    with pytest.raises(ValueError, match="reference_date '2025-13-01' is not an ISO date"):
        spacy.blank("en").add_pipe("vnkr_claims", config={"reference_date": "2025-13-01"})


def test_found_through_the_entry_point_without_importing_vnkr():
    code = "import spacy, sys; nlp = spacy.blank('en'); nlp.add_pipe('vnkr_claims'); print(len(nlp('FDI reached $20 billion.').spans['vnkr_claims']), 'vnkr' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT.parent, check=True)
    assert out.stdout.split() == ["1", "True"]
