"""Organisation mentions in a sentence, found by rules over jieba's parts of speech,
organisation-name suffixes, quoted names, capitalised English names and enumerations
("A、B、C等10家企业", "companies including A, B and C")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.orgnames import EN_HEADS, PROVINCES, has_cjk, kind_of, zh_kind

MIN_ZH_NAME = 3  # shortest Chinese organisation name accepted (characters)
MAX_ZH_NAME = 32  # longest Chinese organisation name accepted (characters)
MAX_EN_WORDS = 16  # longest English organisation name accepted (words)
MAX_LIST_ITEM = 14  # longest enumerated bare name accepted (characters)

# jieba flags that cannot be part of a name (punctuation, conjunctions, particles,
# pronouns, adverbs, numerals, measure words, interjections).
_STOP_FLAGS = ("x", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "m", "q", "y",
               "e", "o", "zg", "mq")  # fmt: skip
# Prepositions and locality words that end a name to their left (others, such as 经 in
# 经开区, may be part of one).
_STOP_WORDS = {"与", "在", "由", "对", "向", "为", "将", "把", "被", "从", "于", "以", "和", "同",
               "跟", "给", "按", "据", "经过", "通过", "根据", "按照", "依托", "围绕", "面向",
               "关于", "作为", "自", "当", "随着", "上", "下", "中", "内", "外", "后", "前",
               "里", "间", "之间", "以上", "以下", "以来", "之后", "之前", "期间", "其中", "方面",
               "日前", "近日", "目前", "今年", "去年", "下午", "上午", "当天", "近年来", "此前",
               "现在", "届时", "同时", "此外", "本次", "首批", "全国", "标杆"}  # fmt: skip
# Flags a name may start with (not a verb); an adjective may start one (远 in 远帆).
_START_FLAGS = ("n", "ns", "nr", "nrt", "nz", "nt", "j", "eng", "nrfg", "l", "i", "b", "s", "f",
                "t", "a")  # fmt: skip
# Flags of proper names: a name needs one of them (or to be one dictionary word), so that
# generic phrases such as 职业学校 or 产业学院 are not taken for organisations.
_PROPER_FLAGS = ("ns", "nr", "nrt", "nz", "nt", "nrfg", "eng", "i", "j")
_SINGLE_FLAGS = ("nt", "nz", "j")
# A body the sentence says was set up is named, however plain its name (组建了发展理事会).
_FOUNDED = re.compile(r"(?:组建|成立|设立)了?$")
_BODY = re.compile(r"(?:理事会|委员会|联盟|联合体|共同体)$")
# A government body may be named with common nouns only (财政部, 农业农村部).
_NOUN_FLAGS = ("n", "nz", "nt", "ns", "j", "vn")
# Function characters jieba may glue to the front of an unknown name (由青禾 -> 青禾).
_LEAD_CHARS = "由和与及同在从向对将把被为是于跟"
_JOINERS = "和与及"  # joining characters that never end a name inside an unknown word
# Registered legal forms: a name ending in one is a name whatever its words.
_LEGAL_FORMS = ("有限公司", "有限责任公司", "股份公司")
# Modifiers jieba may tag as names that only make a class of organisations (普通高等学校).
_GENERIC = {
    "普通",
    "高水平",
    "高等",
    "中等",
    "各级",
    "有关",
    "相关",
    "其他",
    "地方",
    "民办",
    "公办",
}  # a one-word name must be a known institution or brand
# Words that end a name to their left even though jieba calls them nouns.
_ZH_BREAKERS = {"代表", "学生", "师生", "领导", "负责人", "校长", "书记", "主任", "院长", "同志",
                "记者", "仪式", "成员", "单位", "双方", "三方", "各方", "合作", "签约", "签订",
                "举行", "成立", "牵头", "组建", "入选", "共建", "携手", "获批", "名单", "培训",
                "开展", "建设", "推动", "参与", "出席", "参加", "包括", "加入", "鼓励", "支持",
                "主动", "深化", "着力", "打造", "推进", "依靠", "会长", "副会长", "理事长",
                "秘书长", "董事长", "总经理", "副总经理", "主席", "副主席", "副校长", "党委书记",
                "副院长", "专务", "首席", "召开", "举办", "发布", "公布", "印发"}  # fmt: skip
_QUOTED = re.compile(r"[“\"《「]([^”\"》」]{2,40})[”\"》」]")
_ZH_PAREN = re.compile(r"^[（(]([^（）()]{1,40})[）)]")
_ZH_LIST_END = re.compile(
    r"等\s*(?:\d+|[一二三四五六七八九十两百]+)?\s*(?:多|余)?\s*(?:家|个|所)?\s*"
    r"(?:(?!产业|领域|行业|方面|类)[^\d，。、；]){0,10}?"
    r"(企业|公司|车企|院校|学校|高校|职业院校|协会|商会|行业协会|政府部门|部门|科研机构|机构|单位|代表|"
    r"基地)"
)
_LIST_KIND = {"企业": "enterprise", "公司": "enterprise", "车企": "enterprise",
              "院校": "school", "学校": "school", "高校": "school", "职业院校": "school",
              "协会": "association", "商会": "association", "行业协会": "association",
              "政府部门": "government", "部门": "government", "科研机构": "other",
              "机构": "other", "单位": "other", "代表": "enterprise",
              "基地": "enterprise"}  # fmt: skip
_LIST_SPLIT = re.compile(r"、|以及|及|和|与")
_LIST_START = re.compile(r"[，,：:。；;（(]|包括|有|如|是|为|由|与|同|和")

_EN_WORD = r"[A-Z][\w'’\-]*(?:\.[A-Z])?"
_EN_JOIN = r"(?:\s+(?:of|for|and|the|de|&|in|on)\s+|\s+&\s+|\s+|-)"
_EN_NAME = re.compile(rf"{_EN_WORD}(?:{_EN_JOIN}{_EN_WORD})*(?:\s*\([A-Z][\w ]{{0,20}}\))?")
_EN_STOP_START = {"The", "A", "An", "On", "In", "At", "By", "For", "From", "With", "Its",
                  "His", "Her", "Their", "This", "That", "These", "Those", "Both", "After",
                  "Afterwards", "Since", "During", "According", "As", "And", "Of", "Under",
                  "Students", "Graduates", "Responding", "When", "While", "Last", "Next",
                  "Every", "Each", "Some", "Many", "Several", "All", "Through", "Over"}  # fmt: skip
# Titles of people: "President of X College" names X College.
_EN_TITLE = re.compile(
    r"^(?:(?:Vice|Deputy|Executive|General|Party|Honorary)\s+)*(?:President|Secretary|"
    r"Chairman|Chairwoman|Chair|Director|Dean|Manager|Head|Principal|Chief|Member|"
    r"Secretary[- ]General|Committee)\s+of\s+(?:the\s+)?"
)
_EN_TITLE_WORDS = {"President", "Vice", "Deputy", "Secretary", "General", "Chairman", "Director",
                   "Dean", "Manager", "Professor", "Mayor", "Minister", "Governor"}  # fmt: skip
_EN_GENERIC = {"party", "standing", "political", "central", "research", "technology",
               "professional", "industry", "development", "national", "international", "new",
               "vocational", "technical", "education", "educational", "economic",
               "science"}  # fmt: skip
# Words that never sit inside a loosely written name (verbs, pronouns, articles, clauses).
_EN_LOOSE_STOP = {"the", "a", "an", "is", "are", "was", "were", "has", "have", "had", "will",
                  "said", "says", "signed", "visited", "held", "it", "its", "this", "that",
                  "which", "who", "their", "our", "we", "they", "to", "at", "in", "on", "by",
                  "with", "from", "as", "than", "between", "among", "also"}  # fmt: skip
# One pinyin syllable (a bare word made of them is a Chinese place or person, not a brand).
_PINYIN = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|"
    r"van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)"
)
_EN_APPOSITION = re.compile(
    r"\b(?:company|firm|conglomerate|carmaker|automaker|manufacturer|giant|"
    r"enterprises|companies|firms|partners)\s+(?:,\s*)?(?:including\s+|such as\s+|like\s+)?"
    rf"({_EN_WORD}(?:(?:\s+|-){_EN_WORD}){{0,3}})"
)
_EN_LIST = re.compile(
    r"\b(companies|enterprises|firms|colleges|universities|schools|institutions|"
    r"associations|partners)\b[^.;:]{0,80}?\b(?:including|such as|like|namely)\s+"
    r"([^.;:]{3,300})"
)
_EN_LIST_KIND = {"companies": "enterprise", "enterprises": "enterprise", "firms": "enterprise",
                 "colleges": "school", "universities": "school", "schools": "school",
                 "institutions": "other", "associations": "association",
                 "partners": "enterprise"}  # fmt: skip


_EN_LOWER_OF = re.compile(r"\s+of\s+(?:[a-z]+\s+){0,3}?[a-z]+(?=\s*(?:[,;.)]|$)|\s+and\s+[A-Z])")
_PROVINCE_NAMES = set(PROVINCES.values())
_EN_LEGAL_TAIL = re.compile(r"\.?,?\s*(?:Ltd|Limited|Inc|LLC)\b")


@dataclass(frozen=True)
class Mention:
    """An organisation named in a sentence: offsets are within the sentence."""

    name: str
    start: int
    end: int
    kind: str
    alias: str = ""
    byline: bool = False  # a news agency credited for the text, never a party


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


def find_known(sentence: str, known: dict[str, str], taken: list[Mention]) -> list[Mention]:
    """Other mentions of names the document already gave (abbreviations, 联席会议 for
    国务院职业教育工作部际联席会议): `known` maps each name to its kind."""
    out = list(taken)
    for name, kind in sorted(known.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(re.escape(name), sentence, flags=re.I if name.isascii() else 0):
            if not any(m.start < match.end() and match.start() < m.end for m in out):
                out.append(Mention(name, match.start(), match.end(), kind))
    return sorted(out, key=lambda m: m.start)


def find_mentions(sentence: str) -> list[Mention]:
    """Organisations named in a sentence, in order, without overlaps (longest wins)."""
    found: list[Mention] = []
    if has_cjk(sentence):
        found += _zh_suffix_names(sentence) + _zh_quoted(sentence) + _zh_lists(sentence)
    found += _en_names(sentence) + _en_appositions(sentence) + _en_lists(sentence)
    found += _en_loose(sentence) + _en_government(sentence) + _media(sentence)
    found += _en_visited(sentence)
    out = _no_overlaps(found)
    out = _no_overlaps(out + _en_coordinated(sentence, out))
    return out


def _no_overlaps(found: list[Mention]) -> list[Mention]:
    found = sorted(found, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_COORDINATION = re.compile(r"^\s*(?:、|，|,|\s+and\s+|&|和|及|以及|或)\s*(?:the\s+)?$")


def groups(sentence: str, mentions: list[Mention]) -> list[int]:
    """A group number for each mention: names joined only by 、 / , / and / 和 are one
    enumeration (parallel items, not partners of each other)."""
    out: list[int] = []
    for i, m in enumerate(mentions):
        if i and _COORDINATION.match(sentence[mentions[i - 1].end : m.start]):
            out.append(out[-1])
        else:
            out.append(out[-1] + 1 if out else 0)
    return out


_EN_BARE = rf"{_EN_WORD}(?:-{_EN_WORD})?"


def _brand_like(name: str) -> bool:
    """A bare name that may be a company: not a sentence opener or a title, not spelt in
    pinyin (a Chinese person or place)."""
    words = name.split()
    word = name.lower().replace("-", "").replace(" ", "")
    if words[0] in _EN_STOP_START or len(word) < 3 or _EN_TITLE_WORDS.intersection(words):
        return False
    return _PINYIN.sub("", word) != ""


def _en_coordinated(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare English names joined to a recognised one: "X College and Rhein-Koester"."""
    out = []
    for m in known:
        if has_cjk(m.name):
            continue
        after = re.match(rf"\s+and\s+({_EN_BARE})", sentence[m.end :])
        if after and _brand_like(after.group(1)):
            s = m.end + after.start(1)
            out.append(Mention(after.group(1), s, s + len(after.group(1)), "enterprise"))
        before = re.search(rf"(?:between\s+)?\b({_EN_BARE})\s+and\s+$", sentence[: m.start])
        if before and _brand_like(before.group(1)):
            name = before.group(1)
            out.append(Mention(name, before.start(1), before.end(1), kind_of(name) or "enterprise"))
    return out


def _zh_suffix_names(sentence: str) -> list[Mention]:
    pseg = _jieba()
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    for pair in pseg.cut(sentence):  # type: ignore[attr-defined]
        tokens.append((pair.word, pair.flag, pos))
        pos += len(pair.word)
    out: list[Mention] = []
    for i, (word, _flag, start) in enumerate(tokens):
        end = start + len(word)
        if zh_kind("某某" + word) is None and zh_kind(word) is None:
            continue
        first = i
        verb_between = False
        while first > 0:
            w, f, _ = tokens[first - 1]
            if w in "（(）)":
                first -= 1
                continue
            ministry = w == "和" and _ministry_and(tokens, first - 1, word)
            if not ministry and (
                f in _STOP_FLAGS or w in _STOP_WORDS or w in _ZH_BREAKERS or not w.strip()
            ):
                break
            if zh_kind("某某" + w) is not None and (verb_between or first == i):
                break  # the word to the left ends another name (X学院 联合 Y公司)
            verb_between = verb_between or f.startswith("v")
            first -= 1
        plain_ok = zh_kind("某某" + word) == "government" or bool(
            _FOUNDED.search(sentence[: tokens[first][2]]) and _BODY.search(word)
        )
        starts = _START_FLAGS + (("vn",) if plain_ok else ())
        while first < i and (tokens[first][1] not in starts or tokens[first][0] in "（）()"):
            first += 1
        part = tokens[first : i + 1]
        # A name starts after a joining character glued into an unknown word (赵芝明和省…).
        for k in range(len(part) - 1, -1, -1):
            w = part[k][0]
            glued = any(c in _JOINERS for c in w[1:]) or (k > 0 and w[0] in _LEAD_CHARS)
            if k < len(part) - 1 and len(w) > 1 and not _known(w) and glued:
                cut = max(max(w.rfind(c) for c in _JOINERS), 0 if w[0] in _LEAD_CHARS else -1)
                part = [(w[cut + 1 :], "x", part[k][2] + cut + 1), *part[k + 1 :]]
                break
        lead = part[0][0]
        offset = 1 if len(lead) > 1 and lead[0] in _LEAD_CHARS and not _known(lead) else 0
        name = sentence[part[0][2] + offset : end]
        kind = zh_kind(name)
        if kind is None or len(name) > MAX_ZH_NAME or name.count("（") != name.count("）"):
            continue
        if len(name) < MIN_ZH_NAME:
            continue
        official = (
            kind == "government"
            and not any(w in _GENERIC for w, _, _ in part)
            and all(
                f in _NOUN_FLAGS or w == "和" or (k == len(part) - 1 and zh_kind("某某" + w))
                for k, (w, f, _) in enumerate(part)
            )
        )
        proper = (
            official
            or any(
                (f in _PROPER_FLAGS or (len(w) > 1 and not _known(w))) and w not in _GENERIC
                for w, f, _ in part[:-1]
            )
            or (len(part) == 1 and (part[0][1] in _SINGLE_FLAGS or kind == "government"))
            or name.endswith(_LEGAL_FORMS)
        )
        founded = _FOUNDED.search(sentence[: part[0][2]]) and _BODY.search(name)
        if not proper and not founded:
            continue
        start = part[0][2] + offset
        out.append(Mention(name, start, end, kind, _paren_alias(sentence, end)))
    return out


def _ministry_and(tokens: list[tuple[str, str, int]], k: int, head: str) -> bool:
    """True for the 和 at position k inside a government body's name (工业和信息化部,
    住房和城乡建设局): nouns on both sides and the name's last word close after it."""
    if zh_kind("某某" + head) != "government" or k < 1 or k + 1 >= len(tokens):
        return False
    nouns = tokens[k - 1][1] in _NOUN_FLAGS and tokens[k + 1][1] in _NOUN_FLAGS
    return nouns and any(w == head for w, _, _ in tokens[k + 1 : k + 4])


def _common_word(text: str) -> bool:
    """True when the text is made of common dictionary words only (no name in it)."""
    pseg = _jieba()
    pairs = list(pseg.cut(text))  # type: ignore[attr-defined]
    return all(_known(p.word) and p.flag not in _PROPER_FLAGS for p in pairs)


def _known(word: str) -> bool:
    """True for a word of jieba's dictionary (an unknown word is most likely a name)."""
    import jieba

    return bool(jieba.dt.FREQ.get(word))


def _paren_alias(sentence: str, end: int) -> str:
    match = _ZH_PAREN.match(sentence[end:])
    if not match:
        return ""
    inner = match.group(1).strip()
    inner = re.sub(r"^(以下简称|下称|简称)[：:]?", "", inner).strip("“”\"' ")
    return inner if inner and not re.search(r"\d{4}|以下|等", inner) else ""


def _zh_quoted(sentence: str) -> list[Mention]:
    out = []
    for match in _QUOTED.finditer(sentence):
        name = match.group(1)
        kind = zh_kind(name)
        if kind and has_cjk(name):
            out.append(Mention(name, match.start(1), match.end(1), kind))
    return out


def _zh_lists(sentence: str) -> list[Mention]:
    out = []
    for match in _ZH_LIST_END.finditer(sentence):
        head = sentence[: match.start()]
        starts = [m.end() for m in _LIST_START.finditer(head)]
        begin = starts[-1] if starts else 0
        span = head[begin:]
        if "、" not in span and not re.search(r"以及|及|和", span):
            continue
        pos = begin
        items: list[Mention] = []
        for item in _LIST_SPLIT.split(span):
            offset = sentence.find(item, pos)
            pos = offset + len(item)
            name = item.strip()
            if len(name) < 2 or len(name) > MAX_LIST_ITEM or re.search(r"[\d，。：]", name):
                continue
            kind = zh_kind(name) or _LIST_KIND[match.group(1)]
            items.append(Mention(name, offset, offset + len(item), kind))
        common = sum(1 for m in items if not zh_kind(m.name) and _common_word(m.name))
        if common * 2 <= len(items):  # 养老、家政等产业 lists sectors, not organisations
            out += items
    return out


def _en_names(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_NAME.finditer(sentence):
        text = match.group(0)
        start = match.start()
        words = text.split()
        while words and words[0] in _EN_STOP_START:
            start = sentence.find(words[1], start + len(words[0])) if len(words) > 1 else -1
            words = words[1:]
        if not words or start < 0:
            continue
        for piece_start, piece in _split_en_and(sentence, start, match.end()):
            alias = ""
            paren = re.search(r"\s*\(([A-Z][\w ]{0,20})\)$", piece)
            if paren:
                alias = paren.group(1)
                piece = piece[: paren.start()]
            piece = re.sub(r"(\s+(of|for|and|the|de|&|in|on))+$", "", piece)
            owner = re.match(r"^[A-Z][\w-]*['’]s\s+", piece)  # "Thailand's X College"
            if owner:
                piece_start += owner.end()
                piece = piece[owner.end() :]
            title = _EN_TITLE.match(piece)
            if title:
                piece_start += title.end()
                piece = piece[title.end() :]
            kind = kind_of(piece)
            if kind is None or len(piece.split()) > MAX_EN_WORDS or len(piece.split()) < 2:
                continue
            piece = _trim_tail(piece)
            if len(piece.split()) < 2 or _generic_en(piece):
                continue
            legal = _EN_LEGAL_TAIL.match(sentence, piece_start + len(piece))
            if legal and not alias:
                piece = sentence[piece_start : legal.end()]
            lower_of = _EN_LOWER_OF.match(sentence, piece_start + len(piece))
            if lower_of and piece.split()[-1].lower() in EN_HEADS and not alias:
                piece = sentence[piece_start : lower_of.end()]  # "X University of technology"
            out.append(Mention(piece, piece_start, piece_start + len(piece), kind, alias))
    return out


def _generic_en(name: str) -> bool:
    """True for a name made only of head and generic words ("Party Committee")."""
    words = [w.lower().strip(".,") for w in name.split() if w[:1].isupper()]
    return all(w in EN_HEADS or w in _EN_GENERIC for w in words)


def _trim_tail(name: str) -> str:
    """Cut what follows the last head word unless it is "of …" or one more name word
    ("X College in Guangdong" -> "X College"; "Y Academy Berlin", "Z Chamber of Commerce"
    stay)."""
    words = name.split()
    heads = [i for i, w in enumerate(words) if w.lower().strip(".,") in EN_HEADS]
    if not heads:
        return ""
    last = heads[-1]
    tail = words[last + 1 :]
    if not tail or tail[0] in ("of", "for") or (len(tail) == 1 and tail[0][:1].isupper()):
        return name
    return " ".join(words[: last + 1])


def _split_en_and(sentence: str, start: int, end: int) -> list[tuple[int, str]]:
    """Split "X College and Y Co" into two names when the left part is complete."""
    text = sentence[start:end]
    parts: list[tuple[int, str]] = []
    pos = 0
    for match in re.finditer(r"\s+(?:and|&)\s+", text):
        left = text[pos : match.start()]
        if left.split() and left.split()[-1].lower() in EN_HEADS:
            parts.append((start + pos, left))
            pos = match.end()
    parts.append((start + pos, text[pos:]))
    return parts


# A name in a loose translation, with lower-case words inside, anchored at a clause start
# and ended by a legal form or a head word: "Hangzhou Xizi intelligent parking Co., Ltd.".
_EN_LOOSE = re.compile(
    r"(?:^|[;:]\s*|,\s+|\b(?:and|with|by|between)\s+)"
    r"([A-Z][\w'-]*(?:\s+[a-zA-Z][\w'-]*){0,5}?\s+"
    r"(?:Co\.,?\s*Ltd|Co\.|company|association|society|university|college|group))\b",
    re.I,
)


_EN_GOVERNMENT = re.compile(
    r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:provincial\s+|municipal\s+|city\s+|district\s+|"
    r"county\s+)?government)\b"
)
# A news agency or site credited in a byline: "(Xinhua) -", "Source: X", "苏报讯", domains.
_EN_MEDIA = re.compile(
    r"\(([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)\)\s*[-–—]|\bSource:\s*([A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})|"
    r"\b([a-z][\w-]*\.(?:com|net|org)(?:\.cn)?)\b"
)
_ZH_MEDIA = re.compile(
    r"^([\u4e00-\u9fff]{2,6}?)讯|^([\u4e00-\u9fff]{2,6}(?:网|日报|晚报|新闻))[：:]"
)


# The host of a visit: "visited Huayun Data", "a visit to Liangjiang New Area".
_EN_VISITED = re.compile(
    r"\b(?:visited|visit to|visits to)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})"
)


def _en_visited(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_VISITED.finditer(sentence):
        name = match.group(1)
        if name in _PROVINCE_NAMES or (len(name.split()) == 1 and not _brand_like(name)):
            continue
        out.append(Mention(name, match.start(1), match.end(1), kind_of(name) or "other"))
    return out


def _en_government(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_GOVERNMENT.finditer(sentence):
        name = match.group(1)
        if name.split()[0] not in _EN_STOP_START:
            out.append(Mention(name, match.start(1), match.end(1), "government"))
    return out


def _media(sentence: str) -> list[Mention]:
    out = []
    for pattern in (_EN_MEDIA, _ZH_MEDIA):
        for match in pattern.finditer(sentence):
            group = next(g for g in range(1, (pattern.groups or 0) + 1) if match.group(g))
            name = match.group(group)
            if name.split()[0] not in _EN_STOP_START:
                out.append(
                    Mention(name, match.start(group), match.end(group), "other", byline=True)
                )
    return out


def _en_loose(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_LOOSE.finditer(sentence):
        name = match.group(1)
        words = name.split()
        if not words[0][:1].isupper() or words[0] in _EN_STOP_START:
            continue
        if any(w.lower() in _EN_LOOSE_STOP for w in words):
            continue
        if _generic_en(name) or re.match(r"\s+[A-Z]", sentence[match.end(1) :]):
            continue  # a generic phrase, or a name that goes on in capitals
        start = match.start(1)
        title = _EN_TITLE.match(name)
        if title:
            start += title.end()
        legal = _EN_LEGAL_TAIL.match(sentence, match.end(1))
        end = legal.end() if legal else match.end(1)
        name = sentence[start:end].rstrip(".")
        out.append(Mention(name, start, start + len(name), kind_of(name) or "enterprise"))
    return out


def _en_appositions(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_APPOSITION.finditer(sentence):
        name = match.group(1)
        if not kind_of(name) and not _brand_like(name):
            continue
        out.append(Mention(name, match.start(1), match.end(1), kind_of(name) or "enterprise"))
    return out


def _en_lists(sentence: str) -> list[Mention]:
    out = []
    for match in _EN_LIST.finditer(sentence):
        kind = _EN_LIST_KIND[match.group(1)]
        body_start = match.start(2)
        for item in re.finditer(r"[^,]+", match.group(2)):
            text = re.sub(r"^\s*(and|as well as)\s+", "", item.group(0)).strip()
            for part in re.split(r"\s+and\s+", text):
                part = part.strip()
                if not re.fullmatch(rf"{_EN_WORD}(?:(?:\s+|-|\s+&\s+){_EN_WORD}){{0,5}}", part):
                    continue
                offset = sentence.find(part, body_start)
                titled = re.match(r",\s*(?:[A-Z]\w+\s+){0,2}(?:" + "|".join(_EN_TITLE_WORDS) + ")",
                                  sentence[offset + len(part) :])  # fmt: skip
                if titled or _EN_TITLE_WORDS.intersection(part.split()):
                    continue  # a person: "Yu Qifeng, Vice President of …"
                if not kind_of(part) and len(part.split()) > 1 and not _brand_like(part):
                    continue  # a two-word pinyin name is a person, not a company
                if part in _PROVINCE_NAMES:
                    continue  # "…, Shanghai" is where, not who
                out.append(Mention(part, offset, offset + len(part), kind_of(part) or kind))
    return out
