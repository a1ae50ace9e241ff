"""English words, by lemminflect's lexicon: whether a word is one, and as what part of speech. The company
readers use it to tell a brand from a sentence's words, the role readers a trade's title from a product's; with
wordfreq's counts, the skill matcher a name glued into a longer one from a board's glued lines."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """The word's lemmas by part of speech, from lemminflect's English lexicon ({} for no English word)."""
    from lemminflect import getAllLemmas  # loaded on first use: its lexicon takes 0.2 s to read

    return dict(getAllLemmas(word))


def english_word(word: str, mixed: bool = False) -> bool:
    """A word of the English lexicon, unless written in capitals as a brand is beside words that are not
    (`mixed`: "HEAT Software")."""
    bare = word.strip(".,&")
    return bool(lemmas(bare.lower())) and not (mixed and len(bare) > 2 and bare.isupper())


# How often a word must be written to be one of English's joining words (wordfreq's Zipf scale: 6 is once in
# a million words): "for" 7.0, "of" 7.4, "with" 6.9; no technology's name is written that often
COMMONEST = 6.0


@lru_cache(maxsize=4096)
def joining_word(word: str) -> bool:
    """One of the words English writes most ("for", "of", "and", "the"), which lemminflect's lexicon of
    nouns, verbs, adjectives and adverbs leaves out."""
    from wordfreq import zipf_frequency  # loaded on first use

    return zipf_frequency(word, "en") >= COMMONEST


@lru_cache(maxsize=4096)
def written_word(word: str) -> bool:
    """A word people write, however seldom: wordfreq knows it ("blackrock", "gopro"; not two words a board
    glued together, "windowsknowledge")."""
    from wordfreq import zipf_frequency  # loaded on first use

    return zipf_frequency(word, "en") > 0
