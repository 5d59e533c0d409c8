"""Chinese names that the collection's English spells by their pinyin, and the words of a
segmentation that straddle them."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.crosslingual.pinyin import pinyin_readings, polyphonic

MIN_NAME_CHARS = 2  # shorter Chinese words are not matched by pinyin
MAX_NAME_CHARS = 4  # longer ones are rarely a single name
# A pinyin spelling at least this frequent in English is a word, not a name: 斯的 in 布达佩斯的
# spells "side" (5.5); names score lower (Tiangong 1.7, Shenzhen 3.2, Hangzhou 2.9).
ENGLISH_WORD_ZIPF = 4.5


def spelled_names(
    run: str, found: set[str], known: Callable[[str], bool]
) -> list[tuple[str, tuple[str, ...]]]:
    """Stretches of a Chinese run that the collection's English spells by their pinyin,
    whatever jieba's segmentation (天工学院 is 天 / 工学院 to jieba; "Tiangong" in the
    English text), longest first and not inside one already found (`found`, which they join;
    `known`: whether the collection holds a term)."""
    from pypinyin import lazy_pinyin
    from wordfreq import zipf_frequency

    syllables = [s.lower() for s in lazy_pinyin(run)]
    if len(syllables) != len(run):
        return []
    heteronyms = polyphonic()
    out: list[tuple[str, tuple[str, ...]]] = []
    for size in range(MAX_NAME_CHARS, MIN_NAME_CHARS - 1, -1):
        for i in range(len(run) - size + 1):
            word = run[i : i + size]
            if word in found or any(word in other for other in found):
                continue
            first = "".join(syllables[i : i + size])
            many = any(character in heteronyms for character in word)
            spelled = next(
                (
                    s
                    for s in ((first, *pinyin_readings(word)) if many else (first,))
                    if known(s) and zipf_frequency(s, "en") < ENGLISH_WORD_ZIPF
                ),
                None,
            )
            if spelled:
                out.append((word, (spelled,)))
                found.add(word)
    return out


def without_straddling(
    pairs: list[tuple[str, tuple[str, ...]]],
    names: list[tuple[str, tuple[str, ...]]],
    run: str,
    translate: Callable[[str], tuple[str, ...]],
) -> list[tuple[str, tuple[str, ...]]]:
    """`pairs` without the words that straddle a name spelled by its pinyin (工学院 across
    天工 of 天工学院 is not "school of engineering"); what such a word has outside the name
    (学院) is translated instead, when the dictionary knows it."""
    spans = [(run.find(name), run.find(name) + len(name)) for name, _ in names]
    kept: list[tuple[str, tuple[str, ...]]] = []
    for word, targets in pairs:
        start = run.find(word)
        end = start + len(word)
        crossed = [(a, b) for a, b in spans if start >= 0 and _straddles((start, end), (a, b))]
        if not crossed:
            kept.append((word, targets))
            continue
        a, b = crossed[0]
        rest = run[max(start, b) : end] if start >= a else run[start:a]
        found = translate(rest) if len(rest) >= 2 else ()
        if found:
            kept.append((rest, found))
    return kept


def _straddles(word: tuple[int, int], name: tuple[int, int]) -> bool:
    """Whether two stretches overlap without one holding the other."""
    (start, end), (a, b) = word, name
    return a < end and start < b and not (a <= start and end <= b) and not (start <= a and b <= end)
