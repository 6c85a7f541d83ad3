"""Privacy: who may be named in what a hub shares, and stable pseudonyms for the rest.

People carry a :class:`~coinnovation.models.Consent`: ``named``, ``pseudonymous`` (the
default) or ``excluded``. Everything that leaves the hub — exports, reports, graph files —
goes through a :class:`Privacy` policy:

- named people keep their name;
- pseudonymous people get a pseudonym, ``"Person 4KQ7-2MXA"``: a keyed hash (HMAC-SHA-256)
  of their id with the hub's secret, so it is the same in every export of the hub, differs
  between hubs, and cannot be turned back into the id without the secret;
- excluded people are left out — their rows, nodes and names — while totals computed from
  the whole hub (how many took part, the weight of organisation ties) stay right.

The secret is a random key kept beside the hub, never inside what is shared:
:func:`new_secret` makes one, :func:`read_secret` reads (or first creates) a secret file,
and a store keeps its own.

Examples:
    >>> from coinnovation.models import Hub, Person
    >>> hub = Hub(people=(Person(id="p-ana", name="Ana Silva", consent="named"),
    ...                   Person(id="p-ben", name="Ben Okafor"),
    ...                   Person(id="p-cy", name="Cy Ward", consent="excluded")))
    >>> policy = Privacy(hub, secret=b"0123456789abcdef0123456789abcdef")
    >>> policy.name("p-ana"), policy.name("p-ben"), policy.name("p-cy")
    ('Ana Silva', 'Person 8Y0E-NX3M', None)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from coinnovation.errors import CoinnovationError
from coinnovation.models import Consent, Hub
from coinnovation.network._tables import NodeTable

__all__ = [
    "SECRET_ENV",
    "Privacy",
    "PrivacyError",
    "new_secret",
    "pseudonym",
    "read_secret",
]

SECRET_ENV = "COINNOVATION_SECRET"
"""The environment variable :func:`read_secret` reads a secret from (hex or text)."""

_MIN_SECRET = 16
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U


class PrivacyError(CoinnovationError, ValueError):
    """A secret that is missing, too short or unreadable.

    Examples:
        >>> issubclass(PrivacyError, ValueError)
        True
    """


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
    digest = hmac.new(key, person.encode("utf-8"), hashlib.sha256).digest()
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(length):
        number, digit = divmod(number, 32)
        chars.append(_ALPHABET[digit])
    code = "".join(chars)
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
            text = file.read_text(encoding="utf-8").strip()
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


def _decoded(text: str) -> bytes:
    try:
        if len(text) % 2 == 0 and len(text) >= 2 * _MIN_SECRET:
            return bytes.fromhex(text)
    except ValueError:
        pass
    return text.encode("utf-8")


class Privacy:
    """The privacy policy of one hub: a name, a pseudonym or nothing for each person.

    Args:
        hub: The hub (for each person's consent and name).
        secret: The hub's secret; see :func:`read_secret`.
        prefix: The word pseudonyms start with.

    Raises:
        PrivacyError: The secret is shorter than 16 bytes.

    Examples:
        >>> from coinnovation.models import Hub, Person
        >>> hub = Hub(people=(Person(id="p-1", name="Ana", consent="excluded"),))
        >>> Privacy(hub, secret="a secret of sixteen+ characters").visible("p-1")
        False
    """

    def __init__(self, hub: Hub, secret: bytes | str, *, prefix: str = "Person") -> None:
        self._key = _key(secret)
        self.prefix = prefix
        self._consent = {person.id: person.consent for person in hub.people}
        self._names = {person.id: person.name for person in hub.people}
        self._pseudonyms = self._assign(
            person.id for person in hub.people if person.consent is Consent.PSEUDONYMOUS
        )

    def _assign(self, people: Iterable[str]) -> dict[str, str]:
        """Pseudonyms for these people, longer for any two that would collide."""
        listed = list(people)
        length = 8
        while True:
            codes = {person: _code(person, self._key, length) for person in listed}
            if len(set(codes.values())) == len(codes) or length >= 48:
                return {person: f"{self.prefix} {code}" for person, code in codes.items()}
            length += 4

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
        found = self._pseudonyms.get(person)
        if found is None:
            found = self._pseudonyms[person] = f"{self.prefix} {_code(person, self._key, 8)}"
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

    def graph(self, graph: nx.Graph[Any]) -> nx.Graph[Any]:
        """A copy of a graph safe to share: person nodes relabelled or dropped.

        A node is a person when its ``kind`` attribute is ``"person"`` or the hub holds a
        person with its id. Named people keep their node; pseudonymous people's nodes are
        renamed to their pseudonym (``name`` too); excluded people's nodes are removed
        with their ties. Other nodes, and every attribute but names, are kept — so weights
        of organisation- and sector-level ties, computed from the whole hub, stay right.
        Person ids inside attributes such as ``sessions`` lists are not touched; the
        graph attribute ``privacy`` records that the policy was applied.

        Args:
            graph: A graph whose person nodes are person ids.

        Returns:
            A new graph of the same type.

        Examples:
            >>> import networkx as nx
            >>> from coinnovation.models import Hub, Person
            >>> hub = Hub(people=(Person(id="p-1", name="Ana", consent="excluded"),
            ...                   Person(id="p-2", name="Ben", consent="named")))
            >>> G = nx.Graph([("p-1", "p-2"), ("p-2", "o-x")])
            >>> sorted(Privacy(hub, secret="sixteen characters!").graph(G).nodes)
            ['o-x', 'p-2']
        """
        shared = graph.copy()
        people = []
        for node, data in graph.nodes(data=True):
            kind = data.get("kind")
            if kind == "person" or (kind is None and node in self._consent):
                people.append(node)
        shared.remove_nodes_from([node for node in people if not self.visible(node)])
        mapping: dict[Any, Any] = {}
        for node in people:
            if node in shared and self.consent(node) is not Consent.NAMED:
                label = self.name(node)
                mapping[node] = label
                if "name" in shared.nodes[node]:
                    shared.nodes[node]["name"] = label
        shared = nx.relabel_nodes(shared, mapping, copy=True)
        shared.graph["privacy"] = "names only for people who consented; others pseudonymous"
        return shared

    def node_table(self, table: NodeTable, *, people: bool = True) -> NodeTable:
        """A copy of a table of node measures safe to share.

        Measures are computed on the whole network (so everyone's betweenness counts the
        paths through excluded people too); only the rows change: excluded people's rows
        are dropped, pseudonymous people's rows are relabelled with their pseudonym, in
        the node and in a ``name`` column.

        Args:
            table: A table whose nodes may be person ids (e.g. from
                :func:`~coinnovation.network.node_measures`).
            people: Whether the nodes that the hub holds as people are people (``False``
                leaves the table as it is, for organisation- or sector-level tables).

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
        if not people:
            return table
        keep = [
            i
            for i, node in enumerate(table.nodes)
            if not isinstance(node, str) or self.visible(node)
        ]
        nodes = [table.nodes[i] for i in keep]
        columns = {name: values[keep] for name, values in table.columns.items()}
        labels = [
            self.label(node) if isinstance(node, str) and node in self._consent else node
            for node in nodes
        ]
        if "name" in columns:
            names = columns["name"].copy()
            for i, node in enumerate(nodes):
                if isinstance(node, str) and node in self._consent:
                    names[i] = self.name(node)
            columns["name"] = names
        return NodeTable(tuple(labels), columns)

    def pseudonym_of(self, person: str) -> str:
        """The person's pseudonym, whatever their consent (for tests and audits).

        Examples:
            >>> from coinnovation.models import Hub
            >>> Privacy(Hub(), secret="sixteen characters!").pseudonym_of("p-1").startswith("Person ")
            True
        """
        return self._pseudonyms.get(person) or f"{self.prefix} {_code(person, self._key, 8)}"
