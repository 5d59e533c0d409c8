"""Made-up facts to plant in the synthetic collection, and realistic questions to time.

Each fact names a unique made-up institution, so exactly one chunk can answer its question;
questions paraphrase the fact and ask for its number or its partner enterprise.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

_SYLLABLES = (
    "qing he lan feng hua jin xin yuan tai shan ming rui kang long bao chang de fu guang "
    "hong jia heng sheng an yi wen zhi hai ning yun song bo kai li"
).split()
_FACILITIES = (
    "Precision Training Base",
    "Smart Manufacturing Centre",
    "Logistics Practice Base",
    "Nursing Skills Centre",
    "Digital Commerce Workshop",
    "Robotics Training Hall",
    "New Energy Vehicle Academy",
    "Cold Chain Training Base",
    "Welding Skills Centre",
)
_CITIES = (
    "Lanzhou",
    "Wuxi",
    "Taizhou",
    "Zibo",
    "Liuzhou",
    "Yichang",
    "Zhuhai",
    "Baotou",
    "Jiaxing",
    "Mianyang",
    "Ganzhou",
    "Weifang",
    "Luoyang",
    "Huizhou",
    "Yantai",
    "Datong",
)
_COMPANY_KINDS = (
    "Gearworks",
    "Robotics",
    "Logistics",
    "Biotech",
    "Software",
    "Motors",
    "Textiles",
    "Optics",
    "Machinery",
    "Electronics",
)
_ZH_FIRST = "绿青远金华新瑞鸿嘉宏恒泰盛安和润翔振"
_ZH_SECOND = "谷川山湖源峰岭港泉林洲桥溪原阳星"
_ZH_COLLEGE = ("职业学院", "技师学院", "职业技术学院")
_ZH_TRADE = ("物流", "精工", "智造", "数据", "医药", "汽车", "电子", "纺织", "航运", "食品")
_ZH_FIELD = (
    "跨境电商",
    "智能制造",
    "工业机器人",
    "新能源汽车",
    "冷链物流",
    "护理",
    "数控加工",
    "大数据",
    "焊接",
    "无人机",
)


@dataclass(frozen=True)
class Fact:
    """A planted sentence, the question that asks for it, and the expected answer string."""

    sentence: str
    query: str
    answer: str


class FactMaker:
    """Makes facts whose institution names never repeat."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._used: set[str] = set()

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(10_000):
            name = make()
            if name not in self._used:
                self._used.add(name)
                return name
        raise RuntimeError("ran out of made-up names")

    def _pinyin(self) -> str:
        return (self.rng.choice(_SYLLABLES) + self.rng.choice(_SYLLABLES)).capitalize()

    def make(self, language: str) -> Fact:
        """A new fact in `language` ("en" or "zh")."""
        return self._zh() if language == "zh" else self._en()

    def _en(self) -> Fact:
        r = self.rng
        base = self._unique(self._pinyin)
        place = f"the {base} {r.choice(_FACILITIES)} in {r.choice(_CITIES)}"
        company = self._unique(lambda: f"{self._pinyin()} {r.choice(_COMPANY_KINDS)}")
        n, year = r.randint(12, 480), r.randint(2026, 2039)
        kind = r.randrange(3)
        ask_partner = r.random() < 0.5
        if kind == 0:
            sentence = (
                f"{place[0].upper()}{place[1:]} signed {n} apprentices with {company} in {year}."
            )
            query = (
                f"Which company took on apprentices from {place} in {year}?"
                if ask_partner
                else f"How many apprentices did {company} sign with {place}?"
            )
        elif kind == 1:
            sentence = (
                f"In {year}, {company} and {place} opened a joint workshop with {n} workstations."
            )
            query = (
                f"Which enterprise opened a joint workshop with {place}?"
                if ask_partner
                else f"How many workstations are in the workshop {company} runs with {place}?"
            )
        else:
            sentence = f"{company} pledged {n} million yuan of equipment to {place} in {year}."
            query = (
                f"Which company promised equipment funding to {place}?"
                if ask_partner
                else f"How much equipment money did {company} promise {place}?"
            )
        return Fact(sentence, query, company if ask_partner else str(n))

    def _zh(self) -> Fact:
        r = self.rng
        college = self._unique(
            lambda: r.choice(_ZH_FIRST) + r.choice(_ZH_SECOND) + r.choice(_ZH_COLLEGE)
        )
        company = self._unique(
            lambda: r.choice(_ZH_FIRST) + r.choice(_ZH_SECOND) + r.choice(_ZH_TRADE) + "公司"
        )
        field, n, year = r.choice(_ZH_FIELD), r.randint(12, 480), r.randint(2026, 2039)
        kind = r.randrange(3)
        ask_partner = r.random() < 0.5
        if kind == 0:
            sentence = f"{college}与{company}共建的{field}实训基地可容纳 {n} 名学生。"
            query = (
                f"{college}的{field}实训基地是和哪家企业一起建的？"
                if ask_partner
                else f"{company}和{college}合作的{field}实训基地能容纳多少学生？"
            )
        elif kind == 1:
            sentence = f"{year}年，{company}在{college}设立了{field}订单班，首批招收学员 {n} 人。"
            query = (
                f"哪家企业在{college}开设了{field}订单班？"
                if ask_partner
                else f"{company}在{college}开办的{field}订单班第一批招了多少人？"
            )
        else:
            sentence = (
                f"{college}与{company}签订协议，每年安排 {n} 名学生到企业开展{field}岗位实习。"
            )
            query = (
                f"{college}每年派学生去哪家企业进行{field}岗位实习？"
                if ask_partner
                else f"按照协议，{college}每年安排多少学生去{company}实习？"
            )
        return Fact(sentence, query, company if ask_partner else str(n))


_EN_TOPICS = (
    "placement internships",
    "apprenticeships",
    "training bases",
    "double-qualified teachers",
    "school-enterprise cooperation agreements",
    "industry-education alliances",
    "order classes",
    "vocational skill certificates",
    "enterprise practice for teachers",
    "funding for vocational schools",
)
_EN_FORMS = (
    "What rules apply to {t} in {c}?",
    "How do colleges in {c} organise {t}?",
    "Which enterprises in {c} take part in {t}?",
    "What does the law say about {t} in {c}?",
    "Are there subsidies for {t} in {c}?",
)
_ZH_TOPICS = (
    "顶岗实习",
    "学徒制",
    "实训基地",
    "双师型教师",
    "校企合作协议",
    "产教融合联盟",
    "订单班",
    "职业技能等级证书",
    "教师企业实践",
    "职业教育经费",
)
_ZH_CITIES = ("宁波", "青岛", "上海", "厦门", "杭州", "武汉", "佛山", "合肥", "泰安", "深圳")
_ZH_FORMS = (
    "{c}对{t}有什么规定？",
    "{c}的职业院校怎样开展{t}？",
    "{c}有哪些企业参与{t}？",
    "{c}的{t}有补贴吗？",
    "法律对{c}的{t}有什么要求？",
)


#: More forms and cities, used once the ones above are exhausted (about 1,380 questions): a
#: load test of 60 requests/s for 30 s needs 1,800 distinct questions, or repeats would be
#: answered from the query-embedding cache.
_EN_FORMS_MORE = (
    "Can students in {c} get {t}?",
    "Who is responsible for {t} in {c}?",
    "What changed recently about {t} in {c}?",
)
_ZH_FORMS_MORE = ("{c}的学生怎么申请{t}？", "{c}谁负责{t}？", "{c}最近在{t}方面有什么新变化？")
_ZH_CITIES_MORE = ("苏州", "南京", "成都", "重庆", "西安", "长沙", "郑州", "济南", "福州", "昆明")


def realistic_question(rng: random.Random, more: bool = False) -> str:
    """A plausible user question about the field (English or Chinese); with `more`, from
    the larger set of forms and cities."""
    en_forms = _EN_FORMS + _EN_FORMS_MORE if more else _EN_FORMS
    zh_forms = _ZH_FORMS + _ZH_FORMS_MORE if more else _ZH_FORMS
    zh_cities = _ZH_CITIES + _ZH_CITIES_MORE if more else _ZH_CITIES
    if rng.random() < 0.5:
        return rng.choice(en_forms).format(t=rng.choice(_EN_TOPICS), c=rng.choice(_CITIES))
    return rng.choice(zh_forms).format(t=rng.choice(_ZH_TOPICS), c=rng.choice(zh_cities))
