"""People's posts at an organisation named beside its name (某某协会会长, 某某政协原副主席,
"President of X"): the person is there, the body acts through them or not at all."""

from __future__ import annotations

import re

from corpus.mention import Mention

# A person's title right after an organisation's name (its post there, also in one of its
# offices: 某某厅职成教处副处长), or before "of".
_TITLES = (
    r"书记|校长|院长|会长|理事长|秘书长|董事长|总经理|经理|主任|部长|厅长|局长|处长|主席|专务|"
    r"委员|总监|负责人|总裁|成员"
)
_TITLE_AFTER = re.compile(
    r"\s*(?:[\u4e00-\u9fff]{1,6}?(?:处|科|室))?(?:原|前|副|常务|执行|首席|名誉|专职|党委|党组|党工委)*"
    r"\s*(?:" + _TITLES + r")"
)
_EN_TITLES = (
    r"President|Vice[- ]President|Dean|Director|Chairman|Chair|Secretary|Manager|Head|"
    r"Principal|Secretary[- ]General|General Manager"
)
_TITLE_BEFORE = re.compile(
    r"\b(?:" + _EN_TITLES + r")\s+of\s+(?:the\s+)?$",
    re.I,  # "Tang Jianhua, chairman of X"
)
# A former post right after a body's name (原副主席, 前院长), or "former … of" before it.
_FORMER_AFTER = re.compile(r"\s*(?:原|前)(?:副|常务|执行|党委|党组)*\s*(?:" + _TITLES + r")")
_FORMER_BEFORE = re.compile(
    r"\bformer\s+(?:[a-z-]+\s+){0,3}?(?:" + _EN_TITLES + r")\s+of\s+(?:the\s+)?$", re.I
)


# A title inside a listed item, with more of the item after it (学院院长某某): a person.
_TITLE_INSIDE = re.compile(r"(?:" + _TITLES + r")[\u4e00-\u9fff·]")


def holds_post(item: str) -> bool:
    """True for a listed item that names a person by their post (党总支书记某某)."""
    return bool(_TITLE_INSIDE.search(item))


def affiliation(text: str, m: Mention) -> bool:
    """True when the mention names a person's post: a title follows it (X协会会长, X厅原厅长)
    or precedes it (President of X)."""
    return bool(_TITLE_AFTER.match(text, m.end) or _TITLE_BEFORE.search(text, 0, m.start))


def former(text: str, m: Mention) -> bool:
    """True for a body a person once served (某某政协原副主席, "former director of X"): the
    person is there, the body is not."""
    return bool(_FORMER_AFTER.match(text, m.end) or _FORMER_BEFORE.search(text, 0, m.start))
