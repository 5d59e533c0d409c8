"""A bilingual glossary of the field, used to expand lexical queries across languages.

An English question about "placement internships in Ningbo" should match 宁波 ... 顶岗实习
in BM25 too; the dense side handles paraphrase, the glossary handles the vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

# English term (lower case, matched on word boundaries) -> Chinese terms.
GLOSSARY: dict[str, tuple[str, ...]] = {
    "vocational education law": ("职业教育法",),
    "vocational education": ("职业教育",),
    "vocational school": ("职业学校",),
    "vocational college": ("职业院校", "高等职业学校"),
    "vocational colleges": ("职业院校",),
    "higher vocational": ("高等职业", "高职"),
    "secondary vocational": ("中等职业",),
    "technical school": ("技工学校",),
    "school-enterprise cooperation": ("校企合作",),
    "school enterprise cooperation": ("校企合作",),
    "cooperation": ("合作",),
    "industry-education integration": ("产教融合",),
    "integration of industry and education": ("产教融合",),
    "industry education integration": ("产教融合",),
    "internship": ("实习",),
    "internships": ("实习",),
    "intern": ("实习", "实习学生"),
    "interns": ("实习学生",),
    "placement internship": ("顶岗实习", "上岗实习"),
    "post internship": ("顶岗实习",),
    "training base": ("实训基地", "实习实训基地"),
    "training bases": ("实训基地",),
    "practical training": ("实训",),
    "apprenticeship": ("学徒制",),
    "apprentice": ("学徒",),
    "enterprise": ("企业",),
    "enterprises": ("企业",),
    "company": ("企业",),
    "companies": ("企业",),
    "teacher": ("教师",),
    "teachers": ("教师",),
    "double-qualified": ("双师型",),
    "dual-qualified": ("双师型",),
    "students": ("学生",),
    "student": ("学生",),
    "pay": ("报酬", "劳动报酬"),
    "paid": ("报酬", "劳动报酬"),
    "salary": ("报酬",),
    "wage": ("工资",),
    "minimum wage": ("最低工资",),
    "remuneration": ("报酬",),
    "working hours": ("工作时间",),
    "hours": ("小时",),
    "per day": ("每日", "每天"),
    "per week": ("每周",),
    "daily": ("每日", "每天"),
    "weekly": ("每周",),
    "week": ("周",),
    "maximum": ("不得超过", "最多", "最高"),
    "minimum": ("不少于", "不低于", "最低"),
    "at least": ("不少于", "不低于"),
    "no more than": ("不得超过",),
    "months": ("个月",),
    "insurance": ("保险",),
    "accident insurance": ("意外伤害保险",),
    "tax": ("税",),
    "funding": ("经费",),
    "funds": ("经费",),
    "subsidy": ("补贴",),
    "reward": ("奖励",),
    "fine": ("罚款",),
    "penalty": ("罚款", "处罚"),
    "regulation": ("条例",),
    "regulations": ("条例",),
    "law": ("法",),
    "article": ("条",),
    "state council": ("国务院",),
    "ministry of education": ("教育部",),
    "joint conference": ("联席会议",),
    "inter-ministerial": ("部际",),
    "reform plan": ("改革实施方案",),
    "implementation plan": ("实施方案",),
    "certificate": ("证书",),
    "1+x": ("1+X",),
    "vocational skill": ("职业技能",),
    "skill level": ("技能等级",),
    "activity week": ("活动周",),
    "vocational education week": ("职业教育活动周",),
    "ningbo": ("宁波",),
    "shanghai": ("上海",),
    "qingdao": ("青岛",),
    "xiamen": ("厦门",),
    "wuhan": ("武汉",),
    "hubei": ("湖北",),
    "fujian": ("福建",),
    "shenzhen": ("深圳",),
    "belt and road": ("一带一路",),
    "cross-border e-commerce": ("跨境电商",),
    "e-commerce": ("电商",),
    "wuhan university of science and technology": ("武汉科技大学", "武科大"),
    "employment": ("就业",),
    "graduates": ("毕业生",),
    "mentor": ("导师",),
    "dual mentor": ("双导师",),
    "industry association": ("行业组织", "行业协会"),
    "alliance": ("联盟",),
    "community": ("共同体",),
    "effective": ("施行",),
    "take effect": ("施行",),
    "came into force": ("施行",),
    "convener": ("召集人",),
    "deputy convener": ("副召集人",),
    "member units": ("成员单位",),
    "minimum pay": ("最低工资",),
    "labor dispatch": ("劳务派遣",),
    "labour dispatch": ("劳务派遣",),
    "dispatch": ("派遣",),
    "human resources": ("人力资源",),
    "illegal income": ("违法所得",),
    "special funds": ("专项资金",),
    "budget": ("预算", "列支"),
    "how often": ("每两年", "每年"),
    "practice": ("实践",),
    "specialized course": ("专业课",),
    "specialised course": ("专业课",),
    "approval": ("审批", "批准"),
    "entertainment venues": ("娱乐场所",),
    "night shift": ("夜班",),
    "overtime": ("加班",),
    "scholarship": ("奖学金",),
    "school": ("学校",),
    "college": ("学院", "学校"),
    "university": ("大学",),
    "arrange": ("安排",),
    "agency": ("机构",),
    "agencies": ("机构",),
    "impose": ("并处", "处以"),
    "activities": ("活动",),
    "event": ("活动",),
    "forms": ("形式",),
    "host": ("举办", "承办"),
    "hosted": ("举办", "承办"),
    "held": ("举办", "举行", "召开"),
    "speech": ("讲话",),
    "vice president": ("副校长", "副院长"),
    "president": ("校长", "院长"),
}

# Chinese term -> English terms (the reverse direction, for Chinese questions on English news).
REVERSE: dict[str, tuple[str, ...]] = {}
for _en, _zhs in GLOSSARY.items():
    for _zh in _zhs:
        REVERSE.setdefault(_zh, ())
        if _en not in REVERSE[_zh]:
            REVERSE[_zh] = (*REVERSE[_zh], _en)
REVERSE.update(
    {
        "南海": ("Nanhai",),
        "联盟": ("alliance",),
        "集美": ("Jimei",),
        "杭州": ("Hangzhou",),
        "论坛": ("forum",),
        "华云": ("Huayun",),
        "安徽": ("Anhui",),
        "中侨": ("Zhongqiao",),
        "商会": ("chamber of commerce",),
        "岱岳": ("Daiyue",),
        "成立": ("established",),
        "厦门工学院": ("Xiamen Institute of Technology",),
        "讲话": ("said", "speech"),
        "技能竞赛": ("skills competitions",),
    }
)

# Everyday Chinese -> the wording of laws and regulations (a question says 每天, a law 每日).
COLLOQUIAL: dict[str, tuple[str, ...]] = {
    "每天": ("每日",),
    "最多": ("不得超过", "最高"),
    "至少": ("不少于", "不低于"),
    "工资": ("报酬",),
    "多久": ("期限",),
}

_PATTERNS = [
    (en, re.compile(rf"(?<![\w-]){re.escape(en)}(?:s|es)?(?![\w-])", re.IGNORECASE), zh)
    for en, zh in sorted(GLOSSARY.items(), key=lambda kv: -len(kv[0]))
]


@lru_cache(maxsize=4096)
def expand_query(query: str) -> str:
    """`query` followed by the other language's terms for the field words it contains."""
    extra = translate_terms(query)
    return f"{query} {extra}" if extra else query


@lru_cache(maxsize=4096)
def translate_terms(query: str) -> str:
    """The other language's terms for the field words in `query` ("" when none)."""
    extra = [term for _, terms in glossary_pairs(query) for term in terms]
    return " ".join(dict.fromkeys(extra))


@lru_cache(maxsize=4096)
def glossary_pairs(query: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The glossary terms found in `query`, each with its other-language (or formal) terms."""
    pairs = [(en, zh_terms) for en, pattern, zh_terms in _PATTERNS if pattern.search(query)]
    pairs.extend((zh, en_terms) for zh, en_terms in REVERSE.items() if zh in query)
    pairs.extend((word, formal) for word, formal in COLLOQUIAL.items() if word in query)
    return tuple(pairs)
