"""The LLM answerer: an LCEL chain over numbered, delimited sources, streaming tokens."""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from assistant.answerers.draft import AnswerDraft, Streamed
from assistant.answerers.sources import cite_documents
from assistant.query import Query
from prompts import load_prompt
from retrieval.hits import SearchHit

NOT_FOUND_TOKEN = "NOT_FOUND"
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese (简体中文)"}
_CITATION = re.compile(r"\[(\d{1,2})\]")


class LLMFailure(RuntimeError):
    """The LLM gave no usable answer (error, timeout or garbage)."""


_DELIMITER = re.compile(r"<\s*/?\s*sources\b[^>]*>", re.IGNORECASE)


def defuse(text: str) -> str:
    """Document text with `<sources>` / `</sources>` look-alikes replaced."""
    return _DELIMITER.sub("[tag removed]", text)


def format_sources(hits: list[SearchHit]) -> str:
    """The numbered sources block; delimiter look-alikes inside documents (text, title and
    date all come from the file) are defused."""
    blocks = []
    for n, hit in enumerate(hits, start=1):
        meta = hit.metadata
        title, date = defuse(str(meta.get("title", ""))), defuse(str(meta.get("date", "")))
        blocks.append(f"[{n}] {title} ({date or 'undated'})\n{defuse(hit.text)}")
    return "\n\n".join(blocks)


class LLMAnswerer:
    """Answers from the retrieved chunks with a chat model; see `prompts/answer_*.md`."""

    def __init__(self, llm: BaseChatModel) -> None:
        self.llm = llm
        prompt = ChatPromptTemplate.from_messages(
            [("system", load_prompt("answer_system")), ("human", load_prompt("answer_user"))]
        )
        self.chain = prompt | llm | StrOutputParser()

    def inputs(self, question: str, hits: list[SearchHit], language: str) -> dict[str, str]:
        """The chain's variables (matched against the prompt placeholders by a test)."""
        return {
            "question": question,
            "sources": format_sources(hits),
            "language": LANGUAGE_NAMES.get(language, "English"),
        }

    def stream(self, query: Query, hits: list[SearchHit], language: str) -> Streamed:
        """The model's tokens as they come, then the checked draft.

        Tokens are held back until it is clear the model is not answering NOT_FOUND, so
        that a refusal is never streamed as if it were an answer.
        """
        pieces: list[str] = []
        streamed = False
        for piece in self.chain.stream(self.inputs(query.text, hits, language)):
            pieces.append(piece)
            if streamed:
                yield piece
                continue
            head = "".join(pieces).lstrip()
            if _decided(head) and not head.startswith(NOT_FOUND_TOKEN):
                streamed = True
                yield head
        yield self.finish("".join(pieces), hits)

    @staticmethod
    def finish(text: str, hits: list[SearchHit]) -> AnswerDraft:
        """Check the model's text: a cited answer, or ungrounded on NOT_FOUND; raises
        `LLMFailure` on an empty or uncited answer."""
        answer = text.strip()
        if not re.search(r"\w", answer):
            raise LLMFailure("empty answer")
        if answer.startswith(NOT_FOUND_TOKEN):
            return AnswerDraft(text="", grounded=False)
        valid = {int(m) for m in _CITATION.findall(answer) if 1 <= int(m) <= len(hits)}
        if not valid:
            # An answer that cites nothing is not grounded in the sources (and is what a
            # model that obeyed an instruction planted in a document tends to produce).
            raise LLMFailure("answer cites no source")
        cited = [int(m) - 1 for m in _CITATION.findall(answer) if int(m) in valid]
        numbers, sources = cite_documents(hits, list(dict.fromkeys(cited)))
        # One number per document, in citing order ([3] and [5] of one document are one [n]).
        answer = _CITATION.sub(
            lambda m: f"[{numbers[int(m.group(1)) - 1]}]" if int(m.group(1)) in valid else "",
            answer,
        )
        answer = re.sub(r"(\[\d+\])(?:\s*\1)+", r"\1", answer)
        return AnswerDraft(text=answer, grounded=True, sources=sources)


def _decided(head: str) -> bool:
    """Whether the text so far can no longer turn into NOT_FOUND."""
    return len(head) >= len(NOT_FOUND_TOKEN) or not NOT_FOUND_TOKEN.startswith(head)
