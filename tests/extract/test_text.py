"""Reading articles and cutting them into sentences with offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract.text import decode_article, read_article, split_sentences
from geo.files import FileError


def test_line_breaks_of_any_kind_become_lf_and_a_bom_is_dropped() -> None:
    raw = "\ufeffFirst line.\r\nSecond line.\rThird.".encode()
    assert decode_article(raw, "a.txt") == "First line.\nSecond line.\nThird."


def test_bad_encoding_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Good line\nNak\xe7".encode("latin-1"))
    with pytest.raises(FileError) as raised:
        read_article(path)
    [problem] = raised.value.problems
    assert (problem.path, problem.line, problem.column) == (str(path), 2, 4)
    assert "not UTF-8" in problem.message and "Windows-1252" in problem.message


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("nope.txt", None, "cannot read"),
        ("folder", "dir", "it is a folder, not a file"),
        ("scan.txt", b"%PDF-1.7\n...", "a PDF document, not text"),
        ("utf16.txt", "Naxçıvan".encode("utf-16"), "UTF-16"),
        ("nul.txt", b"Tabriz\n\x00\x00", "NUL characters"),
    ],
)
def test_an_article_that_is_not_text_is_named_for_what_it_is(
    tmp_path: Path, name: str, content: bytes | str | None, words: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)  # type: ignore[arg-type]
    with pytest.raises(FileError) as raised:
        read_article(path)
    assert words in raised.value.problems[0].message


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    text = "The U.S. envoy met Gen. Smith in Baku. Talks ended.\nTitle line\nNext one."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The U.S. envoy met Gen. Smith in Baku.",
        "Talks ended.",
        "Title line",
        "Next one.",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_paragraph_break_inside_a_sentence_is_mended() -> None:
    text = "Officials in the capital said that four drones\n\nwere shot down near the border."
    assert len(split_sentences(text)) == 1


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_sentences_are_exact_slices_in_order(text: str) -> None:
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


@pytest.mark.parametrize(
    "text",
    [
        "Գորիսում նրանք հանդիպել էին։ Լաչինի միջանցքով անցնել չթողեցին։",  # Armenian ։
        "هل ضرب الزلزال القرية؟ قال الوالي إن الوضع مستقر.",  # Arabic ؟
        "地震发生在伊朗。 当局说情况稳定。",  # ideographic full stop
    ],
)
def test_the_full_stops_of_other_scripts_end_a_sentence(text: str) -> None:
    sentences = split_sentences(text)
    assert len(sentences) == 2
    assert all(text[s.start : s.end] == s.text for s in sentences)
