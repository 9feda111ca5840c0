"""Words for people: no stored id reaches the reader as it is stored."""

from __future__ import annotations

from tradetui.present.wording import balance_side, event_category, flow_name, plural


def test_plurals_count_one_and_many() -> None:
    assert plural(1, "event") == "1 event"
    assert plural(0, "event") == "0 events"
    assert plural(1200, "month") == "1,200 months"
    assert plural(2, "data release event") == "2 data release events"


def test_event_categories_read_as_words() -> None:
    assert event_category("data_release") == "data release"
    assert event_category("state_visit") == "state visit"
    assert event_category("summit") == "summit"
    assert event_category(None) == ""


def test_flows_are_named_by_their_countries() -> None:
    assert flow_name("RUS->CHN") == "Russia → China"
    assert flow_name("world") == "world"


def test_the_balance_names_its_side() -> None:
    assert balance_side("Russia", 13.5) == "Russia's surplus"
    assert balance_side("China", -2.0) == "China's deficit"
    assert balance_side("Belarus", 1.0) == "Belarus' surplus"
    assert balance_side("Russia", 0.0) == "in balance"
    assert balance_side("Russia", None) == ""
