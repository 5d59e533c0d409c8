"""jieba's words of a Chinese sentence and what its dictionary says of them: known, rare,
a verb phrase, a class modifier (普通, 高职), a word that ends a name to its left."""

from __future__ import annotations

from functools import lru_cache

RARE_WORD_FREQ = 150  # a dictionary word seen fewer times than this may be a name's own word
SEGMENT_CACHE = 64  # sentences whose jieba words are kept for the rules that read them again
# Prepositions and locality words that end a name to their left (others, such as 经 in
# 经开区, may be part of one).
STOP_WORDS = {"与", "在", "由", "对", "向", "为", "将", "把", "被", "从", "于", "以", "和", "同",
               "跟", "给", "按", "据", "经过", "通过", "根据", "按照", "依托", "围绕", "面向",
               "关于", "作为", "自", "当", "随着", "上", "下", "中", "内", "外", "后", "前",
               "里", "间", "之间", "以上", "以下", "以来", "之后", "之前", "期间", "其中", "方面",
               "日前", "近日", "目前", "今年", "去年", "下午", "上午", "当天", "近年来", "此前",
               "现在", "届时", "同时", "此外", "本次", "首批", "全国", "标杆", "旗下",
               "会同"}  # fmt: skip
# Flags of proper names: a name needs one of them (or to be one dictionary word), so that
# generic phrases such as 职业学校 or 产业学院 are not taken for organisations.
PROPER_FLAGS = ("ns", "nr", "nrt", "nz", "nt", "nrfg", "eng", "i", "j")
# A government body may be named with common nouns only (财政部, 农业农村部).
NOUN_FLAGS = ("n", "nz", "nt", "ns", "j", "vn")
LEVEL_CHARS = "省市县区"  # levels of government, in a department's name (青禾省人社厅, 省人社厅)
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
BREAKERS = {"代表", "学生", "师生", "领导", "负责人", "校长", "书记", "主任", "院长", "同志",
                "记者", "仪式", "成员", "单位", "双方", "三方", "各方", "合作", "签约", "签订",
                "举行", "成立", "牵头", "组建", "入选", "共建", "携手", "获批", "名单", "培训",
                "开展", "建设", "推动", "参与", "出席", "参加", "包括", "加入", "鼓励", "支持",
                "主动", "深化", "着力", "打造", "推进", "依靠", "会长", "副会长", "理事长",
                "秘书长", "董事长", "总经理", "副总经理", "主席", "副主席", "副校长", "党委书记",
                "院校", "高校",
                "副院长", "专务", "首席", "召开", "举办", "发布", "公布", "印发"}  # fmt: skip
MIN_VERB_PHRASE = 4  # a word this long ending in a two-character verb is a verb phrase


@lru_cache(maxsize=1)
def _jieba() -> object:
    """jieba's part-of-speech tagger, loaded once."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


@lru_cache(maxsize=SEGMENT_CACHE)
def tagged(sentence: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of a sentence with their parts of speech (each rule reads them)."""
    return tuple((p.word, p.flag) for p in _jieba().cut(sentence))  # type: ignore[attr-defined]


def word_edges(sentence: str) -> tuple[set[int], set[int]]:
    """Where jieba's words start and end in the sentence."""
    starts: set[int] = set()
    ends: set[int] = set()
    pos = 0
    for word, _ in tagged(sentence):
        starts.add(pos)
        pos += len(word)
        ends.add(pos)
    return starts, ends


def generic(word: str) -> bool:
    """True for a class modifier, alone or opening a word jieba made of it (普通本科)."""
    return word in _GENERIC or any(word.startswith(g) for g in _GENERIC if len(g) > 1)


def distinctive(word: str, flag: str) -> bool:
    """True for a word that can make a name its own: a proper noun, or one jieba barely knows."""
    return len(word) > 1 and (flag in PROPER_FLAGS or rare(word, flag)) and not generic(word)


def common_word(text: str) -> bool:
    """True when the text is made of common dictionary words only (no name in it)."""
    return all(in_dictionary(w) and f not in PROPER_FLAGS for w, f in tagged(text))


def rare(word: str, flag: str) -> bool:
    """True for a word jieba's dictionary lacks or barely knows (晨光, 长风): in front of an
    organisation suffix it is most likely a name, not a class (产业学院, 大型集团)."""
    if verb_phrase(word):
        return False
    if not in_dictionary(word):
        return not flag.startswith("v")  # jieba guesses a verb (赋能): an action, no name
    if flag != "n" or frequency(word) >= RARE_WORD_FREQ:
        return False
    # a rare compound of common words (骨干企业, 校长助理) is no name
    return not any(
        in_dictionary(word[:k]) and in_dictionary(word[k:]) for k in range(2, len(word) - 1)
    )


def verb_phrase(word: str) -> bool:
    """True for a word jieba barely knows that ends in a verb it knows (需提交): words glued
    together, not a name."""
    return frequency(word) < RARE_WORD_FREQ and any(
        _dictionary_flag(word[k:]) == "v" for k in range(1, len(word) - 1)
    )


def _dictionary_flag(word: str) -> str:
    """The part of speech jieba's dictionary gives a word, '' for a word it lacks."""
    return str(_jieba().dt.word_tag_tab.get(word, ""))  # type: ignore[attr-defined]


def ends_in_verb(word: str) -> bool:
    """True for a phrase of four characters or more whose last two are a verb of jieba's
    dictionary (实地考察, 全力支持): an action, whatever jieba tags the phrase."""
    return len(word) >= MIN_VERB_PHRASE and _dictionary_flag(word[-2:]) == "v"


def in_dictionary(word: str) -> bool:
    """True for a word of jieba's dictionary (an unknown word is most likely a name)."""
    return bool(frequency(word))


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen a word (0 for a word it lacks)."""
    import jieba

    return jieba.dt.FREQ.get(word, 0)
