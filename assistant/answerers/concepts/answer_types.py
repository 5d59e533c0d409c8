"""Answer types: the kind of value a question asks for (a count, a year, a date, a sum of
money, a length of time, a share, an ordinal, a notice's number) and the patterns of text
that hold one."""

from __future__ import annotations

import re
from functools import lru_cache

_CHINESE_NUMERAL = "[一二两三四五六七八九十百千万]+"
_NOT_ORDINAL = "(?<![第一二两三四五六七八九十百千万])"  # not 第N nor inside a numeral (第十二)
# A count or an amount: a number that is not a year (2011年, "in 2011"; 2000名 is a count) nor
# a day or month of a date (11月21日, "August 16, 2022") nor an ordinal ("the 5th", 第3), or a
# Chinese numeral with a classifier.
_COUNT = re.compile(
    r"(?<![\d.,第])(?!(?:19|20)\d\d(?!\d|\s*[名人家所个位项万亿]))\d+(?:[,.]\d+)*"
    r"(?!\d|[,.]\d|\s*[月日号]|,?\s*(?:19|20)\d\d\b|(?:st|nd|rd|th)\b)"
    rf"|{_NOT_ORDINAL}{_CHINESE_NUMERAL}(?:个|家|名|所|条|年|月|日|天|小时|倍|周|项|人|门|批|期|届|次|种|类|位"
    r"|部门|方(?![面式法向案针])|校|省|市|国|场|台|套|支|组|队|座)"
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b|(?:19|20)\d\d年")
_DATE = re.compile(
    rf"\d|{_CHINESE_NUMERAL}[年月日周]|\b(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|today|yesterday)\b",
    re.IGNORECASE,
)
MONEY_WORDS_ZH = "多少钱|几块钱|多少元|多少费用"  # how Chinese asks for a sum of money
# The unit a Chinese count question counts in (多少人, 几所), and the units an answer may use.
_COUNTED_UNIT_ZH = re.compile(r"(?:多少|几)(人|名|位|家|所)")
_UNITS = {"人": "人名位", "名": "人名位", "位": "人名位", "家": "家", "所": "所"}
# "第几个": the answer is an ordinal (第一家, "the first", "the 3rd").
_ASKS_ORDINAL = re.compile(r"第几")
_ORDINAL = re.compile(
    rf"第\s*(?:\d+|{_CHINESE_NUMERAL})|\b(?:first|second|third|\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
_ASKS_YEAR = re.compile(r"\b(?:what|which) year\b|哪一年|哪年|何年|年份", re.IGNORECASE)
# A document's number (文号, "document number"): 教职成〔2018〕1号, "[2018] No. 1".
_ASKS_DOC_NUMBER = re.compile(
    r"文号|发文字号|\b(?:document|reference|file) (?:number|no\.?)", re.IGNORECASE
)
_DOC_NUMBER = re.compile(
    rf"[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*(?:No\.\s*)?(?:\d+|第?{_CHINESE_NUMERAL})\s*号?",
    re.IGNORECASE,
)
# "What share", 比例: the answer is a share (一半, 三分之一, 40%, "half", "two thirds"), not any
# number; the word asking it ("share", 比例) is what is asked, not a word the answer holds.
_SHARE_WORD = re.compile(r"share|proport\w*|percent\w*|fraction|比例|比重|占比", re.IGNORECASE)
_ASKS_SHARE = re.compile(
    r"\bwhat (?:share|percentage|proportion|fraction)\b|\bhow (?:large|big|much) (?:a )?"
    r"(?:share|proportion|percentage)\b|(?:多大|多少)?(?:的)?(?:比例|比重)|占比|百分之几",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|percent\b|per cent\b)|百分之|分之|一半|半数|过半"
    rf"|{_CHINESE_NUMERAL}成(?!立|员|为|果|绩)|\bhalf\b|\bmajority\b"
    r"|\b(?:one|two|three|a)[ -](?:thirds?|quarters?|fifths?|tenths?)\b",
    re.IGNORECASE,
)
_ASKS_DATE = re.compile(r"\bwhen\b|\bwhat date\b|什么时候|何时|哪天|哪一天|日期", re.IGNORECASE)
# "How long", 多久: the answer is a length of time ("three years", 六个月, "a four-year
# course"), not any number ("Fortune Global 500").
_ASKS_DURATION = re.compile(r"\bhow long\b|多久|多长时间|(?:期|制)有?多长", re.IGNORECASE)
_DURATION = re.compile(
    r"(?<![\d.])(?!(?:19|20)\d\d)\d{1,3}(?:\.\d)?[ -]?(?:years?|months?|weeks?|days?|hours?"
    r"|semesters?|terms?)\b"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty"
    r"|half a)[ -](?:years?|months?|weeks?|days?|hours?|semesters?|terms?)\b"
    rf"|(?<![\d.])(?:\d{{1,3}}|{_CHINESE_NUMERAL}|半)个?(?:年|月|周|星期|天|小时|学期|学年)"
    r"(?![\d级度份初底])",
    re.IGNORECASE,
)
# "多少钱", "how much does it cost": the answer is a sum of money (3000元, 1.5万元, "RMB 500",
# "$2 million"), not any number ("240名").
_ASKS_MONEY = re.compile(
    rf"{MONEY_WORDS_ZH}|\bhow much\b(?=.*\b(?:cost|costs|money|pay|paid|charge\w*|"
    r"fees?|price|tuition|salar\w*|wages?|earn\w*|worth|fund\w*|budget\w*|invest\w*"
    r"|subsid\w*|grants?)\b)",
    re.IGNORECASE,
)
_MONEY = re.compile(
    rf"(?:\d[\d,.]*|{_CHINESE_NUMERAL})\s*(?:多|余)?\s*(?:万|亿|千|百)?\s*(?:元|块|美元|欧元)"
    r"|(?:RMB|CNY|US\$|\$|¥|￥|€)\s*\d|\d[\d,.]*\s*(?:million|billion|thousand)?\s*"
    r"(?:US\s*|U\.S\.\s*|Hong Kong\s*)?(?:yuan|RMB|dollars?|euros?)\b",
    re.IGNORECASE,
)
_ASKS_COUNT = re.compile(
    r"\bhow (?:many|much|long|often|big|large)\b|\bnumber of\b"
    r"|\bwhat (?:share|percentage|proportion)\b"
    r"|多少|(?<!哪)几|多长|多久|多大|比例",
    re.IGNORECASE,
)

# Answer types a value of which is rarely said otherwise, with the words that ask for them: a
# year, a sum of money, a length of time, a share, a notice's number (a count may be
# "dozens", a date "recently").
SPECIFIC_TYPES = {
    YEAR: _ASKS_YEAR,
    _MONEY: _ASKS_MONEY,
    _DURATION: _ASKS_DURATION,
    _SHARE: _ASKS_SHARE,
    _DOC_NUMBER: _ASKS_DOC_NUMBER,
}
# The word that asks for a typed value and is no concept (文号, "share").
ASKING_WORD = {_DOC_NUMBER: _ASKS_DOC_NUMBER, _SHARE: _SHARE_WORD}


def asks_more(question: str, wanted: re.Pattern[str]) -> bool:
    """Whether the question asks for another value besides the typed one ("how many members
    …, and how long do placements last?"): one answer sentence need not hold both."""
    rest = SPECIFIC_TYPES[wanted].sub(" ", question)
    return bool(_ASKS_COUNT.search(rest) or _ASKS_DATE.search(rest) or _ASKS_YEAR.search(rest))


def answer_type(question: str) -> re.Pattern[str] | None:
    """The pattern of the value `question` asks for, or None when it asks for no typed value."""
    if _ASKS_DOC_NUMBER.search(question):
        return _DOC_NUMBER
    if _ASKS_YEAR.search(question):
        return YEAR
    if _ASKS_DURATION.search(question):
        return _DURATION
    if _ASKS_MONEY.search(question):
        return _MONEY
    if _ASKS_ORDINAL.search(question):
        return _ORDINAL
    if _ASKS_SHARE.search(question) and not _ASKS_COUNT.search(_ASKS_SHARE.sub(" ", question)):
        return _SHARE  # (a question that also asks "how many" takes any number: a count)
    if _ASKS_COUNT.search(question):
        unit = _COUNTED_UNIT_ZH.search(question)
        return _counted_in(_UNITS[unit.group(1)]) if unit else _COUNT
    if _ASKS_DATE.search(question):
        return _DATE
    return None


@lru_cache(maxsize=8)
def _counted_in(units: str) -> re.Pattern[str]:
    """A count in one of `units` (700余名, 两所) in Chinese text; any count in other text."""
    number = rf"(?<!\d){_NOT_ORDINAL}(?:\d[\d,.]*|{_CHINESE_NUMERAL})"
    return re.compile(
        rf"{number}\s*(?:余|多)?\s*[{units}]|^(?=[^\u4e00-\u9fff]*$)[\s\S]*?(?:{_COUNT.pattern})"
    )
