"""The article as read: its paragraphs, each claim's figure highlighted by its verdict.

The text is the article's own and untrusted: it is built as rich Text (never markup) with
its control characters shown as marks. Colours come from the component classes (.tcss).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tradetui.data import claims
from tradetui.data.article.report import VERDICT_MARKS, segments
from tradetui.data.article.verdicts import ArticleCheck
from tradetui.data.text import visible

VERDICT_CLASS = {
    claims.CONSISTENT: "article-text--consistent",
    claims.DIRECTION_SWAPPED: "article-text--swapped",
    claims.DIFFERENT_BASIS: "article-text--basis",
    claims.INCONSISTENT: "article-text--inconsistent",
    claims.NOT_CHECKABLE: "article-text--muted",
}


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class ArticleText(VerticalScroll, can_focus=True):
    """One Static per paragraph; ``show`` redraws them, ``current`` is the claim in focus."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*VERDICT_CLASS.values(), "article-text--current"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.paragraph_of: list[int] = []  # per claim, the paragraph it is in

    def show(self, text: str, checks: list[ArticleCheck], current: int | None) -> None:
        paragraphs: list[Text] = [Text()]
        self.paragraph_of = [0] * len(checks)
        current_style = self.get_component_rich_style("article-text--current")
        for segment in segments(text, checks):
            pieces = segment.text.split("\n")
            for number, piece in enumerate(pieces):
                if number:
                    paragraphs.append(Text())
                if segment.claim is None:
                    paragraphs[-1].append(visible(piece))
                    continue
                style = self.get_component_rich_style(VERDICT_CLASS[segment.verdict or ""])
                if segment.claim == current:
                    style = style + current_style
                self.paragraph_of[segment.claim] = len(paragraphs) - 1
                paragraphs[-1].append(visible(piece), style=style)
                if number == len(pieces) - 1:
                    mark = VERDICT_MARKS.get(segment.verdict or "", "?")
                    number_mark = str(segment.claim + 1).translate(_SUPERSCRIPT)
                    paragraphs[-1].append(f"{number_mark}{mark}", style=style)
        self.remove_children()
        self.mount_all(
            Static(paragraph, classes="article-paragraph" if paragraph.plain else "-blank")
            for paragraph in paragraphs
        )

    def scroll_to_claim(self, index: int) -> None:
        if 0 <= index < len(self.paragraph_of):
            children = list(self.query(Static))
            position = self.paragraph_of[index]
            if position < len(children):
                self.scroll_to_widget(children[position], animate=False)
