"""The privacy policy: stable keyed pseudonyms, excluded people left out, secrets kept safe."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import coinnovation.privacy as privacy_module
from coinnovation.models import (
    Consent,
    Hub,
    Membership,
    Organisation,
    Participation,
    Person,
    Session,
)
from coinnovation.network.build import collaboration_graph
from coinnovation.privacy import (
    SECRET_ENV,
    Privacy,
    PrivacyError,
    new_secret,
    pseudonym,
    read_secret,
)
from coinnovation.testing import strategies

SECRET = b"0123456789abcdef0123456789abcdef"
OTHER = b"another secret, another hub, ok"


@pytest.fixture(autouse=True)
def _no_secret_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)


def hub() -> Hub:
    """Two organisations, a named, a pseudonymous and an excluded person, two sessions."""
    return Hub(
        organisations=(
            Organisation(id="o-whg", name="WHG", sector="community"),
            Organisation(id="o-acme", name="Acme", sector="industry"),
        ),
        people=(
            Person(id="p-ana", name="Ana Silva", consent="named"),
            Person(id="p-ben", name="Ben Okafor"),
            Person(id="p-cy", name="Cy Ward", consent="excluded"),
        ),
        memberships=(
            Membership(id="m-1", person="p-ana", organisation="o-whg"),
            Membership(id="m-2", person="p-ben", organisation="o-acme"),
            Membership(id="m-3", person="p-cy", organisation="o-whg"),
        ),
        sessions=(Session(id="s-1", name="Table 1"), Session(id="s-2", name="Table 2")),
        participations=(
            Participation(id="pa-1", session="s-1", person="p-ana"),
            Participation(id="pa-2", session="s-1", person="p-ben"),
            Participation(id="pa-3", session="s-2", person="p-cy"),
            Participation(id="pa-4", session="s-2", person="p-ben"),
        ),
    )


# -- pseudonyms -----------------------------------------------------------------------------


def test_names_labels_and_visibility_follow_consent() -> None:
    policy = Privacy(hub(), SECRET)
    assert policy.name("p-ana") == "Ana Silva"
    assert policy.label("p-ana") == "p-ana"
    ben = policy.name("p-ben")
    assert ben is not None
    assert ben.startswith("Person ")
    assert "Ben" not in ben
    assert policy.label("p-ben") == ben
    assert policy.name("p-cy") is None
    assert policy.label("p-cy") is None
    assert (policy.visible("p-ana"), policy.visible("p-ben"), policy.visible("p-cy")) == (
        True,
        True,
        False,
    )


def test_pseudonyms_are_stable_for_a_secret() -> None:
    first = Privacy(hub(), SECRET).name("p-ben")
    again = Privacy(hub(), SECRET).name("p-ben")
    as_text = Privacy(hub(), SECRET.decode()).name("p-ben")
    assert first == again == as_text == pseudonym("p-ben", SECRET)
    assert pseudonym("p-ben", SECRET) == "Person 8Y0E-NX3M"  # fixed: files stay comparable


def test_pseudonyms_differ_between_secrets_and_people() -> None:
    ours, theirs = Privacy(hub(), SECRET), Privacy(hub(), OTHER)
    assert ours.name("p-ben") != theirs.name("p-ben")
    assert ours.pseudonym_of("p-ana") != ours.pseudonym_of("p-ben")


def test_pseudonym_format_uses_crockford_base32() -> None:
    code = pseudonym("p-ben", SECRET, prefix="Member").removeprefix("Member ")
    first, second = code.split("-")
    assert len(first) == len(second) == 4
    assert set(first + second) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def test_colliding_pseudonyms_are_lengthened(monkeypatch: pytest.MonkeyPatch) -> None:
    real = privacy_module._code

    def colliding(person: str, key: bytes, length: int) -> str:
        return "AAAA-AAAA" if length == 8 else real(person, key, length)

    monkeypatch.setattr(privacy_module, "_code", colliding)
    people = tuple(Person(id=f"p-{i}", name=f"P{i}") for i in range(3))
    policy = Privacy(Hub(people=people), SECRET)
    names = [policy.name(person.id) for person in people]
    assert len(set(names)) == 3
    for name in names:
        assert name is not None
        assert len(name.removeprefix("Person ").split("-")) == 3  # twelve characters


def test_unknown_people_are_pseudonymous() -> None:
    policy = Privacy(Hub(), SECRET)
    assert policy.visible("p-unknown")
    assert policy.name("p-unknown") == pseudonym("p-unknown", SECRET)


# -- graphs ---------------------------------------------------------------------------------


def test_excluded_people_are_dropped_from_person_graphs() -> None:
    data = hub()
    policy = Privacy(data, SECRET)
    shared = policy.graph(collaboration_graph(data))
    ben = policy.name("p-ben")
    assert set(shared) == {"p-ana", ben}
    assert shared.nodes[ben]["name"] == ben
    assert shared["p-ana"][ben]["weight"] == 1
    assert "privacy" in shared.graph
    assert all(attributes.get("name") != "Ben Okafor" for _, attributes in shared.nodes(data=True))


def test_organisation_weights_are_unchanged_by_the_policy() -> None:
    data = hub()
    graph = collaboration_graph(data, level="organisation")
    shared = Privacy(data, SECRET).graph(graph)
    assert set(shared) == set(graph)
    assert nx.utils.edges_equal(shared.edges(data="weight"), graph.edges(data="weight"))
    # The excluded person's session still ties WHG and Acme: counts come from the whole hub.
    assert shared["o-whg"]["o-acme"]["weight"] == 2


def test_graph_keeps_non_person_nodes_and_the_graph_type() -> None:
    graph = nx.DiGraph([("p-cy", "o-whg"), ("p-ben", "o-whg")])
    shared = Privacy(hub(), SECRET).graph(graph)
    assert isinstance(shared, nx.DiGraph)
    assert "o-whg" in shared
    assert "p-cy" not in shared
    assert "p-ben" not in shared  # renamed to the pseudonym


# -- secrets --------------------------------------------------------------------------------


def test_short_secrets_are_refused() -> None:
    with pytest.raises(PrivacyError, match="at least 16 bytes"):
        Privacy(hub(), b"short")
    with pytest.raises(PrivacyError, match="this one has 5"):
        pseudonym("p-1", "short")


def test_new_secrets_are_random_and_long() -> None:
    assert len(new_secret()) == 32
    assert new_secret() != new_secret()


def test_read_secret_creates_the_file_for_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "hub.json.secret"
    secret = read_secret(path)
    assert len(secret) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8") == secret.hex() + "\n"
    assert read_secret(path) == secret


def test_read_secret_reads_text_and_hex_files(tmp_path: Path) -> None:
    text = tmp_path / "text.secret"
    text.write_text("a long enough secret phrase\n", encoding="utf-8")
    assert read_secret(text) == b"a long enough secret phrase"
    hexed = tmp_path / "hex.secret"
    hexed.write_text(SECRET.hex(), encoding="utf-8")
    assert read_secret(hexed) == SECRET


def test_read_secret_refuses_short_and_missing_files(tmp_path: Path) -> None:
    short = tmp_path / "short.secret"
    short.write_text("tiny", encoding="utf-8")
    with pytest.raises(PrivacyError, match="at least 16 bytes"):
        read_secret(short)
    with pytest.raises(PrivacyError, match="no such secret file"):
        read_secret(tmp_path / "missing.secret", create=False)
    assert not (tmp_path / "missing.secret").exists()
    with pytest.raises(PrivacyError, match=f"set {SECRET_ENV}"):
        read_secret()


def test_read_secret_reads_no_more_than_a_secret_file_can_hold(tmp_path: Path) -> None:
    """A secret file that is a device, a folder or too long is refused unread (issue 9)."""
    long = tmp_path / "long.secret"
    long.write_bytes(b"0" * 5000)
    with pytest.raises(PrivacyError, match="too long for a secret file"):
        read_secret(long)
    with pytest.raises(PrivacyError, match="not a regular file"):
        read_secret(tmp_path)
    if Path("/dev/zero").exists():
        link = tmp_path / "zero.secret"
        link.symlink_to("/dev/zero")
        with pytest.raises(PrivacyError, match="not a regular file"):
            read_secret(link)


def test_the_environment_wins_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "hub.json.secret"
    monkeypatch.setenv(SECRET_ENV, SECRET.hex())
    assert read_secret(path) == SECRET
    assert read_secret() == SECRET
    assert not path.exists()  # nothing created when the environment gives the secret
    monkeypatch.setenv(SECRET_ENV, "a secret given as plain text")
    assert read_secret() == b"a secret given as plain text"
    monkeypatch.setenv(SECRET_ENV, "short")
    with pytest.raises(PrivacyError):
        read_secret()


def test_secret_files_are_not_world_readable_even_with_a_lax_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        path = tmp_path / "lax.secret"
        read_secret(path)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# -- the one way to get a policy: Privacy.for_hub (issue 10) ---------------------------------


class _Keeper:
    """A store's stand-in: keeps a secret and counts how often it is asked."""

    def __init__(self, secret: bytes) -> None:
        self.kept = secret
        self.asked = 0

    def secret(self) -> bytes:
        self.asked += 1
        return self.kept


def test_for_hub_takes_the_secret_in_its_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given > secret file > environment > store > the file beside the hub."""
    named = tmp_path / "named.secret"
    named.write_text(OTHER.decode(), encoding="utf-8")
    beside = tmp_path / "hub.json"
    Path(f"{beside}.secret").write_text("the file beside the hub, 16+", encoding="utf-8")
    store = _Keeper(b"the store's own secret, 16+ bytes")
    env = "the environment's secret, 16+"
    monkeypatch.setenv(SECRET_ENV, env)

    def name(**sources: object) -> str | None:
        return Privacy.for_hub(hub(), **sources).name("p-ben")  # type: ignore[arg-type]

    everything = {"secret": SECRET, "secret_file": named, "store": store, "hub_file": beside}
    assert name(**everything) == pseudonym("p-ben", SECRET)
    del everything["secret"]
    assert name(**everything) == pseudonym("p-ben", OTHER)
    del everything["secret_file"]
    assert name(**everything) == pseudonym("p-ben", env)
    assert store.asked == 0
    assert name(**everything, env=False) == pseudonym("p-ben", store.kept)
    assert store.asked == 1
    del everything["store"]
    assert name(**everything, env=False) == pseudonym("p-ben", "the file beside the hub, 16+")
    monkeypatch.delenv(SECRET_ENV)
    assert name(**everything) == pseudonym("p-ben", "the file beside the hub, 16+")


def test_for_hub_looks_for_the_secret_only_when_a_pseudonym_is_needed(tmp_path: Path) -> None:
    made: list[Path] = []
    store = _Keeper(SECRET)
    policy = Privacy.for_hub(hub(), store=store)
    assert policy.name("p-ana") == "Ana Silva"
    assert policy.text("Cy Ward met Ana Silva") == "(not shown) met Ana Silva"
    assert store.asked == 0
    assert policy.name("p-ben") == pseudonym("p-ben", SECRET)
    assert store.asked == 1
    policy = Privacy.for_hub(hub(), hub_file=tmp_path / "h.json", on_create=made.append)
    secret = tmp_path / "h.json.secret"
    assert not secret.exists()
    first = policy.name("p-ben")
    assert made == [secret]
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    again = Privacy.for_hub(hub(), hub_file=tmp_path / "h.json", on_create=made.append)
    assert again.name("p-ben") == first
    assert made == [secret]  # made once, then reused
    with pytest.raises(PrivacyError, match="no such secret file"):
        Privacy.for_hub(hub(), hub_file=tmp_path / "other.json", create=False).name("p-ben")
    assert not (tmp_path / "other.json.secret").exists()


def test_for_hub_reads_a_named_secret_file_at_once(tmp_path: Path) -> None:
    with pytest.raises(PrivacyError, match=r"^\S*typo.secret: no such secret file$"):
        Privacy.for_hub(hub(), secret_file=tmp_path / "typo.secret")
    short = tmp_path / "short.secret"
    short.write_text("tiny", encoding="utf-8")
    with pytest.raises(PrivacyError, match=r"short\.secret: a secret needs at least 16 bytes"):
        Privacy.for_hub(hub(), secret_file=short)
    with pytest.raises(PrivacyError, match="at least 16 bytes"):
        Privacy.for_hub(hub(), secret="short")


def test_for_hub_says_what_to_pass_when_no_secret_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = Privacy.for_hub(hub())
    assert policy.name("p-ana") == "Ana Silva"  # nobody needs a pseudonym yet
    with pytest.raises(PrivacyError, match=f"secret_file=.*set \\${SECRET_ENV}"):
        policy.name("p-ben")
    monkeypatch.setenv(SECRET_ENV, "short")
    with pytest.raises(PrivacyError, match=f"\\${SECRET_ENV}: a secret needs at least 16"):
        Privacy.for_hub(hub()).name("p-ben")
    (tmp_path / "h.json.secret").write_text("tiny", encoding="utf-8")
    with pytest.raises(PrivacyError, match=r"h\.json\.secret: a secret needs at least 16"):
        Privacy.for_hub(hub(), hub_file=tmp_path / "h.json", env=False).name("p-ben")


def test_for_hub_names_a_secret_it_cannot_make(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    policy = Privacy.for_hub(hub(), hub_file=tmp_path / "h.json")
    monkeypatch.setattr(privacy_module.os, "open", refused)
    with pytest.raises(PrivacyError, match=r"h.json.secret: cannot make the secret \(Permission"):
        policy.name("p-ben")


def test_the_library_reads_the_environment_only_in_for_hub(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SECRET_ENV, "the environment's secret, 16+")
    with pytest.raises(PrivacyError, match=r"pass privacy=Privacy\.for_hub"):
        Privacy.from_options(hub(), output="the report").name("p-ben")
    with pytest.raises(PrivacyError, match="no secret to make pseudonyms with"):
        Privacy.for_hub(hub(), env=False).name("p-ben")


def test_from_options_gives_the_policy_given_or_one_without_a_secret() -> None:
    policy = Privacy(hub(), SECRET)
    assert Privacy.from_options(hub(), policy) is policy
    bare = Privacy.from_options(hub(), output="exporting people")
    assert bare.name("p-ana") == "Ana Silva"
    assert bare.name("p-cy") is None
    with pytest.raises(PrivacyError, match=r"^exporting people would show someone"):
        bare.name("p-ben")
    with pytest.raises(TypeError, match="privacy must be a Privacy"):
        Privacy.from_options(hub(), SECRET)  # type: ignore[arg-type]


def test_from_options_secret_is_deprecated_and_still_works() -> None:
    with pytest.warns(DeprecationWarning, match="secret= is deprecated"):
        policy = Privacy.from_options(hub(), secret=SECRET)
    assert policy.name("p-ben") == pseudonym("p-ben", SECRET)
    with pytest.raises(TypeError, match="give privacy= or secret=, not both"):
        Privacy.from_options(hub(), Privacy(hub(), SECRET), secret=SECRET)


# -- free text and data (issue 9, items 8-10) ------------------------------------------------


def test_text_replaces_ids_and_names_of_people_not_named() -> None:
    policy = Privacy(hub(), SECRET)
    ben = policy.name("p-ben")
    text = "Ana Silva (p-ana) met Ben Okafor (p-ben), BEN\n  OKAFOR again, and Cy Ward, p-cy."
    assert policy.text(text) == (
        f"Ana Silva (p-ana) met {ben} ({ben}), {ben} again, and (not shown), (not shown)."
    )


def test_text_matches_whole_tokens_and_prefers_the_longest() -> None:
    people = (
        Person(id="p-ana-silva", name="Ana Silva"),
        Person(id="p-silva", name="Silva", consent="excluded"),
        Person(id="p-ben", name="Ben", consent="excluded"),
    )
    policy = Privacy(Hub(people=people), SECRET)
    ana = policy.name("p-ana-silva")
    # Names that are parts of ids, and ids that are parts of other ids, are left alone ...
    kept = "p-ben-2, pa-p-ben, s-silva, Benjamin, Silvana, o-ana-silva-trust"
    assert policy.text(kept) == kept
    # ... while the ids and names themselves go, the longest mention first.
    assert policy.text("p-ana-silva: Ana Silva, Silva; Ben.") == (
        f"{ana}: {ana}, (not shown); (not shown)."
    )


def test_text_hides_a_name_that_two_people_share() -> None:
    people = (Person(id="p-1", name="Sam Lee"), Person(id="p-2", name="Sam Lee"))
    policy = Privacy(Hub(people=people), SECRET)
    assert policy.text("Sam Lee spoke.") == "(not shown) spoke."
    assert policy.text("p-2 spoke.") == f"{policy.name('p-2')} spoke."


def test_data_walks_keys_values_lists_and_rows() -> None:
    policy = Privacy(hub(), SECRET)
    ben = policy.name("p-ben")
    data = {
        "shares": {"p-ana": "1.00", "p-ben": "2.00", "p-cy": "3.00"},
        "rows": [{"node": "p-cy", "name": "Cy Ward"}, {"node": "p-ben", "name": "Ben Okafor"}],
        "flags": ("p-ben", "p-cy", "o-whg"),
        "author": "p-cy",
        "note": "as p-ben said",
        "count": 3,
        "sectors": {"community"},
    }
    assert policy.data(data) == {
        "shares": {"p-ana": "1.00", ben: "2.00"},
        "rows": [{"node": ben, "name": ben}],
        "flags": (ben, "o-whg"),
        "author": None,
        "note": f"as {ben} said",
        "count": 3,
        "sectors": {"community"},
    }


def test_data_hides_ids_of_participations_and_memberships_of_people_not_named() -> None:
    # Registers make these ids from names: "pa-...-laura-mandeville".
    policy = Privacy(hub(), SECRET)
    assert policy.data(["pa-1", "pa-2", "pa-3", "m-1", "m-2", "s-1"]) == ["pa-1", "m-1", "s-1"]


def test_a_secret_given_as_a_function_is_read_only_when_a_pseudonym_is_needed() -> None:
    calls: list[int] = []

    def secret() -> bytes:
        calls.append(1)
        return SECRET

    policy = Privacy(hub(), secret)
    assert policy.text("Ana Silva and Cy Ward, at o-whg") == "Ana Silva and (not shown), at o-whg"
    assert policy.graph(collaboration_graph(hub(), level="organisation")).number_of_nodes() == 2
    assert calls == []
    assert policy.name("p-ben") == pseudonym("p-ben", SECRET)
    assert calls == [1]
    with pytest.raises(PrivacyError, match="at least 16 bytes"):
        Privacy(hub(), lambda: "short").name("p-ben")


@st.composite
def _mentions(draw: st.DrawFn) -> tuple[Hub, str]:
    """A hub of people of any consent, and a text that mentions them by id and name."""
    people = draw(st.lists(strategies.people(), min_size=1, max_size=5, unique_by=lambda p: p.id))
    words = [p.id for p in people] + [p.name for p in people]
    fillers = ["and", "met", ",", "(", ")", "\n", "p-", "-", "Person"]
    pieces = draw(st.lists(st.sampled_from(words + fillers), max_size=12))
    separators = draw(st.lists(st.sampled_from([" ", ", ", "\n", " (", ") ", "\t"]), min_size=12))
    text = "".join(piece + separator for piece, separator in zip(pieces, separators, strict=False))
    return Hub(people=tuple(people)), text


def _spelled(word: str) -> str:
    return r"(?<![\w-])" + r"\s+".join(map(re.escape, word.split())) + r"(?![\w-])"


@given(_mentions())
def test_text_leaves_no_mention_of_people_not_named(drawn: tuple[Hub, str]) -> None:
    hub_, text = drawn
    policy = Privacy(hub_, SECRET)
    forbidden = [
        word
        for person in hub_.people
        if person.consent is not Consent.NAMED
        for word in (person.id, person.name)
        if word.split()
    ]
    replacements = " ".join(["(not shown)", *(policy.name(p.id) or "" for p in hub_.people)])
    # A name that a replacement spells ('Person') cannot be told apart from it.
    assume(not any(re.search(_spelled(word), replacements, re.IGNORECASE) for word in forbidden))
    shown = policy.text(text)
    assert [w for w in forbidden if re.search(_spelled(w), shown, re.IGNORECASE)] == []
    if not any(re.search(_spelled(word), text, re.IGNORECASE) for word in forbidden):
        assert shown == text  # nothing to hide: the text is untouched


# -- graphs at every level (issue 9, item 8) -------------------------------------------------

DAVIS = Path(__file__).resolve().parent.parent / "docs" / "data" / "davis_sign_in.csv"


def davis() -> Hub:
    """The Davis sign-in sheet as imported: no organisation column, ids made from names."""
    from coinnovation.io.registers import read_register

    return read_register(DAVIS).hub


@pytest.mark.parametrize("suffix", ["graphml", "json", "gexf", "csv"])
@pytest.mark.parametrize("level", ["organisation", "sector"])
def test_graph_files_of_a_sheet_without_organisations_show_no_person(
    tmp_path: Path, level: str, suffix: str
) -> None:
    from coinnovation.export.graphs import write_graph

    data = davis()
    graph = collaboration_graph(data, level=level)  # type: ignore[arg-type]
    assert len(graph.graph["dropped_stakeholders"]) == 18  # all of them, by id
    policy = Privacy(data, SECRET)
    text = write_graph(graph, tmp_path / f"g.{suffix}", privacy=policy).read_text("utf-8")
    for person in data.people:
        assert person.id not in text
        assert person.name not in text
        assert person.id.removeprefix("p-") not in text  # the name, as a slug


def test_graph_attributes_go_through_the_policy() -> None:
    data = hub().add(
        Person(id="p-dee", name="Dee Ray"),
        Participation(id="pa-5", session="s-1", person="p-dee"),
    )
    policy = Privacy(data, SECRET)
    graph = collaboration_graph(data, level="organisation")
    assert graph.graph["dropped_stakeholders"] == ("p-dee",)
    graph.graph["note"] = "Dee Ray (p-dee) and Cy Ward came"
    graph.nodes["o-whg"]["contact"] = "p-cy"
    graph.nodes["o-whg"]["helpers"] = ("p-ana", "p-ben", "p-cy")
    graph["o-whg"]["o-acme"]["brought_by"] = "p-ben"
    shared = policy.graph(graph)
    dee, ben = policy.name("p-dee"), policy.name("p-ben")
    assert shared.graph["dropped_stakeholders"] == (dee,)
    assert shared.graph["note"] == f"{dee} ({dee}) and (not shown) came"
    assert shared.graph["dropped_participations"] == 1  # counts stay
    assert "contact" not in shared.nodes["o-whg"] or shared.nodes["o-whg"]["contact"] is None
    assert shared.nodes["o-whg"]["helpers"] == ("p-ana", ben)
    assert shared["o-whg"]["o-acme"]["brought_by"] == ben
    assert shared["o-whg"]["o-acme"]["weight"] == graph["o-whg"]["o-acme"]["weight"]
    assert graph.graph["dropped_stakeholders"] == ("p-dee",)  # the original is unchanged


# -- every output that shows people (issue 9, items 9 and 10) --------------------------------

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "walsall-2023" / "hub.json"


def example() -> Hub:
    """The example hub with p-084 (a party of ag-01) excluded and p-001 named."""
    from coinnovation import load

    data = load(EXAMPLE)
    return data.replace(
        data.person("p-084").model_copy(update={"consent": Consent.EXCLUDED}),
        data.person("p-001").model_copy(update={"consent": Consent.NAMED}),
    )


def unnamed(data: Hub) -> list[str]:
    """The ids, and the names, of the people who are not named."""
    hidden = [person for person in data.people if person.consent is not Consent.NAMED]
    return [person.id for person in hidden] + [person.name for person in hidden]


@pytest.mark.parametrize(
    "args",
    [
        ["heart", "--json"],
        ["heart", "--json", "--level", "person"],
        ["heart", "--json", "--level", "sector"],
        ["heart", "--level", "person", "--explain"],
        ["share", "ag-01", "--json"],
        ["share", "ag-01"],
        ["lineage", "ch-01", "--json"],
        ["lineage", "ch-01"],
    ],
    ids=" ".join,
)
def test_commands_show_people_only_as_the_policy_says(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coinnovation import save
    from coinnovation.cli import main

    data = example()
    path = save(data, tmp_path / "hub.json")
    Path(f"{path}.secret").write_text(OTHER.decode(), encoding="utf-8")
    assert main([args[0], str(path), *args[1:]]) == 0
    out = capsys.readouterr().out
    assert [word for word in unnamed(data) if re.search(_spelled(word), out)] == []
    policy = Privacy(data, OTHER)
    if args[0] == "share":
        assert policy.name("p-084") is None
        assert "p-084" not in out
    if args[0] == "lineage":  # the framing fr-01-1 is by p-037, a pseudonymous person
        assert (policy.label("p-037") in out) == ("--json" in args)


def test_heart_report_shared_keeps_values_and_hides_people() -> None:
    from coinnovation.heart import heart_report

    data = example()
    policy = Privacy(data, SECRET)
    report = heart_report(data, level="person", kind="table")
    shared = report.shared(policy)
    assert shared.values == report.values
    assert [i.figures for i in shared.indicators] == [i.figures for i in report.indicators]
    text = " ".join([json.dumps(shared.to_dict(), default=str), shared.explain()])
    assert [word for word in unnamed(data) if re.search(_spelled(word), text)] == []
    centrality = {row["node"] for row in shared["centrality"].details}
    assert policy.label("p-001") == "p-001"  # named
    assert "p-001" in centrality
    assert policy.label("p-002") in centrality
    assert len(centrality) == len(report["centrality"].details) - 1  # p-084 left out


def test_every_free_text_of_the_report_goes_through_the_policy() -> None:
    from coinnovation.report._content import gather

    data = example()
    mention = "Thanks to Sandeep T. (p-002) and to p-084."
    session = data.session("s-ws1-t1")
    agreement = data.agreement("ag-01")
    data = data.replace(
        session.model_copy(update={"name": "Table of Sandeep T."}),
        agreement.model_copy(update={"title": "Drafted by p-002"}),
    ).model_copy(update={"description": mention, "name": "Hub of Sandeep T."})
    policy = Privacy(data, SECRET)
    sandeep = policy.name("p-002")
    content = gather(data, privacy=Privacy(data, SECRET), picture=False)
    assert content.description == f"Thanks to {sandeep} ({sandeep}) and to (not shown)."
    assert content.title == f"Hub of {sandeep}"
    assert content.summary.name == f"Hub of {sandeep}"
    assert f"Table of {sandeep}" in [line.name for line in content.summary.sessions]
    assert content.agreements[0].title == f"Drafted by {sandeep}"


def _strings(value: object) -> list[str]:
    """Every text in JSON-ready data: keys, values and items, however deep."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in [*_strings(key), *_strings(item)]]
    if isinstance(value, list | tuple | set | frozenset):
        return [text for item in value for text in _strings(item)]
    return []


@given(strategies.hubs(max_people=6, max_participations=8))
def test_data_leaves_no_id_of_a_person_not_named_anywhere(drawn: Hub) -> None:
    policy = Privacy(drawn, SECRET)
    shown = _strings(policy.data(drawn.model_dump(mode="json")))
    hidden = {p.id for p in drawn.people if p.consent is not Consent.NAMED}
    about = {p.id for p in drawn.participations if p.person in hidden}
    about |= {m.id for m in drawn.memberships if m.person in hidden}
    assert not (hidden | about) & set(shown)
    named = {p.id for p in drawn.people if p.consent is Consent.NAMED}
    assert named <= set(shown)  # named people keep their ids


def test_a_name_that_spells_an_excluded_id_keeps_its_persons_row() -> None:
    """Found by the property above: a named person called what an excluded person's id is
    lost their whole row, as if the row were about the excluded person."""
    hub = Hub(
        people=(
            Person(id="0.1", name="x", consent="named"),
            Person(id="x", name="Bob", consent="excluded"),
        )
    )
    shown = Privacy(hub, SECRET).data(hub.model_dump(mode="json"))["people"]
    assert [row["id"] for row in shown] == ["0.1"]
    assert shown[0]["name"] != "x"  # the excluded id is still not shown


@given(
    person=st.text(max_size=40), key=st.binary(min_size=16, max_size=64), words=st.integers(2, 12)
)
def test_codes_are_the_hmac_digits_lowest_first(person: str, key: bytes, words: int) -> None:
    import hashlib
    import hmac

    from coinnovation.privacy import _ALPHABET, _code

    length = 4 * words
    number = int.from_bytes(hmac.new(key, person.encode("utf-8"), hashlib.sha256).digest(), "big")
    digits = ""
    for _ in range(length):
        number, digit = divmod(number, 32)
        digits += _ALPHABET[digit]
    expected = "-".join(digits[i : i + 4] for i in range(0, length, 4))
    assert _code(person, key, length) == expected
