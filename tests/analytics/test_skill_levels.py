"""Top skills as named or rolled up to their parent; the required share and the profile count only the
skills a posting asks for."""

from __future__ import annotations

import pytest

from rolemap.analytics.lane import Lane
from rolemap.analytics.market import market, profile
from rolemap.analytics.skill_levels import rolled_up_id, skill_pairs_at
from rolemap.errors import InputError
from tests.analytics.frames import make_frame

# skill: "id" (asked, required), ("id", required) or ("id", required, asked)
ROWS = [
    {"skill": ["rhel", "centos", ("redis", False, False)]},
    {"skill": ["ubuntu", ("redis", False, False)]},
    {"skill": ["linux", ("redis", True)]},
    {"skill": [("kafka", False), ("redis", False, False)]},
]


@pytest.mark.parametrize(
    ("skill", "top"),
    [
        ("rhel", "linux"),
        ("linux", "linux"),
        ("spring-boot", "spring"),
        ("asp-net-mvc", "asp-net"),  # asp-net's parent is csharp, a language: the languages table has it
        ("django", "django"),  # its parent, python, is a language
        ("no-such-skill", "no-such-skill"),
    ],
)
def test_rolled_up_id(skill, top):
    assert rolled_up_id(skill) == top


def test_a_posting_naming_two_children_counts_once_for_the_parent():
    frame = make_frame(ROWS)
    named = {s.name: s.count for s in market(frame, Lane()).skills}
    assert named["rhel"] == 1 and named["ubuntu"] == 1 and named["linux"] == 1 and "linux" in named
    parent = {s.name: s for s in market(frame, Lane(), skills_level="parent").skills}
    assert parent["linux"].count == 3 and parent["linux"].required == 3
    assert "rhel" not in parent and "centos" not in parent
    assert market(frame, Lane(), skills_level="parent").skills_level == "parent"


def test_rolled_up_pairs_are_asked_when_any_child_is():
    frame = make_frame([{"skill": [("rhel", False, False), "centos"]}, {"skill": [("ubuntu", False, False)]}])
    pairs = skill_pairs_at(frame.pairs["skill"], "parent")
    assert pairs.vocab == ["linux"] and pairs.row.tolist() == [0, 1]
    assert pairs.asked.tolist() == [True, False] and pairs.required.tolist() == [True, False]


def test_an_unknown_level_is_refused():
    with pytest.raises(InputError, match="named, parent"):
        market(make_frame(ROWS), Lane(), skills_level="grandparent")


def test_the_required_share_counts_only_asked_skills():
    redis = next(s for s in market(make_frame(ROWS), Lane()).skills if s.name == "redis")
    assert (redis.count, redis.asked, redis.required) == (4, 1, 1)


def test_a_skill_mostly_in_the_stack_is_neither_must_have_nor_nice_to_have():
    rows = [
        {"skill": ["docker", ("redis", False, False)]},
        {"skill": ["docker", ("redis", False, False), ("kafka", False)]},
        {"skill": [("redis", True), ("kafka", False)]},
        {"skill": ["docker"]},
    ]
    p = profile(make_frame(rows), Lane(), min_share=0.5)
    assert [(s.name, s.count) for s in p.must_have] == [("docker", 3)]
    assert [(s.name, s.count, s.required) for s in p.nice_to_have] == [("kafka", 2, 0)]
    assert [(s.name, s.count, s.asked) for s in p.in_stack] == [("redis", 3, 1)]
