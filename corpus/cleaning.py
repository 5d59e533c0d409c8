"""Remove web page furniture from document text while keeping the article itself.

General rules of news and college sites (share bars, breadcrumbs, metadata lines, pagers,
copyright lines, keyword stuffing), never patterns of particular pages.
"""

from __future__ import annotations

import re
import unicodedata

# Whole lines that are page furniture on news and college sites, in either language.
_FURNITURE_LINES = [
    r"(share to|share|分享到)\s*[:：]?.*",
    r"(more\s*>>\s*)?(related|recommended) (pictures|articles|news|reading)\s*[:：]?",
    r"(more\s*>>\s*)?(相关|推荐)(图片|文章|新闻|阅读|链接)\s*[:：]?",
    r"(copyright|版权所有|©).*",
    r"(your location|you are here|当前位置|您的位置|所在位置)\s*[:：].*",
    r"[•·]?\s*(detail|details|详情|正文)",
    r"news|more\s*>>|更多\s*>>",
    r"<!--.*?-->",
    r"(<\s*/?\s*p\s*>\s*)+",
]
_FURNITURE = re.compile(r"^\s*(?:" + "|".join(_FURNITURE_LINES) + r")\s*$", re.IGNORECASE)

# Labels of a page's metadata line ("Release time: ... Views: 17", "来源：... 责任编辑：...").
_META_LABEL = re.compile(
    r"(release time|publish(?:ed)? (?:time|date|on)|posted on|source|editor(?: in charge)?|"
    r"author|views|clicks|hits|发布时间|发表时间|来源|作者|责任编辑|编辑|浏览|点击)"
    r"\s*(?:次数|量)?\s*[:：]",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b(?:19|20)\d\d[-./年]\d{1,2}")
_META_MAX_CHARS = 200  # a metadata line is short; a sentence quoting a source is not dropped
# A pager: nothing but page numbers and paging words.
_PAGER = re.compile(
    r"^(?:\s*(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|first|last|prev(?:ious)?|"
    r"next|首页|上一页|下一页|尾页|末页|»|«|<|>)\s*)+$",
    re.IGNORECASE,
)
# A list of links to other articles: its heading, and the short titles that follow it.
_LINK_LIST_HEADING = re.compile(
    r"^(?:(?:related|recommended|latest|more|other) (?:articles|news|reading|stories|posts)|"
    r"(?:相关|推荐|最新|更多|其他)(?:文章|新闻|阅读|资讯|链接)|热点新闻|学校要闻)\s*[:：]?$",
    re.IGNORECASE,
)
_LINK_TITLE_MAX_CHARS = 60  # a link title is short ...
_SENTENCE_END = re.compile(r"[.!?。！？]$")  # ... and is not a sentence
_TABLE_CELL = re.compile(r"^\|\s*|\s*\|$")  # the pipes of a table row flattened to text
_KEYWORD_MIN_WORDS = 8  # a keyword list is long ...
_KEYWORD_MAX_DISTINCT = 0.5  # ... and repeats its words (share of distinct words)
_INLINE_JUNK = re.compile(r"<\s*/\s*p\s*>|<!--.*?-->")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_ECHO_TAIL = 60  # characters a title echo may carry after the title (" - Site Name")


def _is_keyword_list(line: str) -> bool:
    """Keyword stuffing: many words, no sentence punctuation, the same words over and over."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", line)]
    if len(words) < _KEYWORD_MIN_WORDS or re.search(r"[.,;!?。，；！？]", line):
        return False
    return len(set(words)) / len(words) < _KEYWORD_MAX_DISTINCT


def _is_meta_line(line: str) -> bool:
    """A page's metadata line: two labels ("Source: … Editor: …"), or a label and a date."""
    if len(line) > _META_MAX_CHARS:
        return False
    labels = len(_META_LABEL.findall(line))
    return labels >= 2 or (labels == 1 and bool(_DATE.search(line)))


def _is_link_title(line: str) -> bool:
    return len(line) <= _LINK_TITLE_MAX_CHARS and not _SENTENCE_END.search(line)


def _is_furniture(line: str) -> bool:
    return bool(
        _FURNITURE.match(line) or _PAGER.match(line) or _is_meta_line(line)
    ) or _is_keyword_list(line)


def _title_variants(title: str) -> list[str]:
    parts = [p.strip() for p in title.split(" / ")]
    return [p.casefold() for p in parts if p]


def _is_title_echo(line: str, titles: list[str]) -> bool:
    """A repeat of the title, possibly cut short or followed by a site name."""
    folded = line.casefold().strip()
    if len(folded) < 12:
        return False
    # A line that starts with the title is an echo only when little follows (a site name);
    # an article whose first sentence begins with the title's words is article text.
    return any(
        t.startswith(folded) or (folded.startswith(t) and len(folded) - len(t) <= _ECHO_TAIL)
        for t in titles
    )


def normalize_text(text: str) -> str:
    """Unicode-normalize, drop control characters and unify line endings."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def clean_text(text: str, title: str = "") -> str:
    """Return `text` without boilerplate lines, title echoes and stray markup.

    Paragraph breaks are kept as blank lines; spaces inside lines are collapsed.
    """
    titles = _title_variants(title)
    kept: list[str] = []
    head = True  # title echoes are only dropped near the top
    in_link_list = False  # after a "related articles" heading, its link titles follow
    for raw in normalize_text(text).split("\n"):
        line = _SPACES.sub(" ", _INLINE_JUNK.sub("", raw)).strip()
        line = _MD_HEADING.sub("", _TABLE_CELL.sub("", line)).strip()
        if not line:
            in_link_list = False
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if _LINK_LIST_HEADING.match(line):
            in_link_list = True
            continue
        if in_link_list and _is_link_title(line):
            continue
        in_link_list = False
        if _is_furniture(line):
            continue
        if head and titles and _is_title_echo(line, titles):
            continue
        if len(kept) > 6:
            head = False
        kept.append(line)
    return "\n".join(kept).strip()
