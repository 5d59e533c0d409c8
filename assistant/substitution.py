"""One-slot substitutions: two questions written alike but for one place that differs.

"What are the canteen opening hours?" is "What are the library opening hours?" with one word
replaced; "学校图书馆可以借多久？" is "学校图书馆可以借几本书？" with 几本书 replaced by 多久. Read
token by token (English words, Chinese characters), such a pair has a single place where
the two differ, both sides say something there, and the rest is the same text. What is said
there then decides it (`assistant/near_miss.py`): the same thing in other words or words
that carry no content ("an" / "the") keep it a paraphrase; anything else is another question
whatever the similarity says. No model is run: the check costs a string diff.
"""

from __future__ import annotations

import difflib
import re

from corpus.language import has_cjk

# The two questions must share at least this share of the shorter one's tokens: a
# "substitution" of the whole sentence is a rewording, not one slot. 104 dev pairs, whole
# near-miss check: precision 0.978 from 0.1 to 0.3, 0.957 at 0.4 and 0.5 (recall 0.759);
# without the slot check recall falls to 0.276.
MIN_SHARED = 0.3

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u9fff]")


def tokens(text: str) -> list[str]:
    """English words (lower case) and Chinese characters, in order; punctuation dropped."""
    return _TOKEN.findall(text.lower())


def _diff(question: str, variant: str) -> tuple[difflib.SequenceMatcher[str], list[str], list[str]]:
    mine, theirs = tokens(variant), tokens(question)
    return difflib.SequenceMatcher(None, mine, theirs, autojunk=False), mine, theirs


def shared_share(question: str, variant: str) -> float:
    """The share of the shorter question's tokens that the two say in the same order."""
    matcher, mine, theirs = _diff(question, variant)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return shared / max(1, min(len(mine), len(theirs)))


def substituted_slot(question: str, variant: str) -> tuple[str, str] | None:
    """The one place where `question` and `variant` differ, as (variant's words, question's
    words), when they are the same text but for a single replaced stretch; else None."""
    matcher, mine, theirs = _diff(question, variant)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changes) != 1 or changes[0][0] != "replace":
        return None
    if shared_share(question, variant) < MIN_SHARED:
        return None
    _, a0, a1, b0, b1 = changes[0]
    joiner = "" if has_cjk("".join(mine[a0:a1] + theirs[b0:b1])) else " "
    return joiner.join(mine[a0:a1]), joiner.join(theirs[b0:b1])
