"""Organisation names: their kinds by suffix, and the keys that make two names one entry.

Names in either language are reduced to keys: the written form (lower case, no spaces or
punctuation, no legal-form words) and, for Chinese, its pinyin, so that 华为 and Huawei
meet. Nothing here names a particular organisation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from corpus.language import has_cjk

KINDS = ("school", "enterprise", "association", "alliance", "government", "other")

# Chinese suffix -> kind; the longest matching suffix wins.
ZH_SUFFIXES: dict[str, str] = {
    "职业技术学院": "school",
    "技术学院": "school",
    "学院": "school",
    "大学": "school",
    "学校": "school",
    "技校": "school",
    "中学": "school",
    "职校": "school",
    "中专": "school",
    "高专": "school",
    "职院": "school",  # the usual short form of 职业(技术)学院
    "分校": "school",  # a school's branch campus (某某大学某某分校) is a school of its own
    "校区": "school",
    "有限公司": "enterprise",
    "有限责任公司": "enterprise",
    "股份公司": "enterprise",
    "分公司": "enterprise",
    "公司": "enterprise",
    "集团": "enterprise",
    "工厂": "enterprise",
    "银行": "enterprise",
    "酒店": "enterprise",
    "医院": "other",
    "研究院": "other",
    "研究所": "other",
    "分院": "other",
    "实验室": "other",
    "协会": "association",
    "商会": "association",
    "学会": "association",
    "联合会": "association",
    "促进会": "association",
    "分会": "association",
    "研究会": "association",
    "联盟": "alliance",
    "共同体": "alliance",
    "联合体": "alliance",
    "职教集团": "alliance",
    "教育集团": "alliance",
    "理事会": "other",
    "联席会议": "government",
    "委员会": "other",
    "产业园": "other",
    # centres, zones and parks: a named one is a body of its own (某某职教中心, 某某经济开发区)
    "中心": "other",
    "开发区": "other",
    "高新区": "other",
    "工业园": "other",
    "人民政府": "government",
    "政府": "government",
    "办公厅": "government",
    "教育厅": "government",
    "厅": "government",
    "局": "government",
    "司": "government",
    "部": "government",
    "委": "government",
    "管委会": "government",
    "管理委员会": "government",  # a development zone's administration (its 管委会)
    "办": "government",
    "政协": "government",
    "人大": "government",
    "新华社": "other",
    "日报": "other",
    "晚报": "other",
}
_SUFFIXES_LONGEST_FIRST = sorted(ZH_SUFFIXES, key=len, reverse=True)
KIND_CACHE = 8192  # names and words whose suffix kind is remembered (the rules ask often)
# Suffixes too short or too common to stand alone: need this many characters before them.
ZH_MIN_PREFIX: dict[str, int] = {
    "职院": 2,
    "司": 2,
    "部": 2,
    "局": 2,
    "委": 2,
    "办": 2,
    "厅": 2,
    "集团": 2,
}
# Words that end like a suffix but are not organisations.
ZH_NOT_ORG_ENDINGS = (
    "全部", "内部", "外部", "局部", "干部", "部分", "结局", "格局", "布局", "大局", "总部",
    "东部", "西部", "南部", "北部", "中部", "举办", "创办", "主办", "承办", "开办", "合办",
    "兴办", "举办", "上司", "官司", "协办", "共办", "停办", "督办", "申办", "创委", "俱乐部",
    "头部", "底部", "本部", "各部", "该部", "总公司", "子公司", "大会", "本学院", "该学院",
    "各学院",
    # a body's party organs (某某集团党支部, 管委会党工委) are parts of it, not organisations
    "党支部", "党总支", "党工委", "党委",
)  # fmt: skip

# English head words -> kind (the word ends the name or is followed by "of ...").
EN_HEADS: dict[str, str] = {
    "college": "school",
    "university": "school",
    "polytechnic": "school",
    "institute": "school",
    "school": "school",
    "academy": "school",
    "universitat": "school",
    "universität": "school",
    "hochschule": "school",
    "co": "enterprise",
    "ltd": "enterprise",
    "limited": "enterprise",  # "X (Shanghai) Limited", "Y Corporation Limited"
    "inc": "enterprise",
    "corp": "enterprise",
    "corporation": "enterprise",
    "company": "enterprise",
    "group": "enterprise",
    "gmbh": "enterprise",
    "ag": "enterprise",
    "bank": "other",
    "association": "association",
    "chamber": "association",
    "federation": "association",
    "confederation": "association",
    "society": "association",
    "alliance": "alliance",
    "consortium": "alliance",
    "community": "alliance",
    "bureau": "government",
    "office": "government",
    "ministry": "government",
    "department": "government",
    "commission": "government",
    "government": "government",
    "council": "other",
    # international bodies named by their head word (X Labour Organization, Y Secretariat)
    "organization": "other",
    "organisation": "other",
    "secretariat": "other",
    "embassy": "government",
    "workshop": "other",
    "committee": "other",
    # centres, zones and parks, as in Chinese (中心, 开发区, 产业园)
    "center": "other",
    "centre": "other",
    "zone": "other",
    "park": "other",
}
# Legal-form words dropped from keys, so "X Co., Ltd." and "X Co" are one name.
_EN_LEGAL = re.compile(r"\b(the|co|ltd|limited|inc|corp|corporation|company|llc|plc|gmbh)\b")
# Long school suffixes and the short form that stands for them in the same name.
_ZH_SHORT_SCHOOL = {"职业技术学院": "职院", "职业学院": "职院"}
_ZH_LEGAL = ("股份有限公司", "有限责任公司", "有限公司")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)

PROVINCES: dict[str, str] = {
    "北京": "Beijing", "天津": "Tianjin", "上海": "Shanghai", "重庆": "Chongqing",
    "河北": "Hebei", "山西": "Shanxi", "辽宁": "Liaoning", "吉林": "Jilin",
    "黑龙江": "Heilongjiang", "江苏": "Jiangsu", "浙江": "Zhejiang", "安徽": "Anhui",
    "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong", "河南": "Henan", "湖北": "Hubei",
    "湖南": "Hunan", "广东": "Guangdong", "海南": "Hainan", "四川": "Sichuan",
    "贵州": "Guizhou", "云南": "Yunnan", "陕西": "Shaanxi", "甘肃": "Gansu", "青海": "Qinghai",
    "台湾": "Taiwan", "内蒙古": "Inner Mongolia", "广西": "Guangxi", "西藏": "Tibet",
    "宁夏": "Ningxia", "新疆": "Xinjiang", "香港": "Hong Kong", "澳门": "Macau",
}  # fmt: skip


def zh_kind(name: str, word_starts: set[int] | None = None) -> str | None:
    """The kind a Chinese name's suffix gives, or None when it has no organisation suffix.
    `word_starts`: where the name's words start, when known; an ending such as 子公司 then
    counts only when it is a word of its own (集团子公司, not 西门子公司)."""
    return _zh_kind(name, None if word_starts is None else frozenset(word_starts))


@lru_cache(maxsize=KIND_CACHE)
def _zh_kind(name: str, word_starts: frozenset[int] | None) -> str | None:
    for ending in ZH_NOT_ORG_ENDINGS:
        if name.endswith(ending) and (
            word_starts is None or len(name) - len(ending) in word_starts
        ):
            return None
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if name.endswith(suffix):
            if len(name) - len(suffix) < ZH_MIN_PREFIX.get(suffix, 1):
                return None
            return ZH_SUFFIXES[suffix]
    return None


def en_kind(name: str) -> str | None:
    """The kind an English name's head word gives (the last head word in it), or None.
    A hyphenated word is one word ("In-company Trainers" has no head word)."""
    words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", name.lower())
    for word in reversed(words):
        if word in EN_HEADS:
            return EN_HEADS[word]
    return None


def kind_of(name: str) -> str | None:
    """The kind of a name in either language, or None when nothing in it says."""
    return zh_kind(name) if has_cjk(name) else en_kind(name)


def written_key(name: str) -> str:
    """The written form as a key: NFKC, lower case, no legal form, spaces or punctuation."""
    text = unicodedata.normalize("NFKC", name).lower()
    if has_cjk(text):
        for legal in _ZH_LEGAL:
            if text.endswith(legal) and len(text) > len(legal) + 1:
                text = text[: -len(legal)]
                break
    else:
        text = _EN_LEGAL.sub(" ", text)
    return _PUNCT.sub("", text)


@lru_cache(maxsize=4096)
def pinyin_key(name: str) -> str:
    """A Chinese name spelt in pinyin (no tones, no spaces): 华为 -> huawei; '' for English."""
    if not has_cjk(name):
        return ""
    from pypinyin import lazy_pinyin

    return _PUNCT.sub("", "".join(lazy_pinyin(written_key(name)))).lower()


def keys(name: str) -> set[str]:
    """Every key under which the name is known (written form; pinyin for Chinese)."""
    out = {written_key(name)}
    if has_cjk(name):
        out.add(pinyin_key(name))
        long = next((f for f in _ZH_SHORT_SCHOOL if name.endswith(f) and len(name) > len(f)), "")
        if long:  # 某某职业技术学院 is also 某某职院
            out.add(written_key(name[: -len(long)] + _ZH_SHORT_SCHOOL[long]))
    out.discard("")
    return out


def region_of(name: str, doc_region: str) -> str:
    """The organisation's region: the document's when the name carries its place name
    (in either script), the province when it names one, else ''."""
    parts = [p.strip() for p in doc_region.split(";") if p.strip()]
    flat = written_key(name)
    spelled = pinyin_key(name) or flat
    for i in range(len(parts), 0, -1):
        place = parts[i - 1].lower().replace(" ", "")
        if place and place != "national" and place in spelled:
            return "; ".join(parts[:i])
    for zh, en in PROVINCES.items():
        if (has_cjk(name) and name.startswith(zh)) or en.lower().replace(" ", "") in flat:
            if parts and parts[0].lower() == en.lower():
                return parts[0] if len(parts) < 2 else "; ".join(parts[:1])
            return en
    return ""
