"""Trade flows named in a sentence, read as written: total, a direction, or a balance.

A direction is told from who exports or imports and from/to whom ("China imported … from
Russia" is Russia→China whatever the figure). Without a country, exports are the
reporter's (customs figures are the reporter's), imports the reporter's from the partner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradetui.data.countries import COUNTRY_NAMES

# Names of countries as news text writes them; a pair's two are read as the pair, the
# others as other countries' trade.
NAMES: dict[str, tuple[str, ...]] = {
    "CHN": ("People's Republic of China", "People’s Republic of China", "PRC", "Chinese",
            "China", "Beijing", "Sino"),
    "RUS": ("Russian Federation", "Russian", "Russia", "Moscow", "Russo"),
    "USA": ("United States", "U.S.", "US", "USA", "America", "American", "Washington"),
    "IND": ("India", "Indian", "New Delhi"),
    "JPN": ("Japan", "Japanese", "Tokyo"),
    "KOR": ("South Korea", "Korea", "Korean", "Seoul"),
    "DEU": ("Germany", "German", "Berlin"),
    "KAZ": ("Kazakhstan", "Kazakh"),
    "MNG": ("Mongolia", "Mongolian"),
    "TUR": ("Türkiye", "Turkey", "Turkish", "Ankara"),
}  # fmt: skip
OTHER_PLACES = (
    "European Union", "EU", "Brazil", "Ukraine", "Iran", "Saudi Arabia", "Vietnam",
    "Australia", "Britain", "UK", "Canada", "Mexico", "ASEAN", "Taiwan", "Belarus",
    "Uzbekistan", "North Korea", "France", "Italy",
)  # fmt: skip


def names_of(code: str) -> tuple[str, ...]:
    """How text names a country: the list above, else its name and code."""
    return NAMES.get(code) or tuple(dict.fromkeys((COUNTRY_NAMES.get(code, code), code)))


_OUT = (
    r"export(?:s|ed|ing)?|suppl(?:ies|ied|y|ying)|deliver(?:ies|ed|ing|y)|shipments?|shipped|"
    r"sales|sold"
)
_IN = r"import(?:s|ed|ing)?|purchas(?:es|ed|ing)|bought|buying"
# One commodity's trade ("car exports", "imports of Russian oil") is not the pair's total.
COMMODITY = (
    r"cars?|vehicles?|autos?|automobiles?|oil|crude|gas|LNG|coal|grain|wheat|barley|soybeans?|"
    r"machinery|electronics|steel|aluminium|aluminum|copper|nickel|timber|wood|seafood|fish|"
    r"pork|beef|meat|food|agricultural|farm|energy|fuel|fertili[sz]ers?|chips?|semiconductors?|"
    r"smartphones?|phones?|trucks?|equipment|weapons?|arms|gold|diamonds?|coal|petroleum"
)
_COMMODITY_BEFORE = re.compile(rf"\b(?:{COMMODITY})\s$", re.IGNORECASE)
_COMMODITY_AFTER = re.compile(
    rf"^\s(?:of\s)?(?:(?:Russian|Chinese|China['’]s|Russia['’]s)\s)?(?:{COMMODITY})\b",
    re.IGNORECASE,
)
_BOTH = re.compile(
    r"\b(?:combined\s)?(?:imports\sand\sexports|exports\sand\simports)\b", re.IGNORECASE
)
# Words that make a trade the pair's: "bilateral trade", "between the two countries".
_PAIR_WORDS = re.compile(
    r"\b(?:bilateral|two-way|mutual|between|two\s(?:countries|nations|sides|states|partners)|"
    r"both\s(?:countries|sides)|each\sother|sino-\w+)\b",
    re.IGNORECASE,
)
_WORLD = re.compile(
    r"\b(?:overall|global|worldwide|to\sthe\sworld|foreign\strade|with\sall|total\sexports|"
    r"total\simports|outbound\sshipments\sas\sa\swhole)\b",
    re.IGNORECASE,
)


def _names(code: str) -> str:
    return "|".join(re.escape(n) for n in names_of(code))


@dataclass(frozen=True)
class FlowMention:
    start: int
    end: int
    text: str
    flow: str  # total | balance | XXX->YYY | world | other
    side: int | None = None  # balance: +1 in the reporter's favour, -1 the partner's
    sign_only: bool = False  # "the balance favours Russia": a side without a figure
    partnerless: bool = False  # a direction naming no counterpart ("Chinese imports fell")


class Reader:
    """Flow mentions for one pair (reporter, partner), e.g. ("CHN", "RUS")."""

    def __init__(self, reporter: str, partner: str) -> None:
        self.reporter, self.partner = reporter, partner
        country = "|".join(f"(?P<{c}>{_names(c)})" for c in (reporter, partner))
        self._country = re.compile(rf"\b(?:{country})\b(?:['’]s)?")
        agent = rf"(?:(?:{_names(reporter)}|{_names(partner)})(?:['’]s)?)"
        self._direction = re.compile(
            rf"(?P<agent>{agent}\s(?:(?:has|have|had|was|were)\s)?(?:(?:total|overall|outbound|"
            rf"inbound|goods|merchandise)\s)?)?(?P<word>\b(?:{_OUT}|{_IN})\b)",
            re.IGNORECASE,
        )
        # "US" of "US$94 bn" is a currency, not a country.
        others = [n for c, ns in NAMES.items() if c not in (reporter, partner) for n in ns]
        others += [n for n in OTHER_PLACES if n not in names_of(reporter) + names_of(partner)]
        other = "|".join(re.escape(n) for n in others)
        self._other = re.compile(rf"(?<![\w.])(?:{other})(?![\w$])")
        self._other_agent = re.compile(
            rf"(?<![\w.])(?P<o>{other})(?:['’]s)?\s(?:(?:has|have|had|just|also)\s)?(?:\w+\s)?$"
        )
        self._other_to = re.compile(
            rf"^(?:\s(?!from\b|to\b|into\b|with\b)\S+){{0,4}}\s(?:from|to|into|with)\s(?:the\s)?"
            rf"(?P<o>{other})(?![\w$])"
        )
        self._balance = re.compile(
            r"\b(?:trade\s)?(?:balance|imbalance|surplus|deficit)s?\b|\bfavou?r(?:s|ed|ing)?\b",
            re.IGNORECASE,
        )
        # "trade war", "trade ministers": trade named, but no flow of goods.
        self._trade = re.compile(
            r"\b(?:trade|turnover|commerce|two-way|bilateral|exchanges?)\b(?!\s(?:wars?|tensions?|"
            r"deals?|ministers?|ministry|talks|disputes?|routes?|corridors?|polic(?:y|ies)|"
            r"barriers?|sanctions|partners?|partnership|agreements?|officials?|representatives?|"
            r"missions?|fairs?|expos?|zones?|unions?|organi[sz]ations?|bodies|body|rules|restrictions))",
            re.IGNORECASE,
        )

    def code(self, name: str) -> str:
        for code in (self.reporter, self.partner):
            if re.fullmatch(rf"(?:{_names(code)})(?:['’]s)?", name.strip(), re.IGNORECASE):
                return code
        raise ValueError(name)

    def other(self, code: str) -> str:
        return self.partner if code == self.reporter else self.reporter

    def find(self, sentence: str) -> list[FlowMention]:
        found: list[FlowMention] = []
        taken: list[tuple[int, int]] = []
        both = [self._total(sentence, m) for m in _BOTH.finditer(sentence)]
        for mention in (*both, *self._balances(sentence), *self._directions(sentence)):
            if not any(a < mention.end and mention.start < b for a, b in taken):
                found.append(mention)
                taken.append((mention.start, mention.end))
        for match in self._trade.finditer(sentence):
            if any(a <= match.start() < b for a, b in taken):
                continue
            after = sentence[match.end() : match.end() + 30]
            if re.match(r"\s(?:balance|imbalance|surplus|deficit)", after, re.IGNORECASE):
                continue
            found.append(self._total(sentence, match))
        for match in self._other.finditer(sentence):
            found.append(FlowMention(match.start(), match.end(), match.group(0), "other"))
        return sorted(found, key=lambda m: m.start)

    def _total(self, sentence: str, match: re.Match[str]) -> FlowMention:
        """A mention of trade: the pair's total, one country's with the world, or another's."""
        flow = self._total_or_world(sentence, match.start())
        text = match.group(0)
        if flow.startswith("other:"):
            flow, text = "other", flow.removeprefix("other:")
        return FlowMention(match.start(), match.end(), text, flow)

    def _total_or_world(self, sentence: str, position: int) -> str:
        """'China's foreign trade', 'trade of China': one country's trade with the world.

        Total trade names both countries or neither ("bilateral trade", "trade between the
        two countries"); a clause naming just one of them, with no word for the pair, is
        that country's trade with all partners.
        """
        start, end = _clause_around(sentence, position)
        clause = sentence[start:end]
        near = self._other.search(sentence[max(start, position - 25) : min(end, position + 35)])
        if near:
            return f"other:{near.group(0)}"  # "US-China trade", "trade with the United States"
        if _PAIR_WORDS.search(clause) or self._other.search(clause):
            return "total"
        found = list(self._country.finditer(clause))
        named = {self.code(m.group(0)) for m in found}
        # "trade with Russia": the partner named, the reporter implied.
        partner_named = any(re.search(r"\bwith\s(?:the\s)?$", clause[: m.start()]) for m in found)
        if len(named) == 2 or partner_named:
            return "total"
        if named or _WORLD.search(sentence[max(start, position - 25) : position + 20]):
            return "world"
        return "total"

    def _directions(self, sentence: str) -> list[FlowMention]:
        """Exports, imports, supplies…: who sends to whom, from the agent and from/to."""
        out: list[FlowMention] = []
        for match in self._direction.finditer(sentence):
            word = match.group("word").lower()
            outbound = re.fullmatch(_OUT, word) is not None
            word_start = match.start("word")
            goods = _COMMODITY_BEFORE.search(sentence[max(0, word_start - 25) : word_start]) or (
                _COMMODITY_AFTER.match(sentence[match.end() : match.end() + 40])
            )
            if goods:
                name = goods.group(0).split()[-1]  # "car", "oil"
                out.append(FlowMention(match.start(), match.end(), name, "commodity"))
                continue
            agent = match.group("agent")
            agent_code = self.code(_agent_name(agent)) if agent else None
            tail = _clause_tail(sentence, match.end())
            # "the United States exported", "exports to Japan": another country's trade.
            before = sentence[max(0, word_start - 30) : word_start]
            foreign = (agent is None and self._other_agent.search(before)) or self._other_to.match(
                tail
            )
            if foreign:
                out.append(FlowMention(match.start(), match.end(), foreign.group("o"), "other"))
                continue
            source = destination = None
            end = match.end()
            counter = re.search(
                rf"^(?:\s(?:of|worth|valued\sat|totall?ing|amounting\sto|reaching|\S+))*?"
                rf"\s(?P<prep>from|to|into|of)\s(?:the\s)?(?P<c>{_names(self.reporter)}|"
                rf"{_names(self.partner)})\b",
                tail,
                re.IGNORECASE,
            )
            if counter:
                code = self.code(counter.group("c"))
                prep = counter.group("prep").lower()
                if prep in ("from", "of"):
                    source = code
                else:
                    destination = code
                end = match.end() + counter.end()
            if outbound:
                source = agent_code or source
            else:
                destination = agent_code or destination
            # No partner named: "China's overall exports" are its trade with the world.
            lead = sentence[max(0, match.start() - 40) : match.end()]
            if counter is None and _WORLD.search(lead + tail):
                start = match.start()
                out.append(FlowMention(start, end, sentence[start:end], "world"))
                continue
            if source is None and destination is None:
                source = self.reporter if outbound else self.partner
            if source is None:
                source = self.other(destination)  # type: ignore[arg-type]
            if destination is None:
                destination = self.other(source)
            flow = f"{source}->{destination}" if source != destination else "other"
            start = match.start()
            partnerless = counter is None
            out.append(FlowMention(start, end, sentence[start:end], flow, partnerless=partnerless))
        return out

    def _balances(self, sentence: str) -> list[FlowMention]:
        """Surplus, deficit, balance, favours: whose side, from the country named with it."""
        out: list[FlowMention] = []
        for match in self._balance.finditer(sentence):
            word = match.group(0).lower()
            before = sentence[max(0, match.start() - 40) : match.start()]
            after = sentence[match.end() : match.end() + 50]
            holder: str | None = None
            deficit = "deficit" in word
            near = before[-30:]
            owners = [] if word.startswith("fav") else list(self._country.finditer(near + " "))
            owner = owners[-1] if owners else None
            favoured = re.match(
                rf"^\s(?:of\s)?(?:the\s)?(?P<c>{_names(self.reporter)}|{_names(self.partner)})",
                after,
                re.IGNORECASE,
            )
            favour_of = re.search(
                rf"in\s(?:(?P<c1>{_names(self.reporter)}|{_names(self.partner)})['’]s\sfavou?r|"
                rf"favou?r\sof\s(?P<c2>{_names(self.reporter)}|{_names(self.partner)}))",
                after,
                re.IGNORECASE,
            )
            with_whom = re.match(
                rf"^\s(?:\S+\s){{0,2}}with\s(?P<c>{_names(self.reporter)}|{_names(self.partner)})",
                after,
                re.IGNORECASE,
            )
            if word.startswith("fav"):
                if not favoured:
                    continue
                holder, deficit = self.code(favoured.group("c")), False
            elif favour_of:
                holder = self.code(favour_of.group("c1") or favour_of.group("c2"))
                deficit = False
            elif with_whom:
                holder = self.other(self.code(with_whom.group("c")))
            elif owner and not re.search(r"\bwith\s(?:the\s)?$", near[: owner.start()]):
                holder = self.code(owner.group(0))  # "Russia's surplus", "Russia posted a surplus"
            side = None
            if holder is not None:
                favours_reporter = (holder == self.reporter) != deficit
                side = 1 if favours_reporter else -1
            sign_only = word.startswith("fav") or favour_of is not None
            if _WORLD.search(after) or re.match(r"^\s(?:\S+\s){0,2}with\sthe\sworld\b", after):
                out.append(FlowMention(match.start(), match.end(), match.group(0), "world"))
                continue
            out.append(
                FlowMention(match.start(), match.end(), match.group(0), "balance", side, sign_only)
            )
        return out


def _agent_name(agent: str) -> str:
    words = re.sub(
        r"\s(?:has|have|had|was|were|total|overall|outbound|inbound|goods|merchandise|crude|"
        r"energy)\s*$",
        "",
        agent.strip(),
        flags=re.IGNORECASE,
    )
    return re.sub(r"\s(?:has|have|had|was|were)$", "", words.strip(), flags=re.IGNORECASE)


def _clause_around(sentence: str, position: int) -> tuple[int, int]:
    """The clause holding ``position``: between semicolons, 'while', 'whereas', ', and'."""
    breaks = [m.end() for m in re.finditer(r";|,\s(?:while|whereas|and|but)\s|\swhile\s", sentence)]
    start = max([b for b in breaks if b <= position], default=0)
    end = min([b for b in breaks if b > position], default=len(sentence))
    return start, end


def _clause_tail(sentence: str, start: int) -> str:
    """The rest of the clause after start (to a semicolon or ', while' / ', and')."""
    tail = sentence[start : start + 120]
    cut = re.search(r";|,\s(?:while|whereas|and|but)\s|\swhile\s|\swhereas\s", tail)
    return tail[: cut.start()] if cut else tail
