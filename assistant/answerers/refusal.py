"""The plain refusal ("not in the documents") and the language an answer is given in."""

from __future__ import annotations

from assistant.answerers.draft import AnswerDraft
from corpus.language import detect_language
from prompts import load_lines
from retrieval.glossary import expand_query
from retrieval.tokenize import tokenize_query

SUGGESTIONS = 3  # questions suggested with a refusal

NOT_FOUND = {
    "en": "I could not find the answer to that in the documents I have. I can answer questions "
    "about school-enterprise cooperation, internships, training bases and vocational education "
    "law and policy, for example:",
    "zh": "抱歉，现有文档中没有找到这个问题的答案。"
    "我可以回答校企合作、实习实训、产教融合和职业教育法规方面的问题，例如：",
}


def answer_language(question: str) -> str:
    """The language to answer in: Chinese when the question is mostly Chinese."""
    return detect_language(question)


def suggestions_for(question: str, language: str, count: int = SUGGESTIONS) -> list[str]:
    """Example questions the collection can answer, closest to `question` first."""
    pool = load_lines(f"suggestions_{language}")
    wanted = set(tokenize_query(expand_query(question)))
    ranked = sorted(pool, key=lambda s: -len(wanted & set(tokenize_query(s))))
    return list(ranked[:count])


def refusal(question: str, language: str, support: float = 0.0) -> AnswerDraft:
    """The plain refusal in `language`, with questions the collection can answer."""
    suggestions = suggestions_for(question, language)
    text = NOT_FOUND[language] + "\n" + "\n".join(f"- {s}" for s in suggestions)
    return AnswerDraft(text=text, grounded=False, suggestions=suggestions, support=support)
