"""The LLM answerer: an LCEL chain over numbered, delimited sources, streaming tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from assistant.answerers.extractive import make_source
from assistant.schemas import Source
from prompts import load_prompt
from retrieval.hybrid import SearchHit

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

    def stream(self, question: str, hits: list[SearchHit], language: str) -> Iterator[str]:
        """Yield answer tokens as the model produces them."""
        yield from self.chain.stream(self.inputs(question, hits, language))

    @staticmethod
    def finish(text: str, hits: list[SearchHit]) -> tuple[str, bool, list[Source]]:
        """Validate the model's text: (answer, grounded, cited sources); raises on garbage."""
        answer = text.strip()
        if not re.search(r"\w", answer):
            raise LLMFailure("empty answer")
        if answer.startswith(NOT_FOUND_TOKEN) or answer == NOT_FOUND_TOKEN:
            return answer, False, []
        valid = {int(m) for m in _CITATION.findall(answer) if 1 <= int(m) <= len(hits)}
        if not valid:
            # An answer that cites nothing is not grounded in the sources (and is what a
            # model that obeyed an instruction planted in a document tends to produce).
            raise LLMFailure("answer cites no source")
        answer = _CITATION.sub(lambda m: m.group(0) if int(m.group(1)) in valid else "", answer)
        return answer, True, [make_source(n, hits[n - 1]) for n in sorted(valid)]
