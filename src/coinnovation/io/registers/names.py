"""Names: how people's, organisations' and sessions' names are matched and compared.

:func:`normalise_name` gives the form names are matched by. Two different normalised
names are *near-duplicates* (reported, never merged) when they have the same words in
another order, a :class:`difflib.SequenceMatcher` ratio of at least 0.9, or — when the
shorter has at most 10 characters — an edit distance of 1 (one letter added, dropped,
changed, or two neighbours swapped); but never when their numbers differ ("Ward 12" and
"Ward 13"). :func:`_alike_pairs` compares each new name with every other, and beyond a
million pairs only with names that share a block (:func:`_blocks`).

Examples:
    >>> normalise_name("Cllr. Ana  SILVA")
    'ana silva'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Final

import attrs

from coinnovation.io.registers.results import NearDuplicate

__all__ = ["normalise_name"]

# Near-duplicate names: a SequenceMatcher ratio at least this, or (for names of at most
# _SHORT characters) one edit apart.
# Near-duplicate names: a SequenceMatcher ratio at least this, or (for names of at most
# _SHORT characters) one edit apart.
_SIMILARITY: Final = 0.9
_SHORT: Final = 10
# Up to this many pairs, every new name is compared with every other; beyond, only names
# that share a block (see _blocks) are.
_EXHAUSTIVE: Final = 1_000_000
_TITLES: Final = frozenset(
    {"dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"}
    | {"sir", "dame", "rev", "revd", "reverend", "cllr", "councillor"}
)
_APOSTROPHES: Final = "'’‘`´ʼ"  # noqa: RUF001 - the apostrophes people type


def normalise_name(text: str, *, titles: bool = True) -> str:
    """A name as compared when matching: the same for spellings that mean the same.

    Unicode NFKC, case-folded, ``&`` read as "and", apostrophes dropped, other punctuation
    and symbols read as spaces, white space collapsed, and (with ``titles``) leading titles
    removed: Dr, Mr, Mrs, Ms, Miss, Mx, Prof, Sir, Dame, Rev, Cllr and their long forms.

    Args:
        text: The name as written.
        titles: Remove leading titles (for people's names).

    Returns:
        The normalised name (empty when the text has no letters or digits).

    Examples:
        >>> normalise_name("  Dr. Ana   SILVA ")
        'ana silva'
        >>> normalise_name("O’Brien & Sons Ltd.", titles=False)
        'obrien and sons ltd'
    """
    folded = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    characters = []
    for character in folded:
        if character in _APOSTROPHES:
            continue
        category = unicodedata.category(character)
        characters.append(" " if category[0] in "PSZC" else character)
    words = "".join(characters).split()
    if titles:
        while len(words) > 1 and words[0] in _TITLES:
            words.pop(0)
    return " ".join(words)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one insertion, deletion, substitution or swap of neighbours turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return True
    return (
        start + 1 < len(a)
        and a[start] == b[start + 1]
        and a[start + 1] == b[start]
        and a[start + 2 :] == b[start + 2 :]
    )


def _blocks(key: str) -> set[str]:
    """The keys under which a normalised name is indexed for near-duplicate search.

    Two names are compared only when they share one: a word; the first or last three
    letters of a word, or of the whole name without its spaces; or, for short names, the
    name with at most one letter dropped (names one edit apart always share one).
    """
    blocks: set[str] = set()
    for word in key.split():
        blocks.update(("w:" + word, "p:" + word[:3], "s:" + word[-3:]))
    joined = key.replace(" ", "")
    blocks.update(("p:" + joined[:3], "s:" + joined[-3:]))
    if len(key) <= _SHORT + 1:
        blocks.add("d:" + key)
        blocks.update("d:" + key[:i] + key[i + 1 :] for i in range(len(key)))
    return blocks


@attrs.frozen
class _Name:
    """A normalised name with what the near-duplicate tests need, computed once."""

    key: str
    letters: frozenset[str]
    numbers: tuple[str, ...]
    words: tuple[str, ...]

    @classmethod
    def of(cls, key: str) -> _Name:
        return cls(key, frozenset(key), tuple(re.findall(r"\d+", key)), tuple(sorted(key.split())))


def _alike(a: _Name, b: _Name, matcher: difflib.SequenceMatcher[str]) -> tuple[float, str] | None:
    """Whether two different normalised names look alike: (ratio, reason) or None.

    ``matcher`` has ``b.key`` as its second sequence (set once for many ``a``).
    """
    if a.numbers != b.numbers:
        return None  # "Ward 12" and "Ward 13", "Workshop 1" and "Workshop 2"
    shorter, longer = sorted((len(a.key), len(b.key)))
    close = longer - shorter <= 1 and shorter <= _SHORT
    if a.words == b.words:
        matcher.set_seq1(a.key)
        return round(matcher.ratio(), 3), "the same words in another order"
    # Upper bounds of the ratio, 2 * matches / total: the shorter name matched whole, and
    # every letter found in one name only left unmatched (divisions as difflib's own).
    total = shorter + longer
    similar = (
        2 * shorter / total >= _SIMILARITY
        and (total - len(a.letters ^ b.letters)) / total >= _SIMILARITY
    )
    if similar:
        matcher.set_seq1(a.key)
        if matcher.quick_ratio() >= _SIMILARITY:
            ratio = matcher.ratio()
            if ratio >= _SIMILARITY:
                return round(ratio, 3), "similar spelling"
    if close and _one_edit_apart(a.key, b.key):
        matcher.set_seq1(a.key)
        return round(matcher.ratio(), 3), "one letter apart"
    return None


def _alike_pairs(
    kind: str,
    new: Sequence[tuple[str, str, str]],
    existing: Sequence[tuple[str, str, str]],
    rows_of: Mapping[str, Sequence[int]],
    day: date | None = None,
) -> list[NearDuplicate]:
    """Each new (id, name, normalised name) against those before it and the existing."""
    found: list[NearDuplicate] = []
    entries = [*existing, *new]
    names = [_Name.of(key) for _, _, key in entries]
    exhaustive = len(new) * len(entries) <= _EXHAUSTIVE
    index: dict[str, list[int]] = {}
    for position, (_, _, key) in enumerate(existing):
        for block in _blocks(key):
            index.setdefault(block, []).append(position)
    for position in range(len(existing), len(entries)):
        record_id, name, key = entries[position]
        blocks = _blocks(key)
        if exhaustive:
            candidates: Iterable[int] = range(position)
        else:
            candidates = sorted({o for block in blocks for o in index.get(block, ())})
        matcher = difflib.SequenceMatcher(None, "", key, autojunk=False)
        for other in candidates:
            other_id, other_name, other_key = entries[other]
            if key == other_key:
                result: tuple[float, str] | None = (1.0, "the same name, different ids")
            else:
                result = _alike(names[other], names[position], matcher)
            if result is None:
                continue
            similarity, reason = result
            found.append(
                NearDuplicate(
                    kind,
                    (other_id, record_id),
                    (other_name, name),
                    (
                        tuple(rows_of.get(other_id, ())),
                        tuple(rows_of.get(record_id, ())),
                    ),
                    similarity,
                    reason,
                    day,
                )
            )
        for block in blocks:
            index.setdefault(block, []).append(position)
    return found
