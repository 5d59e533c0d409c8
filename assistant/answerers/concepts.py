"""What a question asks about: weighted concepts that text in either language can cover.

Every content word of the question is a concept weighted by its rarity in the collection
(BM25 idf). A word the dictionary can translate (`retrieval/crosslingual.py`) may also be
covered by its translation, so an English question about "placement internships" is
covered by a Chinese sentence on 顶岗实习 and the reverse. Questions that ask for a count, a
year or a date add an answer-type concept that only a sentence holding a number, a year or a
date covers.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from assistant.query import Query
from corpus.language import has_cjk
from retrieval.crosslingual import dictionary, pinyin, spells_pinyin, translator_for
from retrieval.lexical import LexicalIndex
from retrieval.tokenize import english_tokens, jieba_instance, tokenize, tokenize_query

UNKNOWN_TERM_PENALTY = 0.4  # a missing specific word the collection has never seen
EVERYDAY_ZIPF = 5.0  # words this frequent in general use (Zipf) cost nothing when missing
RARE_ZIPF = 3.5  # words this rare cost the whole UNKNOWN_TERM_PENALTY
# A word no document uses and this frequent in general use (这些 6.0, 今天 5.7, "today" 5.6)
# is grammar, not a thing asked; "tomorrow" 5.0 and "weather" 4.9 stay (docs/evaluation.md).
FUNCTION_ZIPF = 5.5
FOCUS_PENALTY = 0.3  # a missing answer type or the thing asked for ("学费是多少")
NUMBER_PENALTY = 0.4  # a missing number or year of the question ("in 2025")
TYPED_VALUE_PENALTY = 0.6  # no value of a specific type asked (a year, a sum of money …)
# A missing word that names another document ("宁波" in a Nanhai answer), or a name of the
# question no chosen document holds ("… sign with Siemens?" answered from the college's own
# news: dev unanswerable refused 0.788 -> 0.848, no right answer lost; at 0.3 for the naming
# words alone, 2 more refused but 3 answerable too).
NAMING_PENALTY = 0.2
# A name of the question missing from an answer in the question's own language: a miss that
# a translation cannot explain ("What did Hubei Industrial Polytechnic sign with Siemens?").
# With the rule on which document answers for a name (`extractive._answered_elsewhere`): dev
# unanswerable refused 0.848 -> 0.939, one wrong answer (must_include 0) refused; the
# same at 0.35 and 0.4; gold unchanged.
SAME_SCRIPT_NAME_PENALTY = 0.3
# The same for a question about what two named things did together ("吉利汽车和宁波职业技术学院合作
# 建了什么项目"): a document that lacks one of them does not answer it. Dev (263): unanswerable
# refused 0.818 -> 0.836, no answer lost; the same at 1.0; gold unchanged.
JOINT_ACT_NAME_PENALTY = 0.5
FOCUS_WEIGHT = 2.0  # the thing asked for weighs double
CARRIED_WEIGHT = 0.5  # words a follow-up carries from earlier turns weigh half
_NUMBER = re.compile(r"\d+")
# How a deputy's title is written: "vice president", "deputy director", 副校长, 校长助理.
_DEPUTY_EN = r"\b(?:vice|deputy|assistant|associate|executive vice|senior vice)[\s-]+"
_DEPUTY_ZH = "副"
_ASSISTANT_ZH = "助理"
_NUMBER_SIGN = re.compile(r"\b(?:No|Nr)\.\s*(?=\d)", re.IGNORECASE)
# A small number as Chinese text writes it ("No. 2" is 第二, "2 classes" 两个班).
_CHINESE_NUMERALS: dict[str, tuple[str, ...]] = {
    str(n): (word,) + (("两",) if n == 2 else ())
    for n, word in enumerate("一二三四五六七八九十", start=1)
}
_CJK_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
ABBREVIATION_GAP = 3  # characters an abbreviation skips between two it keeps (顺德职业技术大学)
_ACRONYM = re.compile(r"[a-z]{3,6}")  # a short token that may be a name's initials ("vtc")
_ACRONYM_JOINT = r"[\s-]+(?:(?:and|of|for|the|&)[\s-]+)*"  # words an acronym skips
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
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|(?:19|20)\d\d年")
_DATE = re.compile(
    rf"\d|{_CHINESE_NUMERAL}[年月日周]|\b(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|today|yesterday)\b",
    re.IGNORECASE,
)
_FOCUS_ZH = re.compile(
    r"(?:是|为|有)?(?:多少|几)[个家名所项位人条种次年月天周批]?[？?。.\s]*$"
    r"|(?:是|为)(?:谁|哪位|哪一位)[？?。.\s]*$"  # "X的校长是谁": 校长
    r"|(?:叫|是)(?:什么|啥)名字[？?。.\s]*$|叫(?:什么|啥)[？?。.\s]*$"  # "校长叫什么名字"
)
_FOCUS_EN = re.compile(
    r"\b(?:what|who|how much) (?:is|was|are|were) the ([a-z][a-z -]*?) (?:of|at|for|in|on|per)\b",
    re.IGNORECASE,
)
# "What starting salary do graduates get?", "Which majors does it offer?": the noun after the
# asking word, before the verb.
_WHAT_THING_EN = re.compile(
    r"^\s*(?:what|which) ((?:[a-z-]+ ){0,2}?[a-z-]+) "
    r"(?:do|does|did|is|are|was|were|will|would|can|could|should|has|have|had)\b",
    re.IGNORECASE,
)
_WHEN_DONE_EN = re.compile(  # "in what year was the alliance founded?": the participle
    r"^(?:when|(?:in )?(?:what|which) year)\b.*\b(?:is|was|are|were)\b"
    r".*?\b([a-z]+(?:ed|en))\s*[?.!]*$",
    re.IGNORECASE,
)
_MONEY_WORDS_ZH = "多少钱|几块钱|多少元|多少费用"  # how Chinese asks for a sum of money
_MONEY_ASKED_ZH = re.compile(_MONEY_WORDS_ZH)
_COUNTED_ZH = re.compile(r"多少[家个名所项位人条种次]?([\u4e00-\u9fff]{1,6})[？?。.\s]*$")
_COUNTED_EN = re.compile(
    r"\bhow many ((?:[a-z-]+ ){0,3}?[a-z-]+) "
    r"(?:are|were|is|was|did|do|does|have|has|had|in|of|at|on|from|for|with|by|to|that|who)\b"
    r"|\bhow many ((?:[a-z-]+ ){0,6}?[a-z-]+s)\b",  # else the first plural ("… companies belong")
    re.IGNORECASE,
)
# Chinese words that only shape a question: interrogatives (哪天, 几家, 按多大) and a
# numeral with its classifier (两家, 三个); jieba keeps them as words.
_QUESTION_GRAMMAR_ZH = re.compile(
    r"哪|几|啥|谁|吗|呢|什么|时候|怎么|多少|多大|多长|多久|多高|多远|如何|是否|咋|干嘛|干吗"
    r"|^[一二两三四五六七八九十百千万]+[个家名所项位人条种次年月天周批]$"
    r"|^有没有$|^(.)不\1$"  # A-not-A: 有没有, 能不能, 是不是, 会不会
)
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
    rf"{_MONEY_WORDS_ZH}|\bhow much\b(?=.*\b(?:cost|costs|money|pay|paid|charge\w*|"
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


@lru_cache(maxsize=1)
def question_words() -> frozenset[str]:
    """Words that shape a question but carry no content ("how many", "哪些")."""
    english = tokenize(
        "many much long often kind list tell me describe involve date besides which what who "
        "whom when where how why please name give explain mention say says according each "
        "respectively onto upon within bring get make take go come happen need want know "
        "find use show see look document documents described"
    )
    return frozenset(english) | frozenset(
        "哪个 几个 谁 哪位 什么 多长 多长时间 长时间 那 它 哪些 多少 "
        "怎么 怎样 如何 吗 呢 最 分别 请 哪一年 哪年 几年 家 名 位 要 需要 可以 "
        "一共 总共 到底 究竟 名字".split()
    )


@dataclass(frozen=True)
class Evidence:
    """Text a question is checked against: its English tokens and its lower-cased characters.

    Chinese terms are matched as substrings of the text (a jieba word of the text is one), so
    only the English stems and numbers are tokens: jieba is not run on every sentence.
    """

    tokens: frozenset[str]
    text: str

    @classmethod
    def of(cls, text: str) -> Evidence:
        """The evidence of one piece of text."""
        return _evidence(text)

    def __or__(self, other: Evidence) -> Evidence:
        return Evidence(self.tokens | other.tokens, f"{self.text}\n{other.text}")


@lru_cache(maxsize=16384)
def _evidence(text: str) -> Evidence:
    return Evidence(frozenset(english_tokens(text)), text.lower())


EMPTY = Evidence(frozenset(), "")


@dataclass(frozen=True)
class Concept:
    """One thing the question asks about and the ways text can express it."""

    name: str  # a search token of the question
    weight: float
    translations: tuple[str, ...] = ()  # the other language's terms for it
    penalty: float = 0.0  # cost on top when an answer misses it (see `Question.support`)
    pattern: re.Pattern[str] | None = None  # answer-type concepts: what the answer holds
    unknown: bool = False  # a dictionary word the collection lacks in either language
    proper: bool = False  # a name: capitalised inside an English question, a jieba proper noun
    principal: bool = False  # the thing asked for, not its deputy ("president", 校长)
    focus: bool = False  # the thing whose value is asked ("学费" of 学费多少钱, "salary")

    @cached_property
    def pinyin_name(self) -> bool:
        """A name spelt in pinyin ("Zibo", "Zhejiang"): a Chinese text writes it in
        characters whose pinyin spell it (淄博, 浙江)."""
        name = self.name  # a stem: "Qinghe" is "qingh"
        return (
            self.proper and not has_cjk(name) and (spells_pinyin(name) or spells_pinyin(name + "e"))
        )

    @property
    def spelled(self) -> bool:
        """A name spelt in pinyin that no translation renders (the collection's Chinese
        documents lack its characters, or jieba cuts them otherwise)."""
        return self.pinyin_name and not self.translations

    def covered_by(self, evidence: Evidence) -> bool:
        """Whether `evidence` expresses this concept: its word (a Chinese word by substring,
        顶岗实习 contains 实习; a number not inside another; a hyphenated word by its parts) or
        one of its translations."""
        if self.pattern is not None:
            return bool(self.pattern.search(evidence.text))
        if self.principal and self._only_deputies(evidence.text):
            return False
        text, tokens = evidence.text, evidence.tokens
        for term in self._substrings:  # loops, not any(): this runs for every sentence
            if term in text:
                return True
        if self.name in tokens or (self._number is not None and self._number.search(text)):
            return True
        if self._abbreviated is not None and self._abbreviated.search(text):
            return True
        return any(tokens.issuperset(words) for words in self._token_sets)

    def _only_deputies(self, text: str) -> bool:
        """Whether every mention of the word in `text` is of a deputy ("vice president",
        副校长, 校长助理): a deputy does not answer who the president is."""
        plain, deputy = self._mentions
        found = len(plain.findall(text))
        return found > 0 and len(deputy.findall(text)) >= found

    @cached_property
    def _mentions(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The word and its translations, and them as a deputy's title."""
        terms = (self.name, *self.translations)
        chinese = "|".join(re.escape(t) for t in terms if has_cjk(t))
        english = "|".join(re.escape(t) for t in terms if not has_cjk(t))
        plain: list[str] = []
        deputy: list[str] = []
        if chinese:
            plain.append(f"(?:{chinese})")
            deputy += [f"{_DEPUTY_ZH}(?:{chinese})", f"(?:{chinese}){_ASSISTANT_ZH}"]
        if english:
            plain.append(rf"\b(?:{english})\w*")
            deputy.append(rf"{_DEPUTY_EN}(?:{english})\w*")
        return (
            re.compile("|".join(plain), re.IGNORECASE),
            re.compile("|".join(deputy), re.IGNORECASE),
        )

    @cached_property
    def _abbreviated(self) -> re.Pattern[str] | None:
        """A Chinese name as the abbreviation of a longer one: its characters in order, a
        few apart (职大 in 职业大学, 顺职大 in 顺德职业技术大学); an English acronym no
        dictionary knows as the initials of a name ("vtc": Vocational and Technical College)."""
        if _ACRONYM.fullmatch(self.name) and not dictionary().knows(self.name):
            # Evidence is lower-cased: the initials start words of four letters or more.
            initials = _ACRONYM_JOINT.join(f"{letter}[a-z]{{3,}}" for letter in self.name)
            return re.compile(rf"\b{initials}\b")
        if not self.proper or len(self.name) < 2 or not _CJK_WORD.fullmatch(self.name):
            return None
        gap = f".{{0,{ABBREVIATION_GAP}}}"
        return re.compile(gap.join(re.escape(c) for c in self.name))

    @cached_property
    def _substrings(self) -> tuple[str, ...]:
        """The Chinese word and Chinese translations, matched as substrings."""
        return tuple(t for t in (self.name, *self.translations) if has_cjk(t))

    @cached_property
    def _number(self) -> re.Pattern[str] | None:
        """A number of the question, not inside a longer one ("2024" in 2024-05-14)."""
        return re.compile(rf"(?<!\d){self.name}(?!\d)") if _NUMBER.fullmatch(self.name) else None

    @cached_property
    def _token_sets(self) -> tuple[tuple[str, ...], ...]:
        """Search tokens that must all be present: a hyphenated word's parts ("industry
        education"), each English translation's tokens; for an English word, the tokens of
        each English definition of its Chinese renderings (synonyms through Chinese)."""
        own = [self.name.replace("-", " ")] if "-" in self.name and not has_cjk(self.name) else []
        other = [t for t in self.translations if not has_cjk(t)]
        if not has_cjk(self.name) and self.pattern is None:
            # An English word is also said by the other English words for its Chinese
            # renderings ("established": 成立, which is also "set up").
            other += [d for t in self.translations if has_cjk(t) for d in dictionary().english(t)]
        words = (tokenize_query(t) for t in (*own, *other))
        return tuple(w for w in words if w)


@dataclass(frozen=True)
class Question:
    """A question as concepts; `coverage` and `support` score evidence against it."""

    text: str
    concepts: tuple[Concept, ...] = field(default_factory=tuple)

    @property
    def total(self) -> float:
        """The weight of all concepts (at least a tiny positive number)."""
        return sum(c.weight for c in self.concepts) or 1e-9

    @property
    def answer_type(self) -> Concept | None:
        """The count/year/date concept, when the question asks for one."""
        return next((c for c in self.concepts if c.pattern is not None), None)

    def covered_in(self, context: Evidence) -> frozenset[str]:
        """The names of the word concepts `context` covers (once per document's title)."""
        return frozenset(
            c.name for c in self.concepts if c.pattern is None and c.covered_by(context)
        )

    def coverage(
        self, own: Evidence, in_context: frozenset[str] = frozenset(), weight: float = 0.5
    ) -> float:
        """Share of the question's weight `own` covers; the concepts `in_context` (see
        `covered_in`) count at `weight`."""
        covered = 0.0
        for concept in self.concepts:
            if concept.covered_by(own):
                covered += concept.weight
            elif concept.name in in_context:
                covered += weight * concept.weight
        return covered / self.total

    def missing(self, evidence: Evidence) -> list[Concept]:
        """Concepts `evidence` does not cover."""
        return [c for c in self.concepts if not c.covered_by(evidence)]

    def support(
        self,
        answer: Evidence,
        context: Evidence = EMPTY,
        main: Evidence | None = None,
        naming: frozenset[str] = frozenset(),
        other_language: bool = False,
        named_elsewhere: frozenset[str] = frozenset(),
        joint: bool = False,
    ) -> float:
        """How well an answer covers the question (<= 1), less the penalties of what it misses.

        With `other_language` (the answer's document is in the other language than the
        question) a word with no translation in the collection is left out of the share (a
        dictionary does not give every rendering a document uses), unless the collection
        lacks it in both languages ("bakery"): then it counts, uncovered, but costs no penalty
        (湘绣 is "Xiang embroidery" to a reader, "embroidery" to the dictionary).

        A missing word the collection has never seen ("tuition", "weather"), a missing number
        ("2025"), the missing thing asked for ("学费是多少") or a missing answer type (no year
        for "in what year", looked for in `main`, the answer's leading sentences) is a strong
        sign the documents cannot answer. So is a missing word in `naming`, the words that
        name other candidate documents (an answer about Nanhai to a question about Ningbo).
        """
        covered = 0.0
        penalized: list[str] = []
        penalty = 0.0
        # Names spelt in pinyin that the dictionary does not translate ("Zibo"): those the
        # answer spells count, covered; when it spells none, all count, uncovered (an answer
        # about Jinjiang to a question about Zibo); an abbreviation (台资 of "Taiwan") may
        # leave one unspelt in an answer that spells the others.
        spelled = [c for c in self.concepts if other_language and c.spelled]
        spelt = {c.name for c in spelled if _spells(c.name, answer, context)}
        named = bool(spelt) or (
            bool(spelled)
            and any(
                c.pinyin_name and (c.covered_by(answer) or c.covered_by(context))
                for c in self.concepts
            )
        )  # a name of the question is said: the unspelt ones are left out, as before
        counted = [
            c
            for c in self.concepts
            if (c in spelled and (c.name in spelt or not named))
            or not other_language
            or c.translations
            or c.unknown
            or c.pattern
            or _NUMBER.fullmatch(c.name)
            or c.covered_by(answer)
        ]
        lead = answer if main is None else main
        # The value asked for counts where the thing it is asked of is said with it: a fee in
        # one sentence and the word "tuition" in another do not say what the tuition is.
        # (In the other language only a thing the dictionary renders can be looked for.)
        # (Not across languages: the dictionary seldom gives the word a document uses for
        # the thing, "workers" for 人才, and the thing's own absence already costs. Dev (563):
        # must_include 0.838 -> 0.840, answerable refused 0.050 -> 0.046, gold unchanged.)
        things = [c for c in self.concepts if c.focus and not other_language]
        for concept in counted:
            if concept.pattern is not None:
                found = concept.covered_by(lead) and all(c.covered_by(lead) for c in things)
            else:
                found = (
                    concept.covered_by(answer)
                    or concept.covered_by(context)
                    or concept.name in spelt
                )
            if found and concept.pattern is None:
                covered += concept.weight
                continue
            penalty_of = 0.0 if other_language and concept.unknown else concept.penalty
            # A word of a name with no rendering in the other language cannot be looked for
            # in a document in that language ("Expo", "Yum" of 无锡太湖国际会展集团, 百胜).
            unrendered = (
                other_language
                and not concept.translations
                and not has_cjk(concept.name)
                and not spells_pinyin(concept.name)  # "Hangzhou" would be 杭州 there
            )
            named = concept.name in naming or (
                concept.proper and concept.name not in named_elsewhere and not unrendered
            )
            sure = concept.proper and not other_language and concept.name not in named_elsewhere
            name_cost = JOINT_ACT_NAME_PENALTY if joint else SAME_SCRIPT_NAME_PENALTY
            cost = max(penalty_of, name_cost if sure else NAMING_PENALTY if named else 0.0)
            if found or not cost:
                continue
            if any(concept.name in other or other in concept.name for other in penalized):
                continue  # 之比 and 数之比 are one missing word
            penalized.append(concept.name)
            penalty += cost
        # The answer type is a condition on the answer, not evidence that it is right.
        total = sum(c.weight for c in counted if c.pattern is None) or 1e-9
        return covered / total - penalty


@lru_cache(maxsize=1024)
def _pinyin_of(text: str) -> str:
    """A text with its Chinese in pinyin, without tones or spaces (东方职业 -> dongfangzhiye)."""
    return pinyin(text)


def _spells(name: str, *evidence: Evidence) -> bool:
    """Whether the pinyin of one of the texts spells `name` (东方 spells "dongfang")."""
    return any(name in _pinyin_of(e.text) for e in evidence)


def parse_question(query: Query, index: LexicalIndex) -> Question:
    """The concepts of `query`, weighted by rarity in `index`.

    Words a follow-up carries from earlier turns weigh CARRIED_WEIGHT and cost nothing when
    missing.
    """
    asked, carried = query.asked, query.carried
    concepts = _word_concepts(asked, index, 1.0)
    names = {c.name for c in concepts}
    concepts += [c for c in _word_concepts(carried, index, CARRIED_WEIGHT) if c.name not in names]
    wanted = _answer_type(asked)
    asking = _ASKING_WORD.get(wanted) if wanted is not None else None
    if asking is not None:  # 文号, "share": what is asked, not a word the answer must hold
        concepts = [c for c in concepts if not asking.fullmatch(c.name)]
    if wanted is not None and concepts:
        # Sentences holding a count or a date rank as if they held the rarest word.
        typed = wanted is _YEAR or (wanted in _SPECIFIC_TYPES and not _asks_more(asked, wanted))
        penalty = TYPED_VALUE_PENALTY if typed else FOCUS_PENALTY  # a count, or two values
        heaviest = max(c.weight for c in concepts)
        concepts.append(Concept("<answer type>", heaviest, (), penalty, wanted))
    return Question(query.text, tuple(concepts))


def _word_concepts(text: str, index: LexicalIndex, scale: float) -> list[Concept]:
    text = _NUMBER_SIGN.sub("", text)  # "No. 2 Vocational School": the number is the word
    translations = _translations(text, index)
    focus = _focus(text)
    surface = {stem: word for word, stem in _stems(text)}
    concepts: list[Concept] = []
    seen: set[str] = set()
    kept = _candidate_tokens(tokenize_query(text) if text else ())
    names = proper_tokens(text) if text and scale == 1.0 else frozenset()
    # Segmentation debris (建了, 年招 of "09年招多少人"): a Chinese word no document holds, no
    # dictionary knows and no name contains cannot be answered for, and weighing it only
    # lowered the support; the words inside it stand instead (实习 of 实习期). Dev (263):
    # must_include 0.769 -> 0.784, answerable refused 0.087 -> 0.072, one unanswerable
    # answered (refused again by JOINT_ACT_NAME_PENALTY).
    kept = [t for t in kept if not _debris(t, index, translations, names)]
    for token in kept:
        if token in seen or _fragment_of(token, kept):
            continue
        if _straddles(token, kept, text):
            continue  # 院办 of 国务院|办公厅: a search sub-word across two words
        held = index.doc_freq.get(token, 0) > 0
        seen.add(token)
        # A Chinese word stands for the search sub-words it contains (南海区: 南海, 海区)
        # and takes their translations (南海 is Nanhai).
        parts = [t for t in kept if t != token and has_cjk(t) and t in token]
        proper = token in names or (has_cjk(token) and any(token in n for n in names))
        # A name's parts lend it only their names (南海区: Nanhai), not their dictionary
        # senses: 福建师范大学 is not any "college".
        lent = (
            term
            for t in parts
            for term in translations.get(t, ())
            if not proper or spells_pinyin(term)
        )
        other = tuple(dict.fromkeys((*translations.get(token, ()), *lent))) + _CHINESE_NUMERALS.get(
            token, ()
        )
        known = held or bool(other)
        weight = index.idf(token) * scale
        if zipf(surface.get(token, token)) >= FUNCTION_ZIPF and (
            not known or _grammar_word(token, text)
        ):
            continue  # 这些, 今天: grammar no document needs to repeat, not a thing asked
        # Only a specific word the collection lacks says it cannot answer ("tuition"), or a
        # Latin-script name it holds in neither language ("Nantong", and no 南通; a Chinese
        # name may be cut otherwise by jieba): everyday words ("went", "一共"), slang and
        # typos no dictionary knows say nothing.
        unknown = 0.0
        principal = False
        is_focus = False
        if not known and (dictionary().knows(token) or (token in names and not has_cjk(token))):
            unknown = UNKNOWN_TERM_PENALTY * specificity(surface.get(token, token))
        if not known and not proper and _phrasing_word(surface.get(token, token)):
            # An everyday word no document uses that cannot name a thing ("roughly",
            # "supposed") is phrasing: it weighs by how specific it is, not as the rarest.
            # Dev (563): must_include 0.836 -> 0.838, answerable refused 0.055 -> 0.050.
            weight *= specificity(surface.get(token, token))
        penalty = unknown
        if _NUMBER.fullmatch(token):
            penalty = NUMBER_PENALTY
        elif token in focus:
            penalty = FOCUS_PENALTY
            is_focus = True
            principal = not _asks_deputy(text, surface.get(token, token))
            if known:  # not segmentation debris such as 数之比
                weight *= FOCUS_WEIGHT
        concepts.append(
            Concept(
                token,
                weight,
                other,
                penalty if scale == 1.0 else 0.0,
                unknown=unknown > 0,
                proper=proper,
                principal=principal,
                focus=is_focus and scale == 1.0,
            )
        )
    if scale == 1.0 and has_cjk(text):
        concepts += _lone_nouns(text, index, seen)
    return concepts


def _debris(
    token: str, index: LexicalIndex, translations: dict[str, list[str]], names: frozenset[str]
) -> bool:
    """Whether a Chinese search token is a stretch jieba cut that is no word: the collection
    does not hold it, it has no translation, no dictionary knows it and no name holds it."""
    return (
        has_cjk(token)
        and index.doc_freq.get(token, 0) == 0
        and not translations.get(token)
        and not any(token in n for n in names)
        and not dictionary().knows(token)
    )


def _phrasing_word(word: str) -> bool:
    """Whether an English word cannot be a noun (an adverb, a verb, an adjective: "roughly",
    "supposed"), by the SPECIALIST Lexicon (`lemminflect`)."""
    from lemminflect import getAllLemmas

    if has_cjk(word):
        return False
    kinds = getAllLemmas(word.lower())
    return bool(kinds) and "NOUN" not in kinds and "PROPN" not in kinds


def _grammar_word(token: str, text: str) -> bool:
    """Whether a Chinese word of `text` is grammar by jieba's part of speech (a pronoun,
    adverb, preposition, conjunction or particle: 这些, 已经, 通过), whatever the
    collection holds."""
    if not has_cjk(token):
        return False
    flag = dict(_tagged(text)).get(token) or next((f for _, f in _tagged(token)), "")
    return flag[:1] in _GRAMMAR_TAGS


def _asks_deputy(text: str, word: str) -> bool:
    """Whether the question itself asks for a deputy ("who is the vice president")."""
    if has_cjk(word):
        return f"{_DEPUTY_ZH}{word}" in text or f"{word}{_ASSISTANT_ZH}" in text
    return bool(re.search(rf"{_DEPUTY_EN}{re.escape(word)}", text, re.IGNORECASE))


def _lone_nouns(text: str, index: LexicalIndex, seen: set[str]) -> list[Concept]:
    """Single-character Chinese nouns of `text` that no word of the collection holds (醋 and
    鱼 of 西湖醋鱼, which jieba leaves apart): a thing asked about that the collection lacks,
    costing the unknown-word penalty by how specific the character is."""
    out: list[Concept] = []
    for char, flag in _tagged(text):
        if (
            len(char) == 1
            and has_cjk(char)
            and flag == "n"
            and char not in seen
            and char not in index.characters
            and not any(char in t for t in seen)
        ):
            seen.add(char)
            penalty = UNKNOWN_TERM_PENALTY * specificity(char)
            out.append(Concept(char, index.idf(char), (), penalty, unknown=penalty > 0))
    return out


def _candidate_tokens(tokens: tuple[str, ...]) -> list[str]:
    """A question's search tokens that may name what it asks: not question words, not a
    compound of two others, not single Chinese characters (的, 向, 多: mostly grammar or
    segmentation debris) nor question grammar."""
    skip = question_words()
    return [
        t
        for t in tokens
        if t not in skip
        and not _compound_of(t, tokens)
        and not (len(t) == 1 and has_cjk(t))
        and not _QUESTION_GRAMMAR_ZH.search(t)
    ]


def content_words(text: str) -> list[str]:
    """The words of `text` as written that say what it asks about: not question words
    (`question_words`, 哪些, 几个), single Chinese characters, nor a search sub-word of a
    longer word or a compound of two others (the same choice as a question's concepts)."""
    kept = _candidate_tokens(tokenize_query(text))
    surface = {stem: word for word, stem in _stems(text)}
    words = [
        surface.get(t, t)
        for t in kept
        if not _fragment_of(t, kept) and not _straddles(t, kept, text)
    ]
    return list(dict.fromkeys(words))


#: English words that shape what a question asks (its interrogatives and their quantifiers);
#: the Chinese ones are `question_words` and `_QUESTION_GRAMMAR_ZH`.
_ASKING_EN = frozenset("how what when where which who whom why many much long often".split())
_PARTICLES_ZH = frozenset("吗呢")  # sentence-final particles: a question, not what it asks


def asking_words(text: str) -> list[str]:
    """The words of `text`, as written, that shape what it asks rather than what about
    ("how many", "which"; 哪些, 几本, 多久, 可以): the other half of `content_words`."""
    if has_cjk(text):
        words = [
            w
            for w in jieba_instance().lcut(text)
            if has_cjk(w)
            and w not in _PARTICLES_ZH
            and (w in question_words() or _QUESTION_GRAMMAR_ZH.search(w))
        ]
    else:
        words = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _ASKING_EN]
    return list(dict.fromkeys(words))


def _stems(text: str) -> list[tuple[str, str]]:
    """(word as written, its search token) for the English words of `text`."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)]
    return [(w, t) for w in words for t in tokenize_query(w)[:1]]


def specificity(word: str) -> float:
    """How specific a word is in everyday language, 0 (everyday) to 1 (rare)."""
    return min(1.0, max(0.0, (EVERYDAY_ZIPF - zipf(word)) / (EVERYDAY_ZIPF - RARE_ZIPF)))


_frequency_lock = threading.Lock()
_frequency_languages: set[str] = set()


def load_word_frequencies(language: str) -> None:
    """Load wordfreq's table of one language ("en", "zh") once per process.

    wordfreq builds a table (and, for Chinese, its own jieba) on first use without a lock:
    sixteen concurrent first questions each built it, and the first seconds of serving went
    to that. The server's warm-up calls this for both languages.
    """
    if language in _frequency_languages:
        return
    with _frequency_lock:
        if language not in _frequency_languages:
            from wordfreq import zipf_frequency

            zipf_frequency("这些" if language == "zh" else "these", language)
            _frequency_languages.add(language)


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """A word's frequency in large general corpora (wordfreq's Zipf scale, English or
    Chinese): 6 for "these" or 这些, 3 for "embroidery"."""
    from wordfreq import zipf_frequency

    language = "zh" if has_cjk(word) else "en"
    load_word_frequencies(language)
    return float(zipf_frequency(word, language))


def _compound_of(token: str, tokens: tuple[str, ...]) -> bool:
    """Whether a Chinese word is two other words of the question (改革方案 = 改革 + 方案)."""
    if not has_cjk(token):
        return False
    parts = set(tokens) - {token}
    return any(token[:i] in parts and token[i:] in parts for i in range(1, len(token)))


def _straddles(token: str, tokens: list[str], text: str) -> bool:
    """Whether a Chinese search sub-word spans the joint of two other words of the question
    (院办 in 国务院办公厅 = 国务院 + 办公厅) rather than being a word of its own."""
    if not has_cjk(token):
        return False
    others = [t for t in tokens if t != token and has_cjk(t) and not _fragment_of(t, tokens)]
    return any(
        token in a + b and token not in a and token not in b and a + b in text
        for a in others
        for b in others
    )


def _fragment_of(token: str, tokens: list[str]) -> bool:
    """Whether a Chinese search sub-word is part of a longer word of the question."""
    return has_cjk(token) and any(token != t and token in t for t in tokens)


def _focus(question: str) -> frozenset[str]:
    """Tokens of the thing asked for: "学费" in "每年学费是多少", "tuition fee" in English."""
    english = _FOCUS_EN.search(question)
    if english:
        return frozenset(tokenize_query(english.group(1)))
    thing = _WHAT_THING_EN.search(question)
    if thing:
        return frozenset(tokenize_query(thing.group(1))[-1:])
    done = _WHEN_DONE_EN.search(question.strip())
    if done:  # "when was it founded": founded
        return frozenset(tokenize_query(done.group(1)))
    money = _MONEY_ASKED_ZH.search(question)
    if money:  # "一年学费多少钱": 学费, the last noun before it
        nouns = _nouns_zh(question[: money.start()])
        return frozenset(tokenize_query(nouns[-1])[-1:]) if nouns else frozenset()
    counted = _COUNTED_ZH.search(question)
    if counted:  # "多少家成员企业"
        return frozenset(tokenize_query(counted.group(1)))
    counted = _COUNTED_EN.search(question)
    if counted:  # "how many Nanhai District companies": the noun, before any verb
        words = _before_verb((counted.group(1) or counted.group(2)).split())
        return frozenset(tokenize_query(" ".join(words))[-1:])
    chinese = _FOCUS_ZH.search(question)
    if chinese:  # the last noun before "是多少" ("学费"), not an adverb ("一共")
        nouns = _nouns_zh(question[: chinese.start()])
        return frozenset(tokenize_query(nouns[-1])[-1:]) if nouns else frozenset()
    return frozenset()


def _before_verb(words: list[str]) -> list[str]:
    """`words` up to the first one that can only be a verb ("people took part": people)."""
    from lemminflect import getAllLemmas

    for i, word in enumerate(words):
        kinds = set(getAllLemmas(word.lower()))
        if i and kinds and kinds <= {"VERB", "AUX"}:
            return words[:i]
    return words


def _nouns_zh(text: str) -> list[str]:
    """The Chinese nouns of `text` by jieba's part of speech, in order."""
    return [word for word, flag in _tagged(text) if flag.startswith("n") and has_cjk(word)]


@lru_cache(maxsize=4096)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """The words of `text` with jieba's parts of speech (one cut per question, shared by the
    names, the thing counted and the lone nouns)."""
    import jieba.posseg

    jieba_instance()  # initialised once, quietly
    return tuple((w.word, w.flag) for w in jieba.posseg.cut(text))


_GRAMMAR_TAGS = frozenset("rdpcuyeo")  # jieba: pronoun, adverb, preposition, conjunction …
_PROPER_TAGS = frozenset({"nr", "ns", "nt", "nz", "nrt", "nrfg", "j"})  # names, abbreviations
_CAPITALISED = re.compile(r"(?<=[a-z0-9,;:]\s)[A-Z][A-Za-z-]+")  # not a sentence's first word


@lru_cache(maxsize=4096)
def proper_tokens(text: str) -> frozenset[str]:
    """The search tokens of the names a question uses (English: capitalised words inside a
    sentence; Chinese: jieba's proper nouns); Chinese ones whole, matched by containment."""
    found: set[str] = set()
    for word in _CAPITALISED.findall(text):
        found.update(tokenize_query(word))
    if has_cjk(text):
        found.update(w for w, flag in _tagged(text) if flag in _PROPER_TAGS and has_cjk(w))
    return frozenset(found)


# Answer types a value of which is rarely said otherwise, with the words that ask for them: a
# year, a sum of money, a length of time, a share, a notice's number (a count may be
# "dozens", a date "recently").
_SPECIFIC_TYPES = {
    _YEAR: _ASKS_YEAR,
    _MONEY: _ASKS_MONEY,
    _DURATION: _ASKS_DURATION,
    _SHARE: _ASKS_SHARE,
    _DOC_NUMBER: _ASKS_DOC_NUMBER,
}
# The word that asks for a typed value and is no concept (文号, "share").
_ASKING_WORD = {_DOC_NUMBER: _ASKS_DOC_NUMBER, _SHARE: _SHARE_WORD}


def _asks_more(question: str, wanted: re.Pattern[str]) -> bool:
    """Whether the question asks for another value besides the typed one ("how many members
    …, and how long do placements last?"): one answer sentence need not hold both."""
    rest = _SPECIFIC_TYPES[wanted].sub(" ", question)
    return bool(_ASKS_COUNT.search(rest) or _ASKS_DATE.search(rest) or _ASKS_YEAR.search(rest))


def _answer_type(question: str) -> re.Pattern[str] | None:
    if _ASKS_DOC_NUMBER.search(question):
        return _DOC_NUMBER
    if _ASKS_YEAR.search(question):
        return _YEAR
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


def _translations(question: str, index: LexicalIndex) -> dict[str, list[str]]:
    """Question token -> the other language's terms for the phrase it is part of."""
    out: dict[str, list[str]] = {}
    for source, targets in translator_for(index).pairs(question):
        for token in tokenize_query(source):
            out.setdefault(token, []).extend(t.lower() for t in targets)
    return out
