"""Chinese names that end in an organisation's suffix (某某职业技术学院, 某某有限公司,
某某省教育厅), read leftwards over jieba's words from the suffix to where the name starts."""

from __future__ import annotations

import re

from corpus.mention import Mention
from corpus.orgnames import zh_kind
from corpus.zh_boundaries import (
    after_stray_bracket,
    brand_and,
    government,
    hall,
    ministry_and,
    nationwide_kind,
    opening_locality,
    placed_ordinal,
    unglued,
)
from corpus.zh_words import (
    BREAKERS,
    NOUN_FLAGS,
    PROPER_FLAGS,
    STOP_WORDS,
    ends_in_verb,
    generic,
    in_dictionary,
    rare,
    tagged,
    verb_phrase,
)

MIN_ZH_NAME = 3  # shortest Chinese organisation name accepted (characters)
MAX_ZH_NAME = 32  # longest Chinese organisation name accepted (characters)
MAX_PARTY_WORD = 2  # a government word this short (省委, 市委) opens a body's name (省委组织部)
MIN_CLAUSE_VERB = 2  # a verb this long ends a name before it; a shorter one may be in it (来鑫)
# jieba flags that cannot be part of a name (punctuation, conjunctions, particles,
# pronouns, adverbs, numerals, measure words, interjections).
_STOP_FLAGS = ("x", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "m", "q", "y",
               "e", "o", "zg", "mq")  # fmt: skip
# "经 X 批准 / 同意": 经 ("by way of") before a body whose approval follows is no part of its name.
_BY_WAY_OF = "经"
_APPROVED = re.compile(r"批准|同意|批复|审定|审批|授权")
# "Nationwide": a stop word elsewhere, the first word of an alliance's or association's name.
_NATIONWIDE = "全国"
# Flags a name may start with (not a verb); an adjective may start one (远 in 远帆), and a bound
# noun morpheme (石 of 石拐区, which jieba cuts off).
_START_FLAGS = ("n", "ng", "ns", "nr", "nrt", "nz", "nt", "j", "eng", "nrfg", "l", "i", "b", "s",
                "f", "t", "a")  # fmt: skip
# Flags of a person, who before a verb is its subject, not the start of a name (a place before a
# verb may be: jieba tags 联合 of 江苏联合职业技术学院 a verb).
_ACTOR_FLAGS = ("nr", "nrfg")
# Proper-name flags that, after a verb, start a new name.
_NAME_START_FLAGS = ("ns", "nt", "nr", "nrt", "nz")
# The last character of a word jieba tags as an organisation (nt) that makes it one
# without a suffix of ours: a state body (国务院), a news agency (某某社).
_NT_ENDINGS = {"院": "government", "社": "other"}
_SINGLE_FLAGS = ("nt", "nz", "j")
# A body the sentence says was set up is named, however plain its name (组建了发展理事会).
_FOUNDED = re.compile(r"(?:组建|成立|设立)(?:了|的)?$")
_BODY = re.compile(r"(?:理事会|委员会|联盟|联合体|共同体)$")
# Function characters jieba may glue to the front of an unknown name (由青禾 -> 青禾).
_LEAD_CHARS = "由和与及同在从向对将把被为是于跟了"
_BRANCHES = ("委员会", "分会", "专委会")  # bodies inside an association, named after it
# Kinds of the organisations whose offices (人事部, 办公室) are named after them.
_HOUSING_KINDS = ("enterprise", "school")
_ZONES = ("开发区", "高新区", "工业园", "产业园")  # zones, whose bodies are named after them
_GENERAL_OFFICE = "办公厅"  # a government's general office, named after it (某某人民政府办公厅)
_JOINERS = "和与及"  # joining characters that never end a name inside an unknown word
# Registered legal forms: a name ending in one is a name whatever its words.
_LEGAL_FORMS = ("有限公司", "有限责任公司", "股份公司")
# Another name in brackets right after a name: （简称某某）, （以下简称“某某”）.
_ZH_PAREN = re.compile(r"^[（(]([^（）()]{1,40})[）)]")


def suffix_names(sentence: str) -> list[Mention]:
    """The names in a sentence that end in an organisation's suffix, each with the other
    name a bracket right after it gives (（以下简称某某）)."""
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    for word, flag in tagged(sentence):
        tokens += unglued(word, flag, pos)
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
            if w == _NATIONWIDE and nationwide_kind(tokens, first, i) and first < i:
                first -= 1  # 全国 opens a national body's name (全国某某联盟), nothing before it
                break
            ministry = w in _JOINERS[:2] and (
                ministry_and(tokens, first - 1, word) or brand_and(tokens, first - 1, i)
            )
            if not ministry and opening_locality(tokens, first - 1):
                first -= 1  # 与中芯…公司: a locality word after 与 opens the name
                break
            if (
                not ministry
                and not placed_ordinal(tokens, first - 1)
                and (f in _STOP_FLAGS or w in STOP_WORDS or w in BREAKERS or not w.strip())
            ):
                break
            if w == _BY_WAY_OF and _APPROVED.match(sentence, end):
                break  # 经省政府同意: the body whose approval is given
            # 省委 opens 省委组织部; a ministry opens its own department (某某部某某司)
            party = (len(w) <= MAX_PARTY_WORD or word.endswith("司")) and (
                government(w) and government(word)
            )
            # an association's branch (某某学会某某专业委员会, 某某协会某某分会) is one name
            branch = word in _BRANCHES and zh_kind("某某" + w) == "association"
            # a group's legal form follows its name (某某集团有限公司)
            branch = branch or (word.endswith(_LEGAL_FORMS) and zh_kind("某某" + w) == "enterprise")
            # a government's general office is named after it (某某省人民政府办公厅)
            branch = branch or (word == _GENERAL_OFFICE and government(w))
            # a zone names the bodies in it (某某开发区管理委员会, 某某高新区产教联合体)
            branch = branch or w.endswith(_ZONES)
            if (
                government(word)
                and zh_kind("某某" + w) in _HOUSING_KINDS
                and not branch
                and all(in_dictionary(t) for t, _, _ in tokens[first:i])
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
            if k < len(part) - 1 and len(w) > 1 and not in_dictionary(w) and glued:
                cut = max(max(w.rfind(c) for c in _JOINERS), 0 if w[0] in _LEAD_CHARS else -1)
                part = [(w[cut + 1 :], "x", part[k][2] + cut + 1), *part[k + 1 :]]
                break
        # A verb followed by a proper name ends what came before it (并入 国务院…), also a
        # phrase jieba takes for a noun that ends in a verb (实地考察 滦州…, 全力支持 某某…).
        for k in range(len(part) - 2, -1, -1):
            if (
                (part[k][1] == "v" or ends_in_verb(part[k][0]))
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
        offset = 1 if len(lead) > 1 and glued_lead and not in_dictionary(lead) else 0
        name = sentence[part[0][2] + offset : end]
        unopened = after_stray_bracket(name)
        if unopened:  # "（记者 某某）某某厅": a bracket closed before the name began
            name, offset = name[unopened:], offset + unopened
        name_start = part[0][2] + offset
        word_starts = {p - name_start for _, _, p in part if p >= name_start}
        kind = zh_kind(name, word_starts if part[-1][1] == "nt" else None)
        if kind is None or len(name) > MAX_ZH_NAME or name.count("（") != name.count("）"):
            continue
        if len(name) < MIN_ZH_NAME or hall(name, part):
            continue
        official = (
            kind == "government"
            and not any(generic(w) for w, _, _ in part)
            and all(
                (f in (*NOUN_FLAGS, "l") and not verb_phrase(w))
                or w in _JOINERS[:2]
                or (k == len(part) - 1 and zh_kind("某某" + w))
                for k, (w, f, _) in enumerate(part)
            )
        )
        proper = (
            official
            or any(
                (f in PROPER_FLAGS or (len(w) > 1 and rare(w, f))) and not generic(w)
                for w, f, _ in part[:-1]
            )
            or (
                len(part) == 1
                and (part[0][1] in _SINGLE_FLAGS or kind == "government")
                and not generic(part[0][0])  # a class in one word (上市公司, 高职高专)
            )
            or name.endswith(_LEGAL_FORMS)
        )
        founded = _FOUNDED.search(sentence[: part[0][2]]) and _BODY.search(name)
        if not proper and not founded:
            continue
        start = part[0][2] + offset
        out.append(Mention(name, start, end, kind, _paren_alias(sentence, end)))
    return out


def _paren_alias(sentence: str, end: int) -> str:
    """The other name a bracket right after a name gives (（以下简称某某）), or ''."""
    match = _ZH_PAREN.match(sentence[end:])
    if not match:
        return ""
    inner = match.group(1).strip()
    inner = re.sub(r"^(以下简称|下称|简称)[：:]?", "", inner).strip("“”\"' ")
    return inner if inner and not re.search(r"\d{4}|以下|等", inner) else ""
