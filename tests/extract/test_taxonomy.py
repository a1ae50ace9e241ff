import pytest

from rolemap.errors import DataError
from rolemap.extract.taxonomy import CONTRACT_LANGUAGES, SkillMatcher, load_taxonomy, parse_taxonomy


def test_bundled_taxonomy_is_valid_and_large():
    taxonomy = load_taxonomy()
    assert len(taxonomy) >= 600
    assert set(CONTRACT_LANGUAGES) <= set(taxonomy)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Bad Id\tlanguage-other\tX\t\t\t", "must be lowercase"),
        ("foo\tnot-a-category\tFoo\t\t\t", "unknown category"),
        ("foo\ttool\tFoo\t\tmissing-parent\t", "unknown parent"),
        ("foo\ttool\tFoo\t\t\tweird", "unknown flags"),
        ("foo\ttool\tFoo", "expected 6"),
    ],
)
def test_validation_names_the_problem(line, message):
    base = "\n".join(f"{lang}\tlanguage\t{lang}\t\t\t" for lang in CONTRACT_LANGUAGES)
    with pytest.raises(DataError, match=message):
        parse_taxonomy(base + "\n" + line)


def test_alias_clash_is_an_error():
    base = "\n".join(f"{lang}\tlanguage\t{lang}\t\t\t" for lang in CONTRACT_LANGUAGES)
    with pytest.raises(DataError, match="belongs to both"):
        parse_taxonomy(base + "\nfoo\ttool\tFoo\tshared\t\t\nbar\ttool\tBar\tshared\t\t")


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Postgres, K8s and Amazon Web Services", ["postgresql", "kubernetes", "aws"]),
        ("C++ and C# on .NET Core", ["cpp", "csharp", "csharp"]),
        ("Let's go to the park", []),
        ("Google Cloud", ["gcp"]),
        ("R and Python for statistics", ["r", "python", "statistics"]),
        ("ruby on rails", ["rails"]),
    ],
)
def test_matching(text, ids):
    matcher = SkillMatcher(load_taxonomy())
    assert [m.skill.id for m in matcher.find(text)] == ids
