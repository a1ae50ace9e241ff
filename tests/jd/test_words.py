"""The part-of-speech source behind the action-verb rule: LemmInflect's lexicon, offline, not a short list."""

import pytest

from rolemap.jd.lint import lint_text
from rolemap.jd.words import action_verb, verb_forms
from tests.jd.test_lint import GOOD, TODAY


@pytest.mark.parametrize(
    "word",
    ["Make", "Design", "Builds", "Designing", "Run", "Cut", "Spearhead", "Triage", "Partner", "Architect",
     "Refactor", "Containerize", "Ensure", "Onboard", "Champion", "Deprecate"],
)  # fmt: skip
def test_action_verbs(word):
    assert action_verb(word) == (True, "")


@pytest.mark.parametrize(
    ("word", "why"),
    [("Our", "not a verb"), ("Strong", "not a verb"), ("Responsible", "not a verb"), ("Designed", "past tense"),
     ("Led", "past tense"), ("Be", "not an action"), ("Must", "not an action"), ("Experience", "not an action"),
     ("Have", "not an action")],
)  # fmt: skip
def test_not_action_verbs(word, why):
    assert action_verb(word) == (False, why)


def test_the_lexicon_is_large_and_knows_inflections():
    assert verb_forms("ran") == {"run": frozenset({"VBD"})}
    assert "VBZ" in verb_forms("deploys")["deploy"]
    assert verb_forms("architecting") == {"architect": frozenset({"VBG"})}  # a listed verb the lexicon lacks
    assert all(action_verb(w)[0] for w in ("disambiguate", "decommission", "orchestrate", "provision"))
    assert action_verb("sharding") == (True, "")


def test_make_things_fast_starts_with_an_action_verb():
    text = GOOD.replace("- Ship small changes every day.", "- Make things fast.")
    _, findings = lint_text(text, TODAY)
    assert not [f for f in findings if f.rule == "responsibility-verb"]
    worse = GOOD.replace("- Ship small changes every day.", "- Responsible for making things fast.")
    (hit,) = [f for f in lint_text(worse, TODAY)[1] if f.rule == "responsibility-verb"]
    assert hit.message == "'Responsible' is not a verb: start the duty with an action verb"
