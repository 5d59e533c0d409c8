"""Chinese organisation mentions: suffixed names found over jieba's parts of speech, quoted
names, enumerations ("A、B、C等10家企业") and newspaper bylines."""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.cues import cue
from corpus.mention import Mention
from corpus.orgnames import has_cjk, zh_kind

MIN_ZH_NAME = 3  # shortest Chinese organisation name accepted (characters)
MAX_ZH_NAME = 32  # longest Chinese organisation name accepted (characters)
MAX_PARTY_WORD = 2  # a government word this short (省委, 市委) opens a body's name (省委组织部)
RARE_WORD_FREQ = 150  # a dictionary word seen fewer times than this may be a name's own word
MINISTRY_SPAN = 3  # words on each side of a ministry's own 和 (工业和信息化部) that hold its head
MIN_CLAUSE_VERB = 2  # a verb this long ends a name before it; a shorter one may be in it (来鑫)
SEGMENT_CACHE = 64  # sentences whose jieba words are kept for the rules that read them again
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
               "现在", "届时", "同时", "此外", "本次", "首批", "全国", "标杆", "旗下",
               "会同"}  # fmt: skip
# "经 X 批准 / 同意": 经 ("by way of") before a body whose approval follows is no part of its name.
_BY_WAY_OF = "经"
_APPROVED = re.compile(r"批准|同意|批复|审定|审批|授权")
# "Nationwide": a stop word elsewhere, the first word of an alliance's or association's name.
_NATIONWIDE = "全国"
_NATIONWIDE_KINDS = ("alliance", "association")
# Flags a name may start with (not a verb); an adjective may start one (远 in 远帆), and a bound
# noun morpheme (石 of 石拐区, which jieba cuts off).
_START_FLAGS = ("n", "ng", "ns", "nr", "nrt", "nz", "nt", "j", "eng", "nrfg", "l", "i", "b", "s",
                "f", "t", "a")  # fmt: skip
# Flags of a person, who before a verb is its subject, not the start of a name (a place before a
# verb may be: jieba tags 联合 of 江苏联合职业技术学院 a verb).
# Flags of the word before a name: prepositions, conjunctions, punctuation.
_OPENER_FLAGS = ("p", "c", "x")
_ACTOR_FLAGS = ("nr", "nrfg")
# Proper-name flags that, after a verb, start a new name.
_NAME_START_FLAGS = ("ns", "nt", "nr", "nrt", "nz")
# The last character of a word jieba tags as an organisation (nt) that makes it one
# without a suffix of ours: a state body (国务院), a news agency (某某社).
_NT_ENDINGS = {"院": "government", "社": "other"}
# Flags of proper names: a name needs one of them (or to be one dictionary word), so that
# generic phrases such as 职业学校 or 产业学院 are not taken for organisations.
_PROPER_FLAGS = ("ns", "nr", "nrt", "nz", "nt", "nrfg", "eng", "i", "j")
_SINGLE_FLAGS = ("nt", "nz", "j")
# A body the sentence says was set up is named, however plain its name (组建了发展理事会).
_FOUNDED = re.compile(r"(?:组建|成立|设立)(?:了|的)?$")
_BODY = re.compile(r"(?:理事会|委员会|联盟|联合体|共同体)$")
# A government body may be named with common nouns only (财政部, 农业农村部).
_NOUN_FLAGS = ("n", "nz", "nt", "ns", "j", "vn")
# Function characters jieba may glue to the front of an unknown name (由青禾 -> 青禾).
_LEAD_CHARS = "由和与及同在从向对将把被为是于跟了"
_PARTICLES = "了着过"  # aspect particles jieba may glue to the front of an unknown name
_BRANCHES = ("委员会", "分会", "专委会")  # bodies inside an association, named after it
_DEPARTMENT = "厅"  # a province's department, and also a hall
_NAMED_DEPARTMENTS = ("办公厅", "教育厅")  # suffixes that are departments whatever precedes
_LEVEL_CHARS = "省市县区"  # levels of government, in a department's name (青禾省人社厅, 省人社厅)
# Kinds of the organisations whose offices (人事部, 办公室) are named after them.
_HOUSING_KINDS = ("enterprise", "school")
_ZONES = ("开发区", "高新区", "工业园", "产业园")  # zones, whose bodies are named after them
_GENERAL_OFFICE = "办公厅"  # a government's general office, named after it (某某人民政府办公厅)
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
    # levels of government: 直辖市人民政府 is every such government, not one
    "直辖市",
    "自治区",
    "自治州",
    "省级",
    "市级",
    "县级",
    "地市",
    # school levels: 中职学校 and 高职院校 are every such school
    "中职",
    "高职",
    "大中专",
    # a listed company (上市公司) is every such company
    "上市",
    # grades and programmes of vocational education: 示范性职业学校, 骨干职教集团, 区级重点实验室,
    # 市域产教联合体 and 技师学院 are every such body (the domain's words jieba barely knows)
    "示范性",
    "骨干",
    "区级",
    "市域",
    "技师",
}  # a one-word name must be a known institution or brand
# Words that end a name to their left even though jieba calls them nouns.
_ZH_BREAKERS = {"代表", "学生", "师生", "领导", "负责人", "校长", "书记", "主任", "院长", "同志",
                "记者", "仪式", "成员", "单位", "双方", "三方", "各方", "合作", "签约", "签订",
                "举行", "成立", "牵头", "组建", "入选", "共建", "携手", "获批", "名单", "培训",
                "开展", "建设", "推动", "参与", "出席", "参加", "包括", "加入", "鼓励", "支持",
                "主动", "深化", "着力", "打造", "推进", "依靠", "会长", "副会长", "理事长",
                "秘书长", "董事长", "总经理", "副总经理", "主席", "副主席", "副校长", "党委书记",
                "院校", "高校",
                "副院长", "专务", "首席", "召开", "举办", "发布", "公布", "印发"}  # fmt: skip
_QUOTED = re.compile(r"[“\"《「]([^”\"》」]{2,40})[”\"》」]")
_ZH_PAREN = re.compile(r"^[（(]([^（）()]{1,40})[）)]")
# The end of an enumeration: 等 (or a count of exactly its items: "A、B两家公司"), then
# the class of its items.
_ZH_LIST_END = re.compile(
    r"(?=等|\d|[一二三四五六七八九十两百])(?P<etc>等)?\s*(?P<count>\d+|[一二三四五六七八九十两百]+)?\s*(?P<more>多|余)?\s*"
    r"(?P<unit>家|个|所)?\s*"
    r"(?:(?!产业|领域|行业|方面|类)[^\d，。、；]){0,10}?"
    r"(?P<cls>企业|公司|车企|院校|学校|高校|职业院校|协会|商会|行业协会|政府部门|部门|科研机构|机构|单位|"
    r"代表|基地)"
)
_ZH_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}
_LIST_KIND = {"企业": "enterprise", "公司": "enterprise", "车企": "enterprise",
              "院校": "school", "学校": "school", "高校": "school", "职业院校": "school",
              "协会": "association", "商会": "association", "行业协会": "association",
              "政府部门": "government", "部门": "government", "科研机构": "other",
              "机构": "other", "单位": "other", "代表": "enterprise",
              "基地": "enterprise"}  # fmt: skip
_LIST_SPLIT = re.compile(r"、|以及|及|和|与")
_LIST_START = re.compile(r"[，,：:。；;（(]|包括|有|如|是|为|由|与|同|和")


_ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+")
_ADVERBIAL_FLAGS = ("t", "d", "ad")  # jieba's time words and adverbs (先后, 积极)
MIN_VERB_PHRASE = 4  # a word this long ending in a two-character verb is a verb phrase


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


@lru_cache(maxsize=SEGMENT_CACHE)
def _tagged(sentence: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of a sentence with their parts of speech (each rule reads them)."""
    return tuple((p.word, p.flag) for p in _jieba().cut(sentence))  # type: ignore[attr-defined]


def _zh_suffix_names(sentence: str) -> list[Mention]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    for word, flag in _tagged(sentence):
        tokens += _unglued(word, flag, pos)
        pos += len(word)
    out: list[Mention] = []
    for i, (word, flag, start) in enumerate(tokens):
        end = start + len(word)
        if (
            flag == "nt"
            and len(word) >= MIN_ZH_NAME
            and word[-1] in _NT_ENDINGS
            and zh_kind(word, {0}) is None  # 文理学院 ends in a suffix of ours: not 国务院's rule
        ):
            out.append(Mention(word, start, end, _NT_ENDINGS[word[-1]]))  # 国务院, 某某社
            continue
        # an ending such as 子公司 inside a word jieba tags as an organisation (西门子公司)
        # does not make it a part of one
        nt = flag == "nt"
        if zh_kind("某某" + word, {0, 2} if nt else None) is None and (
            zh_kind(word, {0} if nt else None) is None
        ):
            continue
        if flag == "v":
            continue  # a verb that ends like a suffix (交办, 申办) ends no name
        first = i
        verb_between = False
        inner = False  # the name is an office inside a company or a school
        while first > 0:
            w, f, _ = tokens[first - 1]
            if w in "（(）)":
                first -= 1
                continue
            if w == _NATIONWIDE and _nationwide_kind(tokens, first, i) and first < i:
                first -= 1  # 全国 opens a national body's name (全国某某联盟), nothing before it
                break
            ministry = w in _JOINERS[:2] and (
                _ministry_and(tokens, first - 1, word) or _brand_and(tokens, first - 1, i)
            )
            if not ministry and _opening_locality(tokens, first - 1):
                first -= 1  # 与中芯…公司: a locality word after 与 opens the name
                break
            if (
                not ministry
                and not _placed_ordinal(tokens, first - 1)
                and (f in _STOP_FLAGS or w in _STOP_WORDS or w in _ZH_BREAKERS or not w.strip())
            ):
                break
            if w == _BY_WAY_OF and _APPROVED.match(sentence, end):
                break  # 经省政府同意: the body whose approval is given
            # 省委 opens 省委组织部; a ministry opens its own department (某某部某某司)
            party = (len(w) <= MAX_PARTY_WORD or word.endswith("司")) and (
                _government(w) and _government(word)
            )
            # an association's branch (某某学会某某专业委员会, 某某协会某某分会) is one name
            branch = word in _BRANCHES and zh_kind("某某" + w) == "association"
            # a group's legal form follows its name (某某集团有限公司)
            branch = branch or (word.endswith(_LEGAL_FORMS) and zh_kind("某某" + w) == "enterprise")
            # a government's general office is named after it (某某省人民政府办公厅)
            branch = branch or (word == _GENERAL_OFFICE and _government(w))
            # a zone names the bodies in it (某某开发区管理委员会, 某某高新区产教联合体)
            branch = branch or w.endswith(_ZONES)
            if (
                _government(word)
                and zh_kind("某某" + w) in _HOUSING_KINDS
                and not branch
                and all(_known(t) for t, _, _ in tokens[first:i])
            ):
                inner = True  # 某某有限公司人事行政部: an office of the company, no body
                break
            if (
                zh_kind("某某" + w) is not None
                and (verb_between or first == i)
                and not (party or branch)
            ):
                break  # the word to the left ends another name (X学院 联合 Y公司)
            verb_between = verb_between or f.startswith("v")
            first -= 1
        if inner:
            continue
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
        # A verb followed by a proper name ends what came before it (并入 国务院…), also a
        # phrase jieba takes for a noun that ends in a verb (实地考察 滦州…, 全力支持 某某…).
        for k in range(len(part) - 2, -1, -1):
            if (
                (part[k][1] == "v" or _ends_in_verb(part[k][0]))
                and part[k + 1][1] in _NAME_START_FLAGS
                and len(part[k][0]) >= MIN_CLAUSE_VERB
            ):
                part = part[k + 1 :]
                break
        # A person who does something starts a clause, not a name (王某主持集团…), and so do
        # two verbs in a row (陈某受聘担任集团…): the name, if any, follows the verb.
        for k in range(len(part) - 2, 0, -1):
            if part[k][1] == "v" and (part[k - 1][1] in _ACTOR_FLAGS or part[k - 1][1] == "v"):
                part = part[k + 1 :]
                break
        lead = part[0][0]
        glued_lead = lead[0] in _LEAD_CHARS or (
            lead[0] == _BY_WAY_OF and bool(_APPROVED.match(sentence, end))
        )
        offset = 1 if len(lead) > 1 and glued_lead and not _known(lead) else 0
        name = sentence[part[0][2] + offset : end]
        unopened = _unopened(name)
        if unopened:  # "（记者 某某）某某厅": a bracket closed before the name began
            name, offset = name[unopened:], offset + unopened
        name_start = part[0][2] + offset
        word_starts = {p - name_start for _, _, p in part if p >= name_start}
        kind = zh_kind(name, word_starts if part[-1][1] == "nt" else None)
        if kind is None or len(name) > MAX_ZH_NAME or name.count("（") != name.count("）"):
            continue
        if len(name) < MIN_ZH_NAME or _hall(name, part):
            continue
        official = (
            kind == "government"
            and not any(_generic(w) for w, _, _ in part)
            and all(
                (f in (*_NOUN_FLAGS, "l") and not _verb_phrase(w))
                or w in _JOINERS[:2]
                or (k == len(part) - 1 and zh_kind("某某" + w))
                for k, (w, f, _) in enumerate(part)
            )
        )
        proper = (
            official
            or any(
                (f in _PROPER_FLAGS or (len(w) > 1 and _rare(w, f))) and not _generic(w)
                for w, f, _ in part[:-1]
            )
            or (
                len(part) == 1
                and (part[0][1] in _SINGLE_FLAGS or kind == "government")
                and not _generic(part[0][0])  # a class in one word (上市公司, 高职高专)
            )
            or name.endswith(_LEGAL_FORMS)
        )
        founded = _FOUNDED.search(sentence[: part[0][2]]) and _BODY.search(name)
        if not proper and not founded:
            continue
        start = part[0][2] + offset
        out.append(Mention(name, start, end, kind, _paren_alias(sentence, end)))
    return out


def _nationwide_kind(tokens: list[tuple[str, str, int]], first: int, i: int) -> bool:
    """True when the words from `first` to the suffix word `i` make a body that 全国 opens
    (全国某某联盟, 全国商贸职业教育集团: an alliance or an association)."""
    words = "".join(w for w, _, _ in tokens[first : i + 1])
    return zh_kind("某某" + words) in _NATIONWIDE_KINDS


def _placed_ordinal(tokens: list[tuple[str, str, int]], k: int) -> bool:
    """True for an ordinal right after a place's name, one jieba knows or one a level of
    government closes (某某县第二职业学校, 某某市第一中学): part of a school's name."""
    if k == 0 or not _ORDINAL.fullmatch(tokens[k][0]):
        return False
    place, flag, _ = tokens[k - 1]
    return flag == "ns" or (len(place) > 1 and place[-1] in _LEVEL_CHARS)


def _hall(name: str, part: list[tuple[str, str, int]]) -> bool:
    """True for a hall (报告厅, 某某楼卓雅厅, 电子游戏厅) taken for a department (厅): a
    department's name has a place in it (江苏省教育厅, 省人社厅) or is one word jieba knows as
    an organisation (中共中央办公厅)."""
    if not name.endswith(_DEPARTMENT) or (len(part) == 1 and part[0][1] == "nt"):
        return False
    if zh_kind(name) != "government" or any(name.endswith(s) for s in _NAMED_DEPARTMENTS):
        return False
    levelled = any(c in _LEVEL_CHARS for c in name[: -len(_DEPARTMENT)])
    return not levelled and not any(f == "ns" for _, f, _ in part)


def _opening_locality(tokens: list[tuple[str, str, int]], k: int) -> bool:
    """True for a one-character locality word (中, 上, 东 …) at position k right after a
    preposition, a conjunction or a punctuation mark: no noun stands before it for it to
    place something in, so it opens a name (与中芯集成电路制造有限公司)."""
    word, flag, _ = tokens[k]
    if len(word) != 1 or flag != "f":
        return False
    return k == 0 or tokens[k - 1][1] in _OPENER_FLAGS


def _unopened(name: str) -> int:
    """Where a name starts after a closing bracket that no bracket in it opened, else 0."""
    depth = 0
    cut = 0
    for k, c in enumerate(name):
        if c in "（(":
            depth += 1
        elif c in "）)":
            if depth == 0:
                cut = k + 1
            depth = max(depth - 1, 0)
    return cut


def _generic(word: str) -> bool:
    """True for a class modifier, alone or opening a word jieba made of it (普通本科)."""
    return word in _GENERIC or any(word.startswith(g) for g in _GENERIC if len(g) > 1)


def _government(word: str) -> bool:
    """True for a word whose ending makes a government body (省委, 组织部, 办公厅)."""
    return zh_kind("某某" + word) == "government"


def _unglued(word: str, flag: str, pos: int) -> list[tuple[str, str, int]]:
    """A jieba word that glues a name's suffix to a title (协会会长, 学院院长) as two
    words: the suffix ends the name, the title follows it (a 党委书记 stays one)."""
    for cut in range(len(word) - 1, 0, -1):
        head, title = word[:cut], word[cut:]
        kind = zh_kind("某某" + head)
        if title in _ZH_BREAKERS and kind is not None and kind != "government":
            return [(head, "n", pos), (title, "n", pos + cut)]
    return [(word, flag, pos)]


def _ministry_and(tokens: list[tuple[str, str, int]], k: int, head: str) -> bool:
    """True for the 和 / 与 at position k inside a government body's name (工业和信息化部,
    职业教育与成人教育司): nouns on both sides and the name's last word close after it."""
    if zh_kind("某某" + head) != "government" or k < 1 or k + 1 >= len(tokens):
        return False
    nouns = tokens[k - 1][1] in _NOUN_FLAGS and tokens[k + 1][1] in (*_NOUN_FLAGS, "l")
    if zh_kind("某某" + tokens[k - 1][0]) is not None:
        return False  # 教育厅和人社厅: two bodies
    if any(w == head for w, _, _ in tokens[max(k - MINISTRY_SPAN, 0) : k]):
        return False  # 联席会议议题和需提交联席会议: the body is named before the 和 already
    # the head right after the joiner is a body of its own (方案文本和教育部)
    return nouns and any(w == head for w, _, _ in tokens[k + 2 : k + 1 + MINISTRY_SPAN])


def _brand_and(tokens: list[tuple[str, str, int]], k: int, head: int) -> bool:
    """True for the 和 at position k inside a company's name (深圳和记服务贸易有限公司):
    nothing between it and the suffix is distinctive (a proper noun or a rare word, words
    in brackets aside), and a distinctive word, no organisation's suffix, stands before it."""
    if k < 1 or zh_kind("某某" + tokens[head][0]) != "enterprise":
        return False
    depth = 0
    for w, f, _ in tokens[k + 1 : head]:
        if w in "（(" or w in "）)":
            depth += 1 if w in "（(" else -1
        elif depth == 0 and _distinctive(w, f):
            return False
    w, f, _ = tokens[k - 1]
    return _distinctive(w, f) and zh_kind("某某" + w) is None


def _distinctive(word: str, flag: str) -> bool:
    """True for a word that can make a name its own: a proper noun, or one jieba barely knows."""
    return len(word) > 1 and (flag in _PROPER_FLAGS or _rare(word, flag)) and not _generic(word)


def _common_word(text: str) -> bool:
    """True when the text is made of common dictionary words only (no name in it)."""
    pseg = _jieba()
    pairs = list(pseg.cut(text))  # type: ignore[attr-defined]
    return all(_known(p.word) and p.flag not in _PROPER_FLAGS for p in pairs)


def _rare(word: str, flag: str) -> bool:
    """True for a word jieba's dictionary lacks or barely knows (晨光, 长风): in front of an
    organisation suffix it is most likely a name, not a class (产业学院, 大型集团)."""
    import jieba

    if _verb_phrase(word):
        return False
    if not _known(word):
        return not flag.startswith("v")  # jieba guesses a verb (赋能): an action, no name
    if flag != "n" or jieba.dt.FREQ.get(word, 0) >= RARE_WORD_FREQ:
        return False
    # a rare compound of common words (骨干企业, 校长助理) is no name
    return not any(_known(word[:k]) and _known(word[k:]) for k in range(2, len(word) - 1))


def _verb_phrase(word: str) -> bool:
    """True for a word jieba barely knows that ends in a verb it knows (需提交): words glued
    together, not a name."""
    import jieba

    return jieba.dt.FREQ.get(word, 0) < RARE_WORD_FREQ and any(
        _dictionary_flag(word[k:]) == "v" for k in range(1, len(word) - 1)
    )


def _dictionary_flag(word: str) -> str:
    """The part of speech jieba's dictionary gives a word, '' for a word it lacks."""
    return str(_jieba().dt.word_tag_tab.get(word, ""))  # type: ignore[attr-defined]


def _ends_in_verb(word: str) -> bool:
    """True for a phrase of four characters or more whose last two are a verb of jieba's
    dictionary (实地考察, 全力支持): an action, whatever jieba tags the phrase."""
    return len(word) >= MIN_VERB_PHRASE and _dictionary_flag(word[-2:]) == "v"


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
        # a quoted phrase of common words only is a slogan or a class ("灯塔工厂"), not a name
        if kind and has_cjk(name) and not _common_word(name):
            out.append(Mention(name, match.start(1), match.end(1), kind))
    return out


def _cuts(sentence: str) -> tuple[set[int], set[int]]:
    """Where jieba's words start and end in the sentence."""
    starts: set[int] = set()
    ends: set[int] = set()
    pos = 0
    for word, _ in _tagged(sentence):
        starts.add(pos)
        pos += len(word)
        ends.add(pos)
    return starts, ends


def _zh_lists(sentence: str) -> list[Mention]:
    out = []
    starts, ends = _cuts(sentence)
    for match in _ZH_LIST_END.finditer(sentence):
        if match.group("etc") and not {match.start(), match.start() + 1} <= starts:
            continue  # 高等学校 is a kind of school, not the end of a list
        if not match.group("etc") and not (match.group("unit") and match.group("count")):
            continue
        counted = _count(match.group("count")) if not match.group("more") else None
        head = sentence[: match.start()]
        # a list starts after a word that ends where a jieba word ends (拥有, not 有限公司)
        opened = [m.end() for m in _LIST_START.finditer(head) if m.end() in ends]
        begin = opened[-1] if opened else 0
        span = head[begin:]
        if "、" not in span and not re.search(r"以及|及|和", span):
            continue
        items = _list_items(sentence, begin, span, match.group("cls"))
        if not match.group("etc") and counted != len(items):
            continue  # without 等 only a count of exactly the items closes a list
        common = sum(1 for m in items if not zh_kind(m.name) and _common_word(m.name))
        # 养老、家政等产业 lists sectors, not organisations; "A、B两家公司" counts its names.
        if common * 2 <= len(items) or counted == len(items):
            out += [m for m in items if not _faculty(m)]
    return out


def _list_items(sentence: str, begin: int, span: str, cls: str) -> list[Mention]:
    """The items of an enumeration, a government body's own 和 kept (工业和信息化部)."""
    pieces: list[tuple[int, str]] = []
    pos = begin
    for item in _LIST_SPLIT.split(span):
        offset = sentence.find(item, pos)
        pos = offset + len(item)
        joined = sentence[pieces[-1][0] + len(pieces[-1][1]) : offset] if pieces else ""
        if (
            joined in ("和", "与")
            and zh_kind("某某" + item) == "government"
            and not zh_kind(pieces[-1][1])
        ):
            item = sentence[pieces[-1][0] : offset + len(item)]
            offset = pieces.pop()[0]
        pieces.append((offset, item))
    items: list[Mention] = []
    for k, (offset, item) in enumerate(pieces):
        if k == 0:  # a verb before the first item is not part of it (携手A、B等企业)
            lead = _leading_verbs(item)
            offset, item = offset + lead, item[lead:]
        name = item.strip()
        if len(name) < 2 or len(name) > MAX_LIST_ITEM or re.search(r"[\d，。：]", name):
            continue
        kind = zh_kind(name) or _LIST_KIND[cls]
        items.append(Mention(name, offset, offset + len(item), kind))
    return items


def _leading_verbs(text: str) -> int:
    """How many characters open the text before its first item can start: leading verbs
    and prepositions, and anything up to the last breaker word (学院携手A → A)."""
    n = cut = 0
    leading = True
    for word, flag in _tagged(text):
        n += len(word)
        # 先后 / 积极 before the verb, and a phrase ending in a verb (实地考察), lead too
        verb = leading and (flag.startswith("v") or flag in _ADVERBIAL_FLAGS or _ends_in_verb(word))
        if word in _ZH_BREAKERS or flag.startswith("p") or verb:
            cut = n
        else:
            if leading and len(word) > 1 and word[0] in _PARTICLES and not _known(word):
                cut = n - len(word) + 1  # a verb's 了 glued to the name after it (了鸿翔)
            leading = False
    return cut


def _faculty(m: Mention) -> bool:
    """A school-named item of common words only (智能制造学院): a school's own faculty."""
    return zh_kind(m.name) == "school" and _common_word(m.name)


def _count(text: str | None) -> int | None:
    """A small count written in digits or Chinese numerals (两, 十二), else None."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _ZH_NUMERALS.get(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + _ZH_NUMERALS.get(text[1], 0)
    return None


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
        _zh_suffix_names(sentence) + _zh_quoted(sentence) + _zh_lists(sentence)
        + _zh_media(sentence) + _zh_brands(sentence)
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
    return _EACH_WORD in m.name or _tagged(m.name)[0][1] != "ns"


# Words of a trade that end a company's short name (恒远科技, 华星电子): not names by
# themselves, so they need a brand before them and a sentence of cooperation around them.
_INDUSTRY = {"科技", "电子", "电气", "电器", "汽车", "物流", "智能", "软件", "信息", "网络",
             "通信", "能源", "医药", "生物", "机械", "重工", "装备", "材料", "化工", "建工",
             "环保", "股份", "控股", "实业", "数码", "传媒", "精工", "光电", "半导体",
             "新材料", "航空", "数控", "智造", "集成"}  # fmt: skip
MAX_INDUSTRY_WORDS = 2  # trade words after a brand in a short company name (恒远智能科技)
# Flags of a brand: a proper noun jieba knows (not a person's one-character name).
_BRAND_FLAGS = ("nz", "nrt", "nt", "j", "nr", "ns")
# Flags around a short company name: punctuation, conjunctions, prepositions, particles,
# verbs, numbers (…与恒远科技签订, 、华星电子等).
_BRAND_EDGE_FLAGS = ("x", "c", "p", "u", "uj", "ul", "ud", "v", "m", "q", "r", "d")


def _zh_brands(sentence: str) -> list[Mention]:
    if not any(w in sentence for w in _INDUSTRY):
        return []
    tokens = _tagged(sentence)
    out: list[Mention] = []
    pos = 0
    starts = []
    for word, _ in tokens:
        starts.append(pos)
        pos += len(word)
    for i, (word, flag) in enumerate(tokens):
        brand = len(word) > 1 and (flag in _BRAND_FLAGS or _rare(word, flag))
        if not brand or _generic(word) or _verb_phrase(word):
            continue
        if i and tokens[i - 1][1] not in _BRAND_EDGE_FLAGS and tokens[i - 1][0] not in _STOP_WORDS:
            continue
        j = i + 1
        while j < len(tokens) and j - i <= MAX_INDUSTRY_WORDS and tokens[j][0] in _INDUSTRY:
            j += 1
        glued = flag in ("nt", "nz") and any(
            word.endswith(w) and len(word) > len(w) + 1 for w in _INDUSTRY
        )  # one word jieba knows as a company's name (某某汽车)
        if j == i + 1 and not glued:
            continue
        if j < len(tokens) and tokens[j][1] not in _BRAND_EDGE_FLAGS and tokens[j][0] != "等":
            continue
        end = starts[j] if j < len(tokens) else len(sentence)
        out.append(Mention(sentence[starts[i] : end], starts[i], end, "enterprise"))
    if out and cue(sentence) is None:
        return []
    return out


def _zh_media(sentence: str) -> list[Mention]:
    out = []
    for match in _ZH_MEDIA.finditer(sentence):
        group = next(g for g in range(1, (_ZH_MEDIA.groups or 0) + 1) if match.group(g))
        out.append(Mention(match.group(group), match.start(group), match.end(group), "other",
                           byline=True))  # fmt: skip
    return out


# The marks around the items of an enumeration, and what ends one (a clause's words).
_ITEM_SEPARATOR = "、"
_ITEM_EDGE = re.compile(r"[、，,。；;：:（）()“”\"\s]|与|和|同|及|跟|等")
_PERSON_TITLE = re.compile(r"长|书记|主任|经理|主席|委员|总监|总裁|教授|专家")
MAX_BRAND = 6  # longest bare item of an enumeration taken for a brand (characters)


def zh_coordinated(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare brands listed with a recognised name (与科大某某、某某华数、某某联合会合作): items of
    the same enumeration ("、") that hold a proper noun jieba barely knows, in a sentence
    with a cue of cooperation."""
    if cue(sentence) is None:
        return []
    out: list[Mention] = _partner_brands(sentence, known)
    taken = [(m.start, m.end) for m in [*known, *out]]
    queue = [*known, *out]
    while queue:  # a brand found is its own neighbour's recognised name in turn
        m = queue.pop(0)
        if not has_cjk(m.name):
            continue
        for start, end in _neighbours(sentence, m.start, m.end):
            if any(a < end and start < b for a, b in taken):
                continue
            if _brand_item(sentence[start:end]):
                out.append(Mention(sentence[start:end], start, end, "enterprise"))
                queue.append(out[-1])
                taken.append((start, end))
    return out


# The partners' enumeration after 与 / 同 (与某地的甲、乙…合作), a place's 的 before it.
_PARTNERS_AFTER = re.compile(r"(?:与|同)(?:[\u4e00-\u9fff]{2,4}的)?")


def _partner_brands(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare brands that open the enumeration after 与 / 同, two of them at least in a row
    (学院与某地的甲乙、丙丁，以及…): the partners named, no name of a kind needed."""
    taken = [(m.start, m.end) for m in known]
    for opened in _PARTNERS_AFTER.finditer(sentence):
        first_end = _ITEM_EDGE.search(sentence, opened.end())
        if first_end is None or sentence[first_end.start()] != _ITEM_SEPARATOR:
            continue
        second_end = _ITEM_EDGE.search(sentence, first_end.end())
        spans = [
            (opened.end(), first_end.start()),
            (first_end.end(), second_end.start() if second_end else len(sentence)),
        ]
        if any(a < e and s < b for s, e in spans for a, b in taken):
            continue
        if all(_brand_item(sentence[s:e]) for s, e in spans):
            return [Mention(sentence[s:e], s, e, "enterprise") for s, e in spans]
    return []


def _neighbours(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the enumeration items right before and after a name, joined by 、."""
    out = []
    if start > 0 and sentence[start - 1] == _ITEM_SEPARATOR:
        edges = [e.end() for e in _ITEM_EDGE.finditer(sentence, 0, start - 1)]
        out.append((edges[-1] if edges else 0, start - 1))
    if end < len(sentence) and sentence[end] == _ITEM_SEPARATOR:
        edge = _ITEM_EDGE.search(sentence, end + 1)
        out.append((end + 1, edge.start() if edge else len(sentence)))
    return out


def _brand_item(item: str) -> bool:
    """True for an item that may be a company's bare brand: short, no suffix of a kind, no
    place of a level (某某市), and a proper or unknown word jieba barely knows in it."""
    if not 1 < len(item) <= MAX_BRAND or zh_kind(item) or item[-1] in _LEVEL_CHARS:
        return False
    if _PERSON_TITLE.search(item):
        return False  # a person with a post (副省长某某)
    import jieba

    words = _tagged(item)
    return not any(_generic(w) for w, _ in words) and any(
        len(w) > 1
        and (f in _PROPER_FLAGS or not _known(w))
        and jieba.dt.FREQ.get(w, 0) < RARE_WORD_FREQ
        for w, f in words
    )
