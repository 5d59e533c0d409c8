"""Query tokens: chat spellings count as the words they stand for."""

from __future__ import annotations

from retrieval.tokenize import american, english_tokens, tokenize, tokenize_query


def test_chat_spellings_of_a_question_are_read_as_words() -> None:
    typed = tokenize_query("how many ppl got training thru the intl program")
    assert typed == tokenize_query("how many people got training through the international program")


def test_chat_abbreviations_and_answers_are_read_as_words() -> None:
    typed = tokenize_query("biz econ school voc students get jobs or nah")
    assert typed == tokenize_query("business economics school vocational students get jobs or no")


def test_units_typed_short_are_read_as_words() -> None:
    assert tokenize_query("teacher training how many hrs") == tokenize_query(
        "teacher training how many hours"
    )


def test_a_year_typed_with_two_digits_is_the_full_year() -> None:
    assert "2009" in tokenize_query("这几个专业09年招多少人")
    assert "2015" not in tokenize_query("合作了15年")  # fifteen years, not 2015


def test_dropped_apostrophes_and_one_letter_words_are_read_as_words() -> None:
    typed = tokenize_query("whats the goal of the college n the company's deal w the city")
    assert typed == tokenize_query(
        "what is the goal of the college and the company's deal with the city"
    )


def test_abbreviations_with_dots_ampersands_or_hyphens_are_left_alone() -> None:
    assert tokenize_query("U.S. R&D for K-12") == tuple(tokenize("U.S. R&D for K-12"))


def test_documents_are_tokenized_as_written() -> None:
    assert "ppl" in tokenize("ppl")  # only questions are read as chat


def test_english_tokens_are_tokenize_without_the_chinese_words() -> None:
    text = "Siemens 西门子 trains 76 blue-collar workers in 广州 since 2020年"
    chinese = {t for t in tokenize(text) if any("\u4e00" <= ch <= "\u9fff" for ch in t)}
    assert chinese  # jieba's words are there in `tokenize`
    assert english_tokens(text) == [t for t in tokenize(text) if t not in chinese]
    assert {"siemen", "76", "blue-collar", "blue", "collar", "2020"} <= set(english_tokens(text))


def test_a_clitic_is_grammar() -> None:
    # "what's" is "what", a stopword, not a word a document must hold
    assert tokenize_query("What's the pay?") == tokenize_query("What is the pay?") == ("pay",)
    assert tokenize_query("they don't, we can't, the college's") == ("colleg",)


def test_british_and_american_spellings_are_one_token() -> None:
    british = tokenize("International Labour Organisation training centre programmes")
    american_ = tokenize("International Labor Organization training center programs")
    assert british == american_
    # Only where the American form is a common word: these are no British spellings.
    for word in ("four", "hour", "contour", "premise", "exercise", "fence", "science"):
        assert american(word) == word
