"""The plain refusal ("not in the documents") and the language an answer is given in."""

from __future__ import annotations

from assistant.answerers.draft import AnswerDraft
from corpus.language import detect_language

NOT_FOUND = {
    "en": "I could not find the answer to that in the documents I have. I can answer questions "
    "about the documents I have, for example:",
    "zh": "抱歉，现有文档中没有找到这个问题的答案。我可以回答现有文档中的问题，例如：",
}


def answer_language(question: str) -> str:
    """The language to answer in: Chinese when the question is mostly Chinese."""
    return detect_language(question)


CLOSEST = {
    "en": "The closest passage I found, which may not answer it: “{passage}” [1]",
    "zh": "最接近的一段内容（可能并未回答这个问题）：“{passage}” [1]",
}


def refusal(language: str, suggestions: list[str], nearest: AnswerDraft | None) -> AnswerDraft:
    """The plain refusal in `language`, with questions the collection can answer and, when
    `nearest` has one, the passage that came closest (cited, still ungrounded)."""
    lines = "\n".join(f"- {s}" for s in suggestions)
    text = NOT_FOUND[language] + ("\n" + lines if lines else "")
    draft = AnswerDraft(text=text, grounded=False, suggestions=suggestions)
    if nearest is not None:
        draft.support, draft.degraded = nearest.support, nearest.degraded
        if nearest.closest and nearest.sources:
            draft.text += "\n\n" + CLOSEST[language].format(passage=nearest.closest)
            draft.sources, draft.closest = nearest.sources[:1], nearest.closest
    return draft
