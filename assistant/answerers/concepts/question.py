"""A question as weighted concepts, and how well evidence covers and supports it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answerers.concepts.concept import NUMBER, Concept
from assistant.answerers.concepts.evidence import EMPTY, Evidence
from corpus.language import has_cjk
from retrieval.crosslingual.pinyin import pinyin, spells_pinyin

# A missing word that names another document ("宁波" in a Nanhai answer), or a name of the
# question no chosen document holds ("… sign with Siemens?" answered from the college's own
# news: dev unanswerable refused 0.788 -> 0.848, no right answer lost; at 0.3 for the naming
# words alone, 2 more refused but 3 answerable too).
NAMING_PENALTY = 0.2
# A name of the question missing from an answer in the question's own language: a miss that
# a translation cannot explain ("What did Hubei Industrial Polytechnic sign with Siemens?").
# With the rule on which document answers for a name (`_answered_elsewhere` in
# `extractive/document_support.py`): dev unanswerable refused 0.848 -> 0.939, one wrong
# answer (must_include 0) refused; the same at 0.35 and 0.4; gold unchanged.
SAME_SCRIPT_NAME_PENALTY = 0.3
# The same for a question about what two named things did together ("吉利汽车和宁波职业技术学院合作
# 建了什么项目"): a document that lacks one of them does not answer it. Dev (263): unanswerable
# refused 0.818 -> 0.836, no answer lost; the same at 1.0; gold unchanged.
JOINT_ACT_NAME_PENALTY = 0.5


@dataclass(frozen=True)
class Question:
    """A question as concepts; `coverage` and `support` score evidence against it."""

    text: str
    concepts: tuple[Concept, ...] = field(default_factory=tuple)

    @property
    def total(self) -> float:
        """The weight of all concepts (at least a tiny positive number)."""
        return sum(c.weight for c in self.concepts) or 1e-9

    @property
    def answer_type(self) -> Concept | None:
        """The count/year/date concept, when the question asks for one."""
        return next((c for c in self.concepts if c.pattern is not None), None)

    def covered_in(self, context: Evidence) -> frozenset[str]:
        """The names of the word concepts `context` covers (once per document's title)."""
        return frozenset(
            c.name for c in self.concepts if c.pattern is None and c.covered_by(context)
        )

    def coverage(
        self, own: Evidence, in_context: frozenset[str] = frozenset(), weight: float = 0.5
    ) -> float:
        """Share of the question's weight `own` covers; the concepts `in_context` (see
        `covered_in`) count at `weight`."""
        covered = 0.0
        for concept in self.concepts:
            if concept.covered_by(own):
                covered += concept.weight
            elif concept.name in in_context:
                covered += weight * concept.weight
        return covered / self.total

    def missing(self, evidence: Evidence) -> list[Concept]:
        """Concepts `evidence` does not cover."""
        return [c for c in self.concepts if not c.covered_by(evidence)]

    def support(
        self,
        answer: Evidence,
        context: Evidence = EMPTY,
        main: Evidence | None = None,
        naming: frozenset[str] = frozenset(),
        other_language: bool = False,
        named_elsewhere: frozenset[str] = frozenset(),
        joint: bool = False,
    ) -> float:
        """How well an answer covers the question (<= 1), less the penalties of what it misses.

        With `other_language` (the answer's document is in the other language than the
        question) a word with no translation in the collection is left out of the share (a
        dictionary does not give every rendering a document uses), unless the collection
        lacks it in both languages ("bakery"): then it counts, uncovered, but costs no penalty
        (湘绣 is "Xiang embroidery" to a reader, "embroidery" to the dictionary).

        A missing word the collection has never seen ("tuition", "weather"), a missing number
        ("2025"), the missing thing asked for ("学费是多少") or a missing answer type (no year
        for "in what year", looked for in `main`, the answer's leading sentences) is a strong
        sign the documents cannot answer. So is a missing word in `naming`, the words that
        name other candidate documents (an answer about Nanhai to a question about Ningbo).
        """
        covered = 0.0
        penalized: list[str] = []
        penalty = 0.0
        # Names spelt in pinyin that the dictionary does not translate ("Zibo"): those the
        # answer spells count, covered; when it spells none, all count, uncovered (an answer
        # about Jinjiang to a question about Zibo); an abbreviation (台资 of "Taiwan") may
        # leave one unspelt in an answer that spells the others.
        spelled = [c for c in self.concepts if other_language and c.spelled]
        spelt = {c.name for c in spelled if _spells(c.name, answer, context)}
        named = bool(spelt) or (
            bool(spelled)
            and any(
                c.pinyin_name and (c.covered_by(answer) or c.covered_by(context))
                for c in self.concepts
            )
        )  # a name of the question is said: the unspelt ones are left out, as before
        counted = [
            c
            for c in self.concepts
            if (c in spelled and (c.name in spelt or not named))
            or not other_language
            or c.translations
            or c.unknown
            or c.pattern
            or NUMBER.fullmatch(c.name)
            or c.covered_by(answer)
        ]
        lead = answer if main is None else main
        # The value asked for counts where the thing it is asked of is said with it: a fee in
        # one sentence and the word "tuition" in another do not say what the tuition is.
        # (In the other language only a thing the dictionary renders can be looked for.)
        # (Not across languages: the dictionary seldom gives the word a document uses for
        # the thing, "workers" for 人才, and the thing's own absence already costs. Dev (563):
        # must_include 0.838 -> 0.840, answerable refused 0.050 -> 0.046, gold unchanged.)
        things = [c for c in self.concepts if c.focus and not other_language]
        for concept in counted:
            if concept.pattern is not None:
                found = concept.covered_by(lead) and all(c.covered_by(lead) for c in things)
            else:
                found = (
                    concept.covered_by(answer)
                    or concept.covered_by(context)
                    or concept.name in spelt
                )
            if found and concept.pattern is None:
                covered += concept.weight
                continue
            penalty_of = 0.0 if other_language and concept.unknown else concept.penalty
            # A word of a name with no rendering in the other language cannot be looked for
            # in a document in that language ("Expo", "Yum" of 无锡太湖国际会展集团, 百胜).
            unrendered = (
                other_language
                and not concept.translations
                and not has_cjk(concept.name)
                and not spells_pinyin(concept.name)  # "Hangzhou" would be 杭州 there
            )
            named = concept.name in naming or (
                concept.proper and concept.name not in named_elsewhere and not unrendered
            )
            sure = concept.proper and not other_language and concept.name not in named_elsewhere
            name_cost = JOINT_ACT_NAME_PENALTY if joint else SAME_SCRIPT_NAME_PENALTY
            cost = max(penalty_of, name_cost if sure else NAMING_PENALTY if named else 0.0)
            if found or not cost:
                continue
            if any(concept.name in other or other in concept.name for other in penalized):
                continue  # 之比 and 数之比 are one missing word
            penalized.append(concept.name)
            penalty += cost
        # The answer type is a condition on the answer, not evidence that it is right.
        total = sum(c.weight for c in counted if c.pattern is None) or 1e-9
        return covered / total - penalty


@lru_cache(maxsize=1024)
def _pinyin_of(text: str) -> str:
    """A text with its Chinese in pinyin, without tones or spaces (东方职业 -> dongfangzhiye)."""
    return pinyin(text)


def _spells(name: str, *evidence: Evidence) -> bool:
    """Whether the pinyin of one of the texts spells `name` (东方 spells "dongfang")."""
    return any(name in _pinyin_of(e.text) for e in evidence)
