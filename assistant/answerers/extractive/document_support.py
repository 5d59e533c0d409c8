"""Which documents a question names, and how well the chosen sentences support the answer,
document by document."""

from __future__ import annotations

import re

from assistant.answerers.concepts.evidence import Evidence, union
from assistant.answerers.concepts.question import Question
from assistant.answerers.extractive.sentence import Sentence
from assistant.parts import asks_apart

NAMING_WEIGHT = 2.0  # idf of a word that can name a document ("Qingdao", "Huayun")
# A question that pairs two names by a joint act ("what did X sign with Y", "X和Y合作开了什么"):
# one document must hold both, unless it asks about each apart (`asks_apart`).
# The partner must be named: "which companies did X work with?" and "和哪些企业合作" ask who.
_PAIRS_NAMES = re.compile(
    r"\b(?i:sign|agree|partner|cooperat|collaborat|work|team|ally|join)\w* (?:\w+ ){0,3}?"
    r"(?i:with) (?:the )?[A-Z0-9]"
    r"|\b(?i:and) \w+(?: \w+){0,5} (?i:jointly|together)\b"
    r"|[和与同跟][^，,。？?和与哪什谁]{2,30}?(?<!的)(?:一起|共同|联合)?"
    r"(?:合作|共建|合办|共办|携手|签约|签署|签订)(?!仪式|活动|大会|现场)"
)


def naming_words(question: Question, sentences: list[Sentence]) -> frozenset[str]:
    """The question's rare words that the title or region of a candidate document holds."""
    contexts = {s.context for s in sentences}
    return frozenset(
        c.name
        for c in question.concepts
        if c.pattern is None
        and c.weight >= NAMING_WEIGHT
        and any(c.covered_by(context) for context in contexts)
    )


def answer_support(
    question: Question,
    chosen: list[Sentence],
    main: Evidence,
    naming: frozenset[str],
    language: str,
) -> float:
    """The support of the best-supported document among the chosen sentences, or of the
    documents the question names one by one, together.

    Per document, so that a year from one document and a city from another do not add up
    to an answer neither gives; the answer type (a count, a year) must be in `main`. A
    question that names two documents ("Siemens in Guangzhou compared with BSH in Nanjing")
    is answered by both: their sentences count together when each chosen document is named
    by a word of the question that the others' titles lack.
    """
    by_doc: dict[str, list[Sentence]] = {}
    for sentence in chosen:
        by_doc.setdefault(sentence.doc_id, []).append(sentence)
    groups = list(by_doc.values())
    evidence = [
        union(Evidence.of(chunk) for chunk in dict.fromkeys(s.chunk for s in group))
        for group in groups
    ]
    contexts = [union(s.context for s in group) for group in groups]
    joint = _named_one_by_one(question, naming, contexts, evidence)
    if len(joint) >= 2:
        groups.append([s for i in joint for s in groups[i]])
        evidence.append(union(evidence[i] for i in joint))
        contexts.append(union(contexts[i] for i in joint))
    return max(
        question.support(
            found,
            context,
            main,
            naming,
            other_language=any(s.language not in ("", language) for s in group),
            named_elsewhere=_answered_elsewhere(question, contexts, evidence, i),
            joint=asks_joint_act(question),
        )
        for i, (found, group, context) in enumerate(zip(evidence, groups, contexts, strict=True))
    )


def _answered_elsewhere(
    question: Question, contexts: list[Evidence], evidence: list[Evidence], i: int
) -> frozenset[str]:
    """The names of the question that another chosen document answers for, seen from the
    `i`th.

    For a document the question names in its title or region, the names the other chosen
    documents' titles or regions hold ("Siemens in Guangzhou compared with BSH in
    Nanjing"). For a question about each of several things ("Huayun Data and Shanghai
    Zhongqiao each", "分别"), also the names the others' text holds. Not otherwise: "what did
    Jinan build with Siemens" asks for one document holding both, and an answer about
    Chongqing and Siemens beside one about Jinan does not answer it.
    """
    names = [c for c in question.concepts if c.proper]
    if asks_joint_act(question):
        return frozenset()
    others = [context for j, context in enumerate(contexts) if j != i]
    if asks_apart(question.text):
        others += [found for j, found in enumerate(evidence) if j != i]
    elif not any(c.covered_by(contexts[i]) for c in names):
        return frozenset()
    return frozenset(c.name for c in names if any(c.covered_by(other) for other in others))


def asks_joint_act(question: Question) -> bool:
    """Whether the question asks what two things did together (not about each apart)."""
    return bool(_PAIRS_NAMES.search(question.text)) and not asks_apart(question.text)


def _named_one_by_one(
    question: Question, naming: frozenset[str], contexts: list[Evidence], evidence: list[Evidence]
) -> list[int]:
    """The chosen documents (by index) that the question names one by one: each title or
    region holds a naming word the others' lack; for a question about each of several
    things, also a name of the question in the document's text that the others' lack ("the
    Yantai program and the Jinyun agreement", neither named in a title). None for a question
    about what two things did together."""
    if asks_joint_act(question):
        return []
    named = [c for c in question.concepts if c.name in naming]
    alone = _held_alone([frozenset(c.name for c in named if c.covered_by(x)) for x in contexts])
    if len(alone) < 2 and asks_apart(question.text):
        names = [c for c in question.concepts if c.proper]
        held = [
            frozenset(c.name for c in names if c.covered_by(found) or c.covered_by(context))
            for found, context in zip(evidence, contexts, strict=True)
        ]
        alone = _held_alone(held)
    return alone


def _held_alone(held: list[frozenset[str]]) -> list[int]:
    """The indexes of the sets holding a word that no other set holds."""
    return [
        i
        for i, words in enumerate(held)
        if words - frozenset().union(*(other for j, other in enumerate(held) if j != i))
    ]
