"""Chinese organisation mentions: suffixed names found over jieba's parts of speech
(`zh_suffix_names.py`), enumerations ("A、B、C等10家企业", `zh_lists.py`), short company
names (`zh_brands.py`), quoted names and newspaper bylines; a class counted or addressed
(百余家职教集团, 各省教育厅) and a document number's issuer code are no mention."""

from __future__ import annotations

import re

from corpus.language import has_cjk
from corpus.mention import Mention
from corpus.orgnames import zh_kind
from corpus.zh_brands import industry_brands
from corpus.zh_lists import enumerated
from corpus.zh_suffix_names import suffix_names
from corpus.zh_words import common_word, tagged

_QUOTED = re.compile(r"[“\"《「]([^”\"》」]{2,40})[”\"》」]")


def _zh_quoted(sentence: str) -> list[Mention]:
    """Quoted names with an organisation's suffix and a name's word in them."""
    out = []
    for match in _QUOTED.finditer(sentence):
        name = match.group(1)
        kind = zh_kind(name)
        # a quoted phrase of common words only is a slogan or a class ("灯塔工厂"), not a name
        if kind and has_cjk(name) and not common_word(name):
            out.append(Mention(name, match.start(1), match.end(1), kind))
    return out


# The ending of a news outlet's name (人民网, 新华社, 某某日报, 某某新闻).
_OUTLET = r"[\u4e00-\u9fff·]{1,10}(?:网|社|报|新闻|电视台|广播电台)"
# A newspaper credited in a byline: "苏报讯", "人民网：", "某某网杭州5月2日电", "某某网·某某新闻
# 5月2日讯", "据某某社2019年4月3日报道".
_ZH_MEDIA = re.compile(
    r"^([\u4e00-\u9fff]{2,6}?)讯|^([\u4e00-\u9fff]{2,6}(?:网|日报|晚报|新闻))[：:]|"
    rf"^({_OUTLET})[\u4e00-\u9fff]{{0,4}}?\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*[电讯]|"
    rf"据({_OUTLET})\s*(?:\d{{4}}\s*年\s*)?(?:\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*)?(?:电|报道|消息)|"
    # "来源：某某网", "某某网记者 某某", "（某某报 2024-07-30）", "据《某某报》…报道"
    rf"来源\s*[：:]\s*({_OUTLET})|^({_OUTLET})记者|[（(]({_OUTLET})\s*\d{{4}}-\d{{2}}-\d{{2}}[）)]|"
    rf"据《({_OUTLET})》"
)


def zh_mentions(sentence: str) -> list[Mention]:
    """The Chinese rules' mentions in a sentence (overlapping ones included)."""
    found = (
        suffix_names(sentence) + _zh_quoted(sentence) + enumerated(sentence)
        + _zh_media(sentence) + industry_brands(sentence)
    )  # fmt: skip
    return [
        m
        for m in found
        if not (_each(sentence, m) or _numbered(sentence, m) or _counted(sentence, m))
    ]


# A count of bodies right before a name (百余家地方职教集团, 3个产业研究院): the name is the
# class counted, not one body; an ordinal (第一个) names one.
_COUNT_BEFORE = re.compile(
    r"(?<!第)(?:\d+|[一二三四五六七八九十两百千万]+)\s*(?:多|余)?\s*(?:家|所|个|批)\s*$"
)


def _counted(sentence: str, m: Mention) -> bool:
    """True for a name a count of bodies stands right before (百余家某某职教集团)."""
    return bool(_COUNT_BEFORE.search(sentence, 0, m.start))


# A document's number after its issuer's short name: 教职成厅函〔2023〕12号.
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]?\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]")


def _numbered(sentence: str, m: Mention) -> bool:
    """True for the issuer's code that opens a document's number (教职成厅函〔2023〕): the
    number's prefix, not an organisation named."""
    return m.kind == "government" and bool(_DOC_NUMBER.match(sentence, m.end))


# 各 ("each") opening a clause's enumeration: 发往各省、自治区教育厅、财政厅 addresses a class of
# bodies (every province's), not one.
_EACH = re.compile(r"各[^，。；：,;:]*$")
_EACH_WORD = "各"  # inside a name (各市县教育局, 某某总局各市县监管支局) it makes a class too


def _each(sentence: str, m: Mention) -> bool:
    """True for a government body addressed as one of a class (各省教育厅、财政厅): 各 opens
    its clause and the name names no place of its own."""
    if m.kind != "government" or not _EACH.search(sentence, 0, m.start + 1):
        return False
    return _EACH_WORD in m.name or tagged(m.name)[0][1] != "ns"


def _zh_media(sentence: str) -> list[Mention]:
    """News outlets credited in a byline (苏报讯, 据某某社报道)."""
    out = []
    for match in _ZH_MEDIA.finditer(sentence):
        group = next(g for g in range(1, (_ZH_MEDIA.groups or 0) + 1) if match.group(g))
        out.append(Mention(match.group(group), match.start(group), match.end(group), "other",
                           byline=True))  # fmt: skip
    return out
