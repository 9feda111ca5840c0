"""Growth rates as written: the sign a sentence gives a percentage, and month-on-month changes."""

from __future__ import annotations

import re

from tradetui.data.article import figures

_UP = (
    r"ris(?:e|es|ing|en)|rose|gr[eo]w(?:s|th|ing|n)?|gain(?:s|ed|ing)?|increas(?:e|es|ed|ing)|up|"
    r"jump(?:s|ed|ing)?|surg(?:e|es|ed|ing)|climb(?:s|ed|ing)?|soar(?:s|ed|ing)?|higher|more|"
    r"expan(?:d|ded|ding|sion)|add(?:ed|ing)?|advanc(?:e|ed|ing)|rebound(?:ed|ing)?|"
    r"boost(?:ed|ing)?|above|spik(?:e|ed|ing)|swung\sback\sto\sgrowth|accelerat(?:e|ed|ing)|"
    r"swell(?:ed)?|ballooned|topp?ed|hike|improv(?:e|ed|ing)"
)
_DOWN = (r"f[ae]ll(?:s|ing|en)?|declin(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|down|drop(?:s|ped)?|"
         r"shr[iau]nk(?:s)?|contract(?:ed|ion)|lower|loss|slump(?:ed)?|sli[dp](?:ped)?|"
         r"plung(?:e|ed)|less|reduc(?:ed|tion)|tumbl(?:e|ed)|sank|sink|below|slip(?:s|ped|ping)?|"
         r"dip(?:s|ped|ping)?|eas(?:e|ed|es|ing)|retreat(?:ed|s)?|shed|plummet(?:ed|s)?|"
         r"sagg?(?:ed|s)?|slid(?:e|es|ing)?|slowdown|cut")  # fmt: skip
_SIGN_WORD = re.compile(rf"\b(?P<up>{_UP})\b|\b(?P<down>{_DOWN})\b", re.IGNORECASE)
MONTH_ON_MONTH = re.compile(
    r"month[\s-]on[\s-]month|\bm/m\b|\bmom\b|from\sthe\sprevious\smonth|quarter[\s-]on[\s-]"
    r"quarter|from\sthe\sprevious\squarter|sequential",
    re.IGNORECASE,
)


def compared_with_month(after: str) -> bool:
    """The words right after a rate compare it with a month ("rose 5% from June")."""
    after = after[:30]
    return bool(
        re.search(
            r"\b(?:compared\s(?:to|with)|from|against|than(?:\sin)?|over)\s(?:the\s)?"
            r"(?:January|February|March|April|May|June|July|August|September|October|November|"
            r"December)\b(?!\s(?:19|20)\d\d)",
            after,
        )
    )


def sign(figure: figures.Figure, subject: str, tail: str) -> int | None:
    if figure.signed:
        return 1 if figure.signed == "+" else -1
    after = re.match(
        rf"^\s?(?:year[\s-]on[\s-]year\s|y/y\s|annual\s|yearly\s)?(?:(?P<up>{_UP})|(?P<down>"
        rf"{_DOWN}))\b",
        tail,
        re.IGNORECASE,
    )
    if after:
        return 1 if after.group("up") else -1
    words = list(_SIGN_WORD.finditer(subject))
    if not words:
        return None
    last = words[-1]
    if last.group("down") and re.search(r"\bgrowth\b", subject[: last.start()], re.IGNORECASE):
        return 1  # "export growth fell to 7.2 percent": the figure is the growth rate
    return 1 if last.group("up") else -1
