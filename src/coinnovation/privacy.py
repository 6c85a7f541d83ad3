"""Privacy: who may be named in what a hub shares, and stable pseudonyms for the rest.

People carry a :class:`~coinnovation.models.Consent`: ``named``, ``pseudonymous`` (the
default) or ``excluded``. Everything that leaves the hub and shows people — graph files,
tables, the report, the JSON and text of every command — goes through one
:class:`Privacy` policy:

- named people keep their name and id;
- pseudonymous people get a pseudonym, ``"Person 4KQ7-2MXA"``: a keyed hash (HMAC-SHA-256)
  of their id with the hub's secret, so it is the same in every export of the hub, differs
  between hubs, and cannot be turned back into the id without the secret. It stands for
  their name and for their id, which may be a name in disguise (``p-ana-silva``);
- excluded people are left out — their rows, nodes, ids and names — while totals computed
  from the whole hub (how many took part, the weight of organisation ties) stay right.

The policy has one method per shape of output, so that no output needs rules of its own:
:meth:`Privacy.text` for free text (descriptions, notes, explanations),
:meth:`Privacy.data` for JSON-ready data (dictionaries, lists, text),
:meth:`Privacy.graph` for networkx graphs (nodes, and node, edge and graph attributes),
:meth:`Privacy.node_table` for tables of node measures, and :meth:`Privacy.name` and
:meth:`Privacy.label` for one person.

The secret is a random key kept beside the hub, never inside what is shared:
:func:`new_secret` makes one, :func:`read_secret` reads (or first creates) a secret file,
and a store keeps its own. :meth:`Privacy.for_hub` is the one way to get a hub's policy
from wherever its secret is kept — given, in a file, in ``$COINNOVATION_SECRET``, in a
store, or beside the hub file — and the only place the library reads the environment.

Every output that shows people takes the policy as ``privacy: Privacy | None``. What
``None`` (no policy given) means depends on what the output is for, and is the same for
every output of a kind:

- outputs for your own analysis — graphs and graph files
  (:func:`~coinnovation.export.graphs.write_graph`), hypergraphs
  (:func:`~coinnovation.export.hypergraph.hif_data`,
  :func:`~coinnovation.export.hypergraph.write_hif`,
  :func:`~coinnovation.export.hypergraph.session_hypergraph`), DataFrames
  (:func:`~coinnovation.export.frames.to_frames`) and exported tables written as they are
  (:func:`~coinnovation.export.exports.write_export`): no policy, people as recorded — for
  internal use only, never to share;
- outputs made to be shared — the export tables
  (:func:`~coinnovation.export.exports.export_rows`,
  :func:`~coinnovation.export.exports.export_table`) and the report
  (:func:`~coinnovation.report.html.report_html`,
  :func:`~coinnovation.report.markdown.report_markdown`,
  :func:`~coinnovation.report.document.write_report`): a policy without a secret
  (:meth:`Privacy.from_options`) — named people are shown, excluded people left out, and a
  :class:`~coinnovation.errors.PrivacyError` is raised as soon as someone would need a
  pseudonym.

Results that show people offer a method instead (:meth:`HeartReport.shared
<coinnovation.heart.report.HeartReport.shared>`); anything else with a ``to_dict()`` or an
``explain()`` goes through :meth:`Privacy.data` and :meth:`Privacy.text`.

Examples:
    >>> from coinnovation.models import Hub, Person
    >>> hub = Hub(people=(Person(id="p-ana", name="Ana Silva", consent="named"),
    ...                   Person(id="p-ben", name="Ben Okafor"),
    ...                   Person(id="p-cy", name="Cy Ward", consent="excluded")),
    ...           description="Ana Silva, Ben Okafor (p-ben) and Cy Ward met.")
    >>> policy = Privacy(hub, secret=b"0123456789abcdef0123456789abcdef")
    >>> policy.name("p-ana"), policy.name("p-ben"), policy.name("p-cy")
    ('Ana Silva', 'Person 8Y0E-NX3M', None)
    >>> policy.text(hub.description)
    'Ana Silva, Person 8Y0E-NX3M (Person 8Y0E-NX3M) and (not shown) met.'
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import warnings
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from coinnovation.errors import PrivacyError
from coinnovation.models import Consent, Hub
from coinnovation.results import NodeTable

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "HIDDEN",
    "SECRET_ENV",
    "Privacy",
    "PrivacyError",
    "SecretKeeper",
    "new_secret",
    "pseudonym",
    "read_secret",
]

SECRET_ENV = "COINNOVATION_SECRET"
"""The environment variable :meth:`Privacy.for_hub` and :func:`read_secret` read a secret
from (hex or text)."""

_G = TypeVar("_G", bound="nx.Graph[Any]")

_MIN_SECRET = 16
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
#: Two digits of a code for each 10-bit number: the lower 5 bits' digit first.
_PAIRS = tuple(_ALPHABET[n & 31] + _ALPHABET[n >> 5] for n in range(1024))


def _key(secret: bytes | str) -> bytes:
    key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if len(key) < _MIN_SECRET:
        raise PrivacyError(
            f"a secret needs at least {_MIN_SECRET} bytes, this one has {len(key)}: "
            "make one with coinnovation.privacy.new_secret()"
        )
    return key


def pseudonym(person: str, secret: bytes | str, *, prefix: str = "Person") -> str:
    """The pseudonym of a person: a keyed hash of their id, readable and stable.

    Formula: the first 40 bits of HMAC-SHA-256(secret, id), written as eight characters of
    Crockford's base 32 in two groups. Two people share a pseudonym with probability
    about n² / 2⁴¹ (one in 20,000 for a hub of 10,000 people); :class:`Privacy` adds
    characters when two people of a hub would collide.

    Args:
        person: The person's id.
        secret: The hub's secret (at least 16 bytes).
        prefix: The word before the code.

    Returns:
        The pseudonym, such as ``"Person 8Y0E-NX3M"``.

    Raises:
        PrivacyError: The secret is shorter than 16 bytes.

    Examples:
        >>> pseudonym("p-ben", b"0123456789abcdef0123456789abcdef")
        'Person 8Y0E-NX3M'
        >>> pseudonym("p-ben", b"another secret, another hub") == _
        False
    """
    return f"{prefix} {_code(person, _key(secret), 8)}"


def _code(person: str, key: bytes, length: int) -> str:
    """``length`` characters of the person's HMAC-SHA256, lowest 5-bit digit first, in 4s.

    The digits are read two at a time (10 bits, one look-up in :data:`_PAIRS`), which
    gives the same code as reading them one by one, at a third of the cost: a hub of a
    million participations has hundreds of thousands of people to name.
    """
    digest = hmac.digest(key, person.encode("utf-8"), "sha256")
    number = int.from_bytes(digest, "big")
    pairs = []
    for _ in range(0, length, 2):
        pairs.append(_PAIRS[number & 1023])
        number >>= 10
    code = "".join(pairs)
    return "-".join(code[i : i + 4] for i in range(0, length, 4))


def new_secret() -> bytes:
    """A new random secret: 32 bytes from the operating system's generator.

    Examples:
        >>> len(new_secret()), new_secret() != new_secret()
        (32, True)
    """
    return secrets.token_bytes(32)


def read_secret(
    path: str | os.PathLike[str] | None = None, *, create: bool = True, env: bool = True
) -> bytes:
    """Read a hub's secret: from the environment, else from a file, made on first use.

    With ``env``, ``COINNOVATION_SECRET`` wins when set (its text, or the bytes it spells
    in hex). Else the file at ``path`` is read (its text, hex-decoded when it is hex);
    when it does not exist and ``create`` is true, a new secret is written there, readable
    by its owner only. Keep the file beside the hub and out of whatever you share.

    Args:
        path: The secret file, such as ``hub.json.secret``; ``None`` to use the
            environment only.
        create: Whether to create the file when it is missing.
        env: Whether the environment variable may supply the secret (``False`` when the
            user named a file explicitly: the file then wins).

    Returns:
        The secret.

    Raises:
        PrivacyError: No secret can be found, or it is shorter than 16 bytes.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> first = read_secret(folder / "hub.json.secret")
        >>> read_secret(folder / "hub.json.secret") == first
        True
    """
    from_env = os.environ.get(SECRET_ENV) if env else None
    if from_env:
        return _key(_decoded(from_env))
    if path is None:
        raise PrivacyError(f"no secret: set {SECRET_ENV} or give a secret file")
    file = Path(path)
    if file.exists():
        try:
            text = _read_small(file).decode("utf-8").strip()
        except UnicodeDecodeError:
            raise PrivacyError(f"{file}: not a text file") from None
        except OSError as error:
            raise PrivacyError(f"{file}: cannot read the secret ({error.strerror})") from None
        return _key(_decoded(text))
    if not create:
        raise PrivacyError(f"{file}: no such secret file")
    secret = new_secret()
    descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret.hex() + "\n")
    return secret


#: Fields of JSON-ready data that hold free text, never a reference to a person.
_FREE_TEXT = frozenset(
    {"name", "title", "description", "note", "notes", "text", "label", "reason", "message"}
)

#: The longest secret file read: a secret is a line of hex, far shorter.
_MAX_SECRET_FILE = 4096


def _read_small(file: Path) -> bytes:
    """A secret file's bytes; a device, a folder or a file too long for a secret is refused."""
    if not file.is_file():
        raise PrivacyError(f"{file}: not a regular file, so not a secret file")
    with file.open("rb") as stream:
        content = stream.read(_MAX_SECRET_FILE + 1)
    if len(content) > _MAX_SECRET_FILE:
        raise PrivacyError(f"{file}: over {_MAX_SECRET_FILE:,} bytes, too long for a secret file")
    return content


def _decoded(text: str) -> bytes:
    try:
        if len(text) % 2 == 0 and len(text) >= 2 * _MIN_SECRET:
            return bytes.fromhex(text)
    except ValueError:
        pass
    return text.encode("utf-8")


class SecretKeeper(Protocol):
    """Anything that keeps a hub's secret: what :meth:`Privacy.for_hub` takes as ``store=``.

    An open :class:`~coinnovation.io.Store` is one (:meth:`Store.secret
    <coinnovation.io.store.Store.secret>`); so is any object with a ``secret()`` method
    returning the secret's bytes, which :meth:`Privacy.for_hub` calls when a pseudonym is
    first needed.

    Examples:
        >>> from coinnovation.models import Hub, Person
        >>> class Vault:
        ...     def secret(self) -> bytes:
        ...         return b"0123456789abcdef0123456789abcdef"
        >>> hub = Hub(people=(Person(id="p-ben", name="Ben Okafor"),))
        >>> Privacy.for_hub(hub, store=Vault(), env=False).name("p-ben")
        'Person 8Y0E-NX3M'
    """

    def secret(self) -> bytes:
        """The hub's secret.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.io import Store
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     with Store.sqlite(pathlib.Path(folder) / "hub.db") as store:
            ...         len(store.secret())
            32
        """
        ...  # pragma: no cover - a protocol


def _naming(place: str, error: PrivacyError | str, spelled: str | None = None) -> str:
    """An error's message naming ``place`` once, at its start (as the user spelled it)."""
    text = str(error)
    if spelled is not None and text.startswith(f"{spelled}: "):
        text = text[len(spelled) + 2 :]
    return text if text.startswith(f"{place}: ") else f"{place}: {text}"


def _read_named(place: str) -> bytes:
    """A secret file named by the caller: it must exist, and is read at once."""
    path = Path(place)
    if not path.exists():
        raise PrivacyError(f"{place}: no such secret file")
    try:
        return read_secret(path, create=False, env=False)
    except PrivacyError as error:
        raise PrivacyError(_naming(place, error, str(path))) from None


class _Finder:
    """The secret :meth:`Privacy.for_hub` looks for when a pseudonym is first needed."""

    def __init__(
        self,
        *,
        store: SecretKeeper | None,
        hub_file: str | None,
        env: bool,
        create: bool,
        on_create: Callable[[Path], object] | None,
    ) -> None:
        self.store = store
        self.hub_file = hub_file
        self.env = env
        self.create = create
        self.on_create = on_create

    def __call__(self) -> bytes:
        if self.env:
            given = os.environ.get(SECRET_ENV)
            if given:
                try:
                    return _key(_decoded(given))
                except PrivacyError as error:
                    raise PrivacyError(_naming(f"${SECRET_ENV}", error)) from None
        if self.store is not None:
            return _key(self.store.secret())
        if self.hub_file is not None:
            return self._beside(Path(f"{self.hub_file}.secret"))
        where = f"set ${SECRET_ENV}, or " if self.env else ""
        raise PrivacyError(
            "no secret to make pseudonyms with: give Privacy.for_hub a secret=, a "
            f"secret_file=, a store= or the hub's file (hub_file=), or {where}pass "
            "privacy= a policy that has one"
        )

    def _beside(self, path: Path) -> bytes:
        existed = path.exists()
        if not existed and not self.create:
            raise PrivacyError(f"{path}: no such secret file")
        try:
            secret = read_secret(path, create=self.create, env=False)
        except PrivacyError as error:
            raise PrivacyError(_naming(str(path), error)) from None
        except OSError as error:
            reason = error.strerror or str(error)
            raise PrivacyError(f"{path}: cannot make the secret ({reason})") from None
        if not existed and self.on_create is not None:
            self.on_create(path)
        return secret


def _without_secret(output: str) -> Callable[[], bytes]:
    """The secret of a policy that has none: an error, when a pseudonym is first needed."""

    def missing() -> bytes:
        raise PrivacyError(
            f"{output} would show someone under a pseudonym, which needs the hub's secret: "
            "pass privacy=Privacy.for_hub(hub, ...) (see coinnovation.privacy)"
        )

    return missing


#: What :meth:`Privacy.text` writes where it leaves out a person who asked to be left out.
HIDDEN = "(not shown)"

# A mention is a whole token: not preceded or followed by a letter, digit, "_" or "-" (ids
# are made of such characters, so "p-ben" is not found inside "p-ben-2" or "xp-ben").
_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-])"
_TRIE_LIMIT = 64  # longer words are matched as plain alternatives (bounded nesting)
_CACHE = 1 << 16  # strings remembered by Privacy.data


def _spelling(text: str) -> str:
    """A name or id as :meth:`Privacy.text` compares them: spaces collapsed, lower case."""
    return " ".join(text.split()).lower()


def _alternation(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, as a trie so that matching stays fast.

    A space in a word matches any run of white space. Built without recursion: words of
    more than :data:`_TRIE_LIMIT` characters are plain alternatives after the trie.
    """
    root: dict[str, Any] = {}
    long: list[str] = []
    for word in words:
        if len(word) > _TRIE_LIMIT:
            long.append(word)
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def atom(char: str) -> str:
        return r"\s+" if char == " " else re.escape(char)

    built: dict[int, str] = {}
    stack: list[tuple[dict[str, Any], bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        children = [(char, child) for char, child in node.items() if char]
        if not ready:
            stack.append((node, True))
            stack.extend((child, False) for _, child in children)
            continue
        branches = [atom(char) + built.pop(id(child)) for char, child in children]
        if not branches:
            body = ""
        elif len(branches) == 1:
            body = branches[0]
        else:
            body = "(?:" + "|".join(branches) + ")"
        if "" in node and body:
            body = f"(?:{body})?"
        built[id(node)] = body
    trie = built.pop(id(root))
    plain = [" ".join(atom(char) for char in word).replace(" ", "") for word in long]
    alternatives = [part for part in (*sorted(plain, key=len, reverse=True), trie) if part]
    return "|".join(alternatives)


class Privacy:
    """The privacy policy of one hub: a name, a pseudonym or nothing for each person.

    Get a hub's policy with :meth:`for_hub`, which finds the secret wherever it is kept;
    the constructor takes the secret itself.

    Args:
        hub: The hub (for each person's consent and name, and the participations and
            memberships that are about one person).
        secret: The hub's secret (see :func:`read_secret`), or a function that returns
            it: the function is called the first time a pseudonym is needed, so an output
            that shows nobody under a pseudonym needs no secret.
        prefix: The word pseudonyms start with.

    Raises:
        PrivacyError: The secret is shorter than 16 bytes (when it is first used, for a
            function).

    Examples:
        >>> from coinnovation.models import Hub, Person
        >>> hub = Hub(people=(Person(id="p-1", name="Ana", consent="excluded"),))
        >>> Privacy(hub, secret="a secret of sixteen+ characters").visible("p-1")
        False
    """

    def __init__(
        self,
        hub: Hub,
        secret: bytes | str | Callable[[], bytes | str],
        *,
        prefix: str = "Person",
    ) -> None:
        self._source = secret if callable(secret) else None
        self._secret_key = None if callable(secret) else _key(secret)
        self.prefix = prefix
        self._consent = {person.id: person.consent for person in hub.people}
        self._names = {person.id: person.name for person in hub.people}
        self._pseudonyms: dict[str, str] | None = None
        self._hub = hub
        self._records: set[str] | None = None
        self._pattern: re.Pattern[str] | None = None
        self._mentioned: dict[str, tuple[str, ...]] = {}
        self._cache: dict[str, str | None] = {}

    @classmethod
    def for_hub(
        cls,
        hub: Hub,
        *,
        secret: bytes | str | None = None,
        secret_file: str | os.PathLike[str] | None = None,
        store: SecretKeeper | None = None,
        hub_file: str | os.PathLike[str] | None = None,
        env: bool = True,
        create: bool = True,
        on_create: Callable[[Path], object] | None = None,
        prefix: str = "Person",
    ) -> Privacy:
        """The hub's privacy policy, its secret found where it is kept: the one way to get one.

        The secret is the first of:

        1. ``secret``, given;
        2. ``secret_file``, a file that must exist, read at once (so a wrong one is an
           error at once, whatever the output);
        3. ``$COINNOVATION_SECRET`` (:data:`SECRET_ENV`, text or hex), when ``env``;
        4. the secret ``store`` keeps (:meth:`Store.secret
           <coinnovation.io.store.Store.secret>`);
        5. the file ``HUB_FILE.secret`` beside ``hub_file`` (``hub.json.secret`` for
           ``hub.json``), made when it is missing and ``create`` is true — 32 random
           bytes, readable by its owner only — after which ``on_create`` is called with
           its path (the command line prints a note).

        The last three are looked for only when a pseudonym is first needed, so an output
        that shows nobody under a pseudonym needs (and makes) no secret; when none gives
        one, that is a :class:`~coinnovation.errors.PrivacyError` naming what to pass.
        This is the only place the library reads the environment.

        Args:
            hub: The hub.
            secret: The hub's secret (at least 16 bytes).
            secret_file: A secret file to read (it must exist).
            store: Where the hub is kept: a :class:`SecretKeeper` (anything with a
                ``secret()`` method), such as an open :class:`~coinnovation.io.Store`.
            hub_file: The file the hub was read from, for the secret kept beside it.
            env: Whether ``$COINNOVATION_SECRET`` may give the secret.
            create: Whether to make the secret file beside ``hub_file`` when missing.
            on_create: Called with the path of a secret file just made.
            prefix: The word pseudonyms start with.

        Returns:
            The policy.

        Raises:
            PrivacyError: ``secret`` or the secret file is shorter than 16 bytes, or the
                file is missing or unreadable; the others, when first needed.

        Examples:
            >>> import tempfile, pathlib
            >>> from coinnovation.models import Hub, Person
            >>> hub = Hub(people=(Person(id="p-ben", name="Ben Okafor"),))
            >>> Privacy.for_hub(hub, secret=b"0123456789abcdef0123456789abcdef").name("p-ben")
            'Person 8Y0E-NX3M'
            >>> folder = pathlib.Path(tempfile.mkdtemp())
            >>> policy = Privacy.for_hub(hub, hub_file=folder / "hub.json", env=False,
            ...                          on_create=lambda path: print("made", path.name))
            >>> (folder / "hub.json.secret").exists()  # not yet: nobody needed a pseudonym
            False
            >>> policy.name("p-ben").startswith("Person ")
            made hub.json.secret
            True
            >>> Privacy.for_hub(hub, env=False).name("p-ben")
            Traceback (most recent call last):
            ...
            coinnovation.errors.PrivacyError: no secret to make pseudonyms with: give Privacy.for_hub a secret=, a secret_file=, a store= or the hub's file (hub_file=), or pass privacy= a policy that has one
        """
        if secret is not None:
            return cls(hub, secret, prefix=prefix)
        if secret_file is not None:
            return cls(hub, _read_named(os.fspath(secret_file)), prefix=prefix)
        finder = _Finder(
            store=store,
            hub_file=None if hub_file is None else os.fspath(hub_file),
            env=env,
            create=create,
            on_create=on_create,
        )
        return cls(hub, finder, prefix=prefix)

    @classmethod
    def from_options(
        cls,
        hub: Hub,
        privacy: Privacy | None = None,
        *,
        secret: bytes | str | None = None,
        output: str = "this output",
    ) -> Privacy:
        """The policy an output made to be shared applies, from what it was given.

        For the functions that take ``privacy=`` and the deprecated ``secret=``: the
        policy given; else one made from ``secret`` (with a ``DeprecationWarning``: make
        the policy with :meth:`for_hub`); else a policy without a secret, which shows
        named people, leaves excluded people out and raises
        :class:`~coinnovation.errors.PrivacyError` when someone would need a pseudonym.

        Args:
            hub: The hub the output is about.
            privacy: The policy given, if any.
            secret: The secret given instead (deprecated).
            output: What the output is, for the error (``"the report"``).

        Returns:
            The policy to apply.

        Raises:
            TypeError: Both ``privacy`` and ``secret`` are given, or ``privacy`` is not a
                :class:`Privacy`.

        Examples:
            >>> from coinnovation.models import Hub, Person
            >>> hub = Hub(people=(Person(id="p-1", name="Ana", consent="named"),
            ...                   Person(id="p-2", name="Ben")))
            >>> policy = Privacy.from_options(hub, output="the report")
            >>> policy.name("p-1")
            'Ana'
            >>> policy.name("p-2")
            Traceback (most recent call last):
            ...
            coinnovation.errors.PrivacyError: the report would show someone under a pseudonym, which needs the hub's secret: pass privacy=Privacy.for_hub(hub, ...) (see coinnovation.privacy)
            >>> Privacy.from_options(hub, policy) is policy
            True
        """
        if secret is not None:
            if privacy is not None:
                raise TypeError("give privacy= or secret=, not both")
            warnings.warn(
                "secret= is deprecated: pass privacy=Privacy.for_hub(hub, secret=...), the "
                "one way to make a hub's privacy policy",
                DeprecationWarning,
                stacklevel=3,
            )
            return cls(hub, secret)
        if privacy is None:
            return cls(hub, _without_secret(output))
        if not isinstance(privacy, Privacy):
            raise TypeError(f"privacy must be a Privacy, not {type(privacy).__name__}")
        return privacy

    @property
    def _key(self) -> bytes:
        if self._secret_key is None:
            assert self._source is not None  # one of the two is always set
            self._secret_key = _key(self._source())
        return self._secret_key

    def _assign(self, people: Iterable[str]) -> dict[str, str]:
        """Pseudonyms for these people, longer for any two that would collide."""
        listed = list(people)
        length = 8
        while True:
            codes = {person: _code(person, self._key, length) for person in listed}
            if len(set(codes.values())) == len(codes) or length >= 48:
                return {person: f"{self.prefix} {code}" for person, code in codes.items()}
            length += 4

    def _assigned(self) -> dict[str, str]:
        """The pseudonyms of the hub's pseudonymous people, made on first use."""
        if self._pseudonyms is None:
            self._pseudonyms = self._assign(
                who for who, given in self._consent.items() if given is Consent.PSEUDONYMOUS
            )
        return self._pseudonyms

    def is_person(self, record: str) -> bool:
        """Whether the hub holds a person with this id.

        Examples:
            >>> from coinnovation.models import Hub, Person
            >>> policy = Privacy(Hub(people=(Person(id="p-1", name="Ana"),)), "sixteen characters!")
            >>> policy.is_person("p-1"), policy.is_person("o-1")
            (True, False)
        """
        return record in self._consent

    def consent(self, person: str) -> Consent:
        """A person's consent (``pseudonymous`` for an id the hub does not hold).

        Examples:
            >>> from coinnovation.models import Hub
            >>> Privacy(Hub(), secret="sixteen characters!").consent("p-x").value
            'pseudonymous'
        """
        return self._consent.get(person, Consent.PSEUDONYMOUS)

    def visible(self, person: str) -> bool:
        """Whether the person may appear at all (named or under a pseudonym).

        Examples:
            >>> from coinnovation.models import Hub
            >>> Privacy(Hub(), secret="sixteen characters!").visible("p-x")
            True
        """
        return self.consent(person) is not Consent.EXCLUDED

    def name(self, person: str) -> str | None:
        """What to call a person in shared output: their name, a pseudonym, or ``None``.

        Examples:
            >>> from coinnovation.models import Hub, Person
            >>> hub = Hub(people=(Person(id="p-1", name="Ana", consent="named"),))
            >>> Privacy(hub, secret="sixteen characters!").name("p-1")
            'Ana'
        """
        consent = self.consent(person)
        if consent is Consent.EXCLUDED:
            return None
        if consent is Consent.NAMED and person in self._names:
            return self._names[person]
        assigned = self._assigned()
        found = assigned.get(person)
        if found is None:
            found = assigned[person] = f"{self.prefix} {_code(person, self._key, 8)}"
        return found

    def label(self, person: str) -> str | None:
        """The id to show for a person: their id if named, else their pseudonym.

        Ids can be names in disguise (``p-ana-silva``), so only named people keep theirs.

        Examples:
            >>> from coinnovation.models import Hub, Person
            >>> hub = Hub(people=(Person(id="p-1", name="Ana"),))
            >>> Privacy(hub, secret="sixteen characters!").label("p-1").startswith("Person ")
            True
        """
        if self.consent(person) is Consent.NAMED:
            return person
        return self.name(person)

    # -- text and data ----------------------------------------------------------------------

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            mentioned: dict[str, dict[str, None]] = {}
            words: set[str] = set()
            for person, given in self._consent.items():
                if given is Consent.NAMED:
                    continue
                for word in (self._names[person], person):
                    spelled = _spelling(word)
                    if not spelled:
                        continue
                    mentioned.setdefault(spelled, {})[person] = None
                    words.add(spelled)
                    kept = " ".join(word.split())
                    if len(kept) != len(spelled):  # "İ" is two characters in lower case
                        words.add(kept)
            self._mentioned = {word: tuple(people) for word, people in mentioned.items()}
            body = _alternation(sorted(words)) if words else r"(?!)"
            self._pattern = re.compile(f"{_BEFORE}(?:{body}){_AFTER}", re.IGNORECASE)
        return self._pattern

    def _mention(self, match: re.Match[str]) -> str:
        found = match[0]
        if self.is_person(found):
            people: tuple[str, ...] = (found,)
        else:
            people = self._mentioned.get(_spelling(found), ())
        shown = {self.label(person) or HIDDEN for person in people}
        return shown.pop() if len(shown) == 1 else HIDDEN

    def text(self, text: str) -> str:
        """Free text made safe to share: people who are not named are not recognisable.

        Every mention of a person who is not ``named`` — their id, or their name in any
        case and spacing — becomes their pseudonym, or :data:`HIDDEN` (``"(not shown)"``)
        for an excluded person (or for a name that several such people share). A mention
        is a whole token: ``p-ben`` is not touched inside ``p-ben-2``, nor ``Ben`` inside
        ``Benjamin``; of two that start at one place, the longer wins (``Ana Silva``
        before ``Ana``). Named people's ids and names are left as they are. A name that
        is also an ordinary word (a person called May) hides that word too: better a word
        too many hidden than a name shown. Parts of a name (a first name alone) are not
        recognised: read free text before you share it.

        Args:
            text: Any text: a description, a note, a whole explanation.

        Returns:
            The text with the mentions replaced.

        Examples:
            >>> from coinnovation.models import Hub, Person
            >>> hub = Hub(people=(Person(id="p-ana", name="Ana Silva", consent="named"),
            ...                   Person(id="p-ben", name="Ben Okafor"),
            ...                   Person(id="p-cy", name="Cy Ward", consent="excluded")))
            >>> policy = Privacy(hub, secret=b"0123456789abcdef0123456789abcdef")
            >>> policy.text("p-ana thanked BEN  OKAFOR, Cy Ward (p-cy) and p-ben-2.")
            'p-ana thanked Person 8Y0E-NX3M, (not shown) ((not shown)) and p-ben-2.'
        """
        if not text:
            return text
        return self._compiled().sub(self._mention, text)

    def _hidden_records(self) -> set[str]:
        """The ids of participations and memberships of people not named, made on first use.

        Participations and memberships are about one person, and registers make their ids
        from the person's name: the ids of those of people not named are not shown. Made
        when first needed, since a policy that only labels people (a network's nodes) never
        reads them: on a hub of a million participations, a second saved.
        """
        if self._records is None:
            hub = self._hub
            about = [(p.id, p.person) for p in hub.participations if p.person is not None]
            about += [(m.id, m.person) for m in hub.memberships]
            self._records = {
                record for record, person in about if self.consent(person) is not Consent.NAMED
            }
        return self._records

    def _string(self, text: str) -> str | None:
        """One text value: a person id as its label, a hidden id as ``None``, else :meth:`text`."""
        if text in self._cache:
            return self._cache[text]
        shown: str | None
        if text in self._consent:
            shown = self.label(text)
        elif text in self._hidden_records():
            shown = None
        else:
            shown = self.text(text)
        if len(self._cache) >= _CACHE:
            self._cache.clear()
        self._cache[text] = shown
        return shown

    def _about_excluded(self, record: Mapping[Any, Any]) -> bool:
        """Whether a record (a row, an item) refers to an excluded person in one of its fields.

        Fields of free text (a name, a title, a description ...) are not references: a
        person whose name happens to spell an excluded person's id is not about them (the
        text itself still goes through :meth:`text`).
        """
        return any(
            type(value) is str
            and value in self._consent
            and key not in _FREE_TEXT
            and not self.visible(value)
            for key, value in record.items()
        )

    def data(self, value: Any) -> Any:
        """JSON-ready data made safe to share, whatever its shape.

        Walks dictionaries, lists, tuples and sets (returning new ones):

        - a text that is a person's id becomes their label (:meth:`label`: the id if named,
          else the pseudonym); the id of an excluded person, and of a participation or
          membership of a person who is not named (registers make those ids from names),
          is removed — from a list or a set, as a dictionary key with its value, and as
          a dictionary value it becomes ``None``;
        - a dictionary inside a list or tuple (a row) with a field that is an excluded
          person's id is removed whole;
        - any other text goes through :meth:`text`;
        - numbers, ``None``, enums and other values are kept.

        Totals computed before (counts, sums, shares) are not changed: data about
        excluded people is left out, not subtracted.

        Args:
            value: What an output is about to show, such as a ``to_dict()``.

        Returns:
            The same shape, safe to show.

        Examples:
            >>> from coinnovation.models import Hub, Person
            >>> hub = Hub(people=(Person(id="p-ana", name="Ana Silva", consent="named"),
            ...                   Person(id="p-ben", name="Ben Okafor"),
            ...                   Person(id="p-cy", name="Cy Ward", consent="excluded")))
            >>> policy = Privacy(hub, secret=b"0123456789abcdef0123456789abcdef")
            >>> policy.data({"shares": {"p-ana": 1, "p-ben": 2, "p-cy": 3},
            ...              "rows": [{"node": "p-cy", "name": "Cy Ward"}, {"node": "o-1"}],
            ...              "flags": ("p-ben", "p-cy"), "note": "asked by p-ben"})
            {'shares': {'p-ana': 1, 'Person 8Y0E-NX3M': 2}, 'rows': [{'node': 'o-1'}], 'flags': ('Person 8Y0E-NX3M',), 'note': 'asked by Person 8Y0E-NX3M'}
        """
        kind = type(value)
        if kind is str:
            return self._string(value)
        if value is None or kind in (int, float, bool) or isinstance(value, Enum):
            return value
        if isinstance(value, str):
            return self._string(str(value))
        if isinstance(value, Mapping):
            result: dict[Any, Any] = {}
            for key, item in value.items():
                if isinstance(key, str) and not isinstance(key, Enum):
                    shown = self._string(str(key))
                    if shown is None:
                        continue
                    key = shown
                result[key] = self.data(item)
            return result
        if isinstance(value, list | tuple | set | frozenset):
            items = []
            for item in value:
                if isinstance(item, str) and not isinstance(item, Enum):
                    shown = self._string(str(item))
                    if shown is not None:
                        items.append(shown)
                elif not (isinstance(item, Mapping) and self._about_excluded(item)):
                    items.append(self.data(item))
            if isinstance(value, set | frozenset):
                return type(value)(items) if type(value) in (set, frozenset) else set(items)
            return items if isinstance(value, list) else tuple(items)
        return value

    # -- graphs and tables ------------------------------------------------------------------

    def graph(self, graph: _G) -> _G:
        """A copy of a graph safe to share: person nodes relabelled or dropped, values too.

        A node is a person when its ``kind`` attribute is ``"person"`` or (with no
        ``kind``) the hub holds a person with its id. Named people keep their node;
        pseudonymous people's nodes are renamed to their pseudonym (``name`` too);
        excluded people's nodes are removed with their ties. Then every attribute value
        — of nodes, edges and the graph itself (such as the ``dropped_stakeholders`` of
        an organisation network) — goes through :meth:`data`: person ids become labels,
        excluded people's ids are removed, free text is cleaned. Other nodes, and numbers,
        are kept — so weights of organisation- and sector-level ties, computed from the
        whole hub, stay right. The graph attribute ``privacy`` records that the policy
        was applied.

        Args:
            graph: A graph whose person nodes are person ids (any level).

        Returns:
            A new graph of the same type.

        Examples:
            >>> import networkx as nx
            >>> from coinnovation.models import Hub, Person
            >>> hub = Hub(people=(Person(id="p-1", name="Ana", consent="excluded"),
            ...                   Person(id="p-2", name="Ben", consent="named")))
            >>> G = nx.Graph([("p-1", "p-2"), ("p-2", "o-x")], dropped_stakeholders=("p-1",))
            >>> shared = Privacy(hub, secret="sixteen characters!").graph(G)
            >>> sorted(shared.nodes), shared.graph["dropped_stakeholders"]
            (['o-x', 'p-2'], ())
        """
        people = []
        for node, data in graph.nodes(data=True):
            kind = data.get("kind")
            if kind == "person" or (kind is None and node in self._consent):
                people.append(node)
        hidden = {node for node in people if not self.visible(node)}
        kept = graph.subgraph(node for node in graph if node not in hidden)
        mapping: dict[Any, Any] = {}
        for node in people:
            if node not in hidden and self.consent(node) is not Consent.NAMED:
                mapping[node] = self.name(node)
        # A new graph of the same class, with fresh attribute dictionaries. (networkx is
        # imported here: a policy for files and tables needs no graph library.)
        import networkx as nx

        shared = cast("_G", nx.relabel_nodes(kept, mapping, copy=True))
        renamed = set(mapping.values())
        for node, data in shared.nodes(data=True):
            for key, value in data.items():
                data[key] = self.data(value)
            if node in renamed and "name" in data:
                data["name"] = node
        for *_, data in shared.edges(data=True):
            for key, value in data.items():
                data[key] = self.data(value)
        shared.graph = {key: self.data(value) for key, value in graph.graph.items()}
        shared.graph["privacy"] = "names only for people who consented; others pseudonymous"
        return shared

    def node_table(self, table: NodeTable, *, people: bool = True) -> NodeTable:
        """A copy of a table of node measures safe to share.

        Measures are computed on the whole network (so everyone's betweenness counts the
        paths through excluded people too); only the rows and the text change: excluded
        people's rows are dropped, pseudonymous people's rows are relabelled with their
        pseudonym, in the node and in a ``name`` column, and every other text cell goes
        through :meth:`data`.

        Args:
            table: A table whose nodes may be person ids (e.g. from
                :func:`~coinnovation.network.node_measures`).
            people: Whether the nodes that the hub holds as people are people (``False``
                keeps every row, for organisation- or sector-level tables).

        Returns:
            The new table.

        Examples:
            >>> import numpy as np
            >>> from coinnovation.models import Hub, Person
            >>> from coinnovation.network import NodeTable
            >>> hub = Hub(people=(Person(id="p-1", name="Ana", consent="excluded"),
            ...                   Person(id="p-2", name="Ben", consent="named")))
            >>> table = NodeTable(("p-1", "p-2"), {"degree": np.array([2.0, 1.0])})
            >>> Privacy(hub, secret="sixteen characters!").node_table(table)["degree"]
            {'p-2': 1.0}
        """
        persons = [
            people and isinstance(node, str) and node in self._consent for node in table.nodes
        ]
        keep = [
            i for i, node in enumerate(table.nodes) if not persons[i] or self.visible(str(node))
        ]
        columns = {name: values[keep] for name, values in table.columns.items()}
        labels = [self.label(str(table.nodes[i])) if persons[i] else table.nodes[i] for i in keep]
        for name, values in columns.items():
            if values.dtype != object:
                continue
            cleaned = values.copy()
            for row, i in enumerate(keep):
                if name == "name" and persons[i]:
                    cleaned[row] = self.name(str(table.nodes[i]))
                elif isinstance(values[row], str):
                    cleaned[row] = self._string(values[row])
            columns[name] = cleaned
        return NodeTable(tuple(labels), columns)

    def pseudonym_of(self, person: str) -> str:
        """The person's pseudonym, whatever their consent (for tests and audits).

        Examples:
            >>> from coinnovation.models import Hub
            >>> Privacy(Hub(), secret="sixteen characters!").pseudonym_of("p-1").startswith("Person ")
            True
        """
        return self._assigned().get(person) or f"{self.prefix} {_code(person, self._key, 8)}"
