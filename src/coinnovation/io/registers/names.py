"""Names: how people's, organisations' and sessions' names are matched and compared.

:func:`normalise_name` gives the form names are matched by. Two different normalised
names are *near-duplicates* (reported, never merged) when they have the same words in
another order, a :class:`difflib.SequenceMatcher` ratio of at least 0.9, or — when the
shorter has at most 10 characters — an edit distance of 1 (one letter added, dropped,
changed, or two neighbours swapped); but never when their numbers differ ("Ward 12" and
"Ward 13").

:func:`_search` finds them without comparing every pair. Records with one normalised name
are one group, compared once. The distinct names are indexed (:class:`_Index`) under keys
that any two alike names share, so each name is compared only with the names found under
its own keys, by the rule above:

- the same words in another order: the words, sorted;
- one edit apart (names of at most 11 characters): the name with at most one character
  dropped — one change, addition, removal or swap of neighbours leaves the two names one
  such form in common;
- a ratio of at least 0.9: :class:`~difflib.SequenceMatcher`'s ratio is 2M / T, where M
  counts the characters of its matching blocks and T those of both names, so at most
  τ = :func:`_tolerance` (T) characters are left unmatched. Cut one name into τ + 1
  pieces (:func:`_pieces`). Each unmatched character of it, and each break between two
  blocks where the other name has characters it lacks, spoils at most one piece; walking
  the pieces from the left, the count of unmatched characters before piece k, less k,
  starts at 0 or more, ends below 0 and drops by at most one a piece, so some piece k has
  exactly k before it and none in it. That piece lies whole in one block, so it is a
  substring of the other name, moved by at most k places and by at most τ - k from
  where the difference of the lengths puts it. Names are filed under their pieces and
  looked up by the substrings of the other name in those places: the partition filter
  and multi-match-aware selection of Pass-Join (Li, Deng, Wang and Feng, "Pass-Join: a
  partition-based method for similarity joins", PVLDB 5(3), 2011), here for the
  unmatched characters of difflib's ratio rather than an edit distance. A name found so
  is kept only if the letters found in one of the two names only (never matched) are at
  most τ.

Names with other numbers are never filed together. The search costs the number of
distinct names times the few look-ups of each, plus the names found under the same keys
(namesakes of a common first name, say) and the rule on the few that pass, instead of
every pair of records.

Examples:
    >>> normalise_name("Cllr. Ana  SILVA")
    'ana silva'
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Final

import attrs

from coinnovation._collector import collector_paused
from coinnovation.io.registers.results import _SAME_NAME, AlikeName, NameGroup, NearDuplicate

__all__ = ["normalise_name"]

# Near-duplicate names: a SequenceMatcher ratio at least this, or (for names of at most
# _SHORT characters) one edit apart.
_SIMILARITY: Final = 0.9
_SHORT: Final = 10
_TITLES: Final = frozenset(
    {"dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"}
    | {"sir", "dame", "rev", "revd", "reverend", "cllr", "councillor"}
)
_APOSTROPHES: Final = "'’‘`´ʼ"  # noqa: RUF001 - the apostrophes people type


def _ascii_table() -> dict[int, str | None]:
    """What :func:`normalise_name` makes of each ASCII character, as a translation table.

    "&" is read as "and", apostrophes are dropped, and every other character but letters
    and digits (punctuation, symbols, spaces, control characters) is read as a space.
    """
    table: dict[int, str | None] = {}
    for code in range(128):
        character = chr(code)
        if character == "&":
            table[code] = " and "
        elif character in _APOSTROPHES:
            table[code] = None
        elif not character.isalnum():
            table[code] = " "
    return table


_ASCII: Final = _ascii_table()


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
    if text.isascii():
        # The same for ASCII, a table look-up per character: NFKC changes nothing, case-
        # folding is lower-casing, and every character but letters and digits is punctuation,
        # a symbol, a space or a control character.
        words = text.lower().translate(_ASCII).split()
    else:
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


# -- the search: an index of the distinct names --------------------------------------------


@functools.cache
def _tolerance(total: int) -> int:
    """The most characters two names of ``total`` characters together may leave unmatched.

    Their ratio, ``2.0 * matches / total`` (difflib's own division), is at least 0.9 only
    when ``total - 2 * matches`` is at most this (-1: never).

    Examples:
        >>> _tolerance(11), _tolerance(12), _tolerance(20), _tolerance(40)
        (1, 0, 2, 4)
    """
    matches = max(0, total * 9 // 20 - 1)
    while 2.0 * matches / total < _SIMILARITY:
        matches += 1
    return total - 2 * matches


@functools.cache
def _partners(length: int) -> tuple[tuple[int, int], ...]:
    """The lengths a name of ``length`` characters may be alike to by ratio, with the tolerance.

    Two names of lengths l and m (l ≤ m) leave at least m - l characters unmatched, so only
    lengths within the tolerance of their sum count (and never with a tolerance of 0,
    which only identical names meet).
    """
    found = []
    for other in range(max(1, length // 2), 2 * length + 2):
        tolerance = _tolerance(length + other)
        if tolerance >= 1 and abs(length - other) <= tolerance:
            found.append((other, tolerance))
    return tuple(found)


@functools.cache
def _pieces(length: int, tolerance: int) -> tuple[tuple[int, int], ...]:
    """A name of ``length`` characters cut into ``tolerance + 1`` pieces: (start, size).

    The first pieces are the shorter when the length does not divide evenly (as
    Pass-Join's even partition).
    """
    count = tolerance + 1
    size, longer = divmod(length, count)
    pieces, start = [], 0
    for index in range(count):
        width = size + (1 if index >= count - longer else 0)
        pieces.append((start, width))
        start += width
    return tuple(pieces)


class _Index:
    """Distinct normalised names (with the same numbers), under the keys alike names share.

    :meth:`add` files a name; :meth:`near` returns every filed name that can be alike to a
    given one (and some that are not: the rule decides). ``masks`` are the names' sets of
    letters, one bit per letter.
    """

    def __init__(self, names: Sequence[_Name], masks: Sequence[int]) -> None:
        self.names = names
        self.masks = masks
        self.words: dict[tuple[str, ...], list[int]] = {}
        self.dropped: dict[str, list[int]] = {}
        self.pieces: dict[tuple[int, int, int, str], list[int]] = {}
        self.lengths: set[int] = set()

    @staticmethod
    def _dropped(key: str) -> set[str]:
        return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}

    def add(self, number: int) -> None:
        name = self.names[number]
        key = name.key
        self.words.setdefault(name.words, []).append(number)
        if len(key) <= _SHORT + 1:
            for form in self._dropped(key):
                self.dropped.setdefault(form, []).append(number)
        length = len(key)
        self.lengths.add(length)
        for tolerance in sorted({tolerance for _, tolerance in _partners(length)}):
            for piece, (start, size) in enumerate(_pieces(length, tolerance)):
                entry = (length, tolerance, piece, key[start : start + size])
                self.pieces.setdefault(entry, []).append(number)

    def near(self, number: int) -> set[int]:
        name = self.names[number]
        key = name.key
        found = set(self.words.get(name.words, ()))
        if len(key) <= _SHORT + 1:
            for form in self._dropped(key):
                found.update(self.dropped.get(form, ()))
        length = len(key)
        mask, masks = self.masks[number], self.masks
        for other, tolerance in _partners(length):
            if other not in self.lengths:
                continue
            shift = length - other
            for piece, (start, size) in enumerate(_pieces(other, tolerance)):
                spare = tolerance - piece
                low = max(0, start - piece, start + shift - spare)
                high = min(length - size, start + piece, start + shift + spare)
                for at in range(low, high + 1):
                    filed = self.pieces.get((other, tolerance, piece, key[at : at + size]))
                    if filed:
                        # A letter in one name only is never matched: more such letters
                        # than the tolerance rule a name out (the bound _alike tests too).
                        found.update(c for c in filed if (mask ^ masks[c]).bit_count() <= tolerance)
        return found


@attrs.frozen
class _Found:
    """What :func:`_search` found among the names of one kind (and one day, for sessions).

    ``entries`` are the records compared, (id, name as written, normalised name, rows), the
    hub's first (``existing`` of them); ``positions`` the entries of each normalised name,
    in the order the names first come; ``results`` whether two names are alike, the one
    named first given first to the matcher (only the alike); ``partners`` each name's
    alike names.
    """

    kind: str
    day: date | None
    entries: tuple[tuple[str, str, str, tuple[int, ...]], ...]
    existing: int
    positions: dict[str, list[int]]
    results: dict[tuple[str, str], tuple[float, str]]
    partners: dict[str, list[str]]

    def groups(self) -> list[NameGroup]:
        """The names to report: shared by records (one of them new), or alike to another."""
        first = {key: positions[0] for key, positions in self.positions.items()}
        groups = []
        for key, positions in self.positions.items():
            shared = len(positions) > 1 and positions[-1] >= self.existing
            partners = self.partners.get(key, ())
            if not shared and not partners:
                continue
            alike = []
            for other in sorted(
                (o for o in partners if first[o] > first[key]), key=first.__getitem__
            ):
                result = self.results.get((key, other)) or self.results[(other, key)]
                name = self.entries[first[other]][1]
                alike.append(AlikeName(other, name, *result))
            records = [self.entries[position] for position in positions]
            groups.append(
                NameGroup(
                    self.kind,
                    key,
                    tuple(record[0] for record in records),
                    tuple(record[1] for record in records),
                    tuple(record[3] for record in records),
                    tuple(alike),
                    self.day,
                )
            )
        return groups

    def pairs(self) -> list[NearDuplicate]:
        """Each new record with every earlier one of the same or an alike name, in order."""
        found = []
        same = (1.0, _SAME_NAME)
        for position in range(self.existing, len(self.entries)):
            record_id, name, key, rows = self.entries[position]
            positions = self.positions[key]
            earlier = [
                (other, same) for other in positions[: bisect.bisect_left(positions, position)]
            ]
            for partner in self.partners.get(key, ()):
                result = self.results.get((partner, key))
                if result is None:
                    continue
                others = self.positions[partner]
                earlier += [(o, result) for o in others[: bisect.bisect_left(others, position)]]
            earlier.sort(key=lambda item: item[0])
            for other, (similarity, reason) in earlier:
                other_id, other_name, _, other_rows = self.entries[other]
                found.append(
                    NearDuplicate(
                        self.kind,
                        (other_id, record_id),
                        (other_name, name),
                        (other_rows, rows),
                        similarity,
                        reason,
                        self.day,
                    )
                )
        return found


def _search(
    kind: str,
    new: Sequence[tuple[str, str, str]],
    existing: Sequence[tuple[str, str, str]],
    rows_of: Mapping[str, Sequence[int]],
    day: date | None = None,
) -> _Found:
    """Near-duplicates of new (id, name, normalised name) records, with the hub's too.

    Each new record is set against every record before it, the existing ones first.

    The records of one normalised name are grouped; two names are compared, by
    :func:`_alike`, only when the index finds one near the other and a new record comes
    after a record of the other name — once with each name first to the matcher, when
    records of each come before a new one of the other, since the ratio of difflib may
    differ with the order.
    """
    entries = tuple(
        (record_id, name, key, tuple(rows_of.get(record_id, ())))
        for record_id, name, key in (*existing, *new)
    )
    start = len(existing)
    positions: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        positions.setdefault(entry[2], []).append(position)
    keys = list(positions)
    names = [_Name.of(key) for key in keys]
    bits: dict[str, int] = {}
    masks = [
        sum(1 << bits.setdefault(letter, len(bits)) for letter in name.letters) for name in names
    ]
    last = [positions[key][-1] for key in keys]
    results: dict[tuple[str, str], tuple[float, str]] = {}
    partners: dict[str, list[str]] = {}
    by_numbers: dict[tuple[str, ...], list[int]] = {}
    for number, name in enumerate(names):
        by_numbers.setdefault(name.numbers, []).append(number)
    second = difflib.SequenceMatcher(None, "", "", autojunk=False)
    second_key = ""
    for members in by_numbers.values():
        asked = [number for number in members if last[number] >= start]
        if not asked:
            continue  # names of the hub only: never compared among themselves
        index = _Index(names, masks)
        for number in members:
            index.add(number)
        queries = set(asked)
        for number in asked:
            # Each pair once: a name both new is compared when the later comes.
            near = sorted(
                other
                for other in index.near(number)
                if other != number and (other not in queries or other < number)
            )
            if not near:
                continue
            matcher = difflib.SequenceMatcher(None, "", keys[number], autojunk=False)
            for other in near:
                # `a` is the name first named; `b` the other.
                a, b = (other, number) if other < number else (number, other)
                found = False
                for x, y in ((a, b), (b, a)):
                    first_of_x = positions[keys[x]][0]
                    if not (first_of_x < last[y] and last[y] >= start):
                        continue  # no new record of y comes after a record of x
                    if y == number:
                        result = _alike(names[x], names[y], matcher)
                    else:
                        if second_key != keys[y]:
                            second_key = keys[y]
                            second.set_seq2(second_key)
                        result = _alike(names[x], names[y], second)
                    if result is not None:
                        results[(keys[x], keys[y])] = result
                        found = True
                if found:
                    partners.setdefault(keys[a], []).append(keys[b])
                    partners.setdefault(keys[b], []).append(keys[a])
    return _Found(kind, day, entries, start, positions, results, partners)


@attrs.frozen
class _Searched:
    """The searches of one register (people, organisations, each day's sessions), in order."""

    found: tuple[_Found, ...]

    def groups(self) -> tuple[NameGroup, ...]:
        return tuple(group for found in self.found for group in found.groups())

    def near_duplicates(self) -> tuple[NearDuplicate, ...]:
        with collector_paused():
            return tuple(pair for found in self.found for pair in found.pairs())
