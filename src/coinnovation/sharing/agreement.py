"""Sharing an agreement's pot: the rules of this package applied to an agreement in a hub.

An :class:`~coinnovation.models.Agreement` names parties, what each puts in and what is to
be shared. :func:`share_agreement` applies a rule to it and checks the result for
fairness, in one call:

- ``equal`` and ``proportional`` (to each party's contribution value);
- ``contribution_weighted``: weights from the session record
  (:class:`~coinnovation.sharing.ContributionWeighted`);
- ``shapley``, ``myerson`` and ``nucleolus``: values of the :func:`contribution_game`
  of the agreement; Myerson's on the :func:`party_graph` of who actually worked together.

Examples:
    >>> from coinnovation import load
    >>> hub = load("examples/walsall-2023/hub.json")
    >>> result = share_agreement(hub, "ag-01", rule="shapley", amount=Decimal("10000"))
    >>> result.allocation.total
    Decimal('10000.00')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

import attrs
import networkx as nx

from coinnovation.errors import CoinnovationError, InvalidAgreementError, Problem
from coinnovation.models import Agreement, Hub, Money, Sector, SessionKind
from coinnovation.models.scope import Scope
from coinnovation.results import Table
from coinnovation.sharing.fairness import (
    _RULE_WORDS,
    FairnessReport,
    RewardComparison,
    check_fairness,
    compare_agreement,
)
from coinnovation.sharing.record import ContributionWeighted
from coinnovation.sharing.rounding import Amount, format_money, format_percent, to_money
from coinnovation.sharing.rules import (
    Allocation,
    Equal,
    Myerson,
    Nucleolus,
    Proportional,
    Shapley,
)

__all__ = [
    "RULES",
    "AgreementShare",
    "RuleName",
    "contribution_game",
    "party_graph",
    "share_agreement",
]

RuleName = Literal[
    "equal", "proportional", "contribution_weighted", "shapley", "myerson", "nucleolus"
]
"""The names of the rules :func:`share_agreement` applies."""

RULES: tuple[str, ...] = (
    "equal",
    "proportional",
    "contribution_weighted",
    "shapley",
    "myerson",
    "nucleolus",
)
"""Every rule name :func:`share_agreement` accepts, in the order the docs present them."""

_UNKNOWN = "unknown"


def _sessions_of(hub: Hub, party: str) -> set[str]:
    """The sessions a party took part in: its own participations, and its members'."""
    sessions = {p.session for p in hub.participations_of(party)}
    if party in {o.id for o in hub.organisations}:
        for person in hub.members(party):
            sessions.update(p.session for p in hub.participations_of(person.id))
    return sessions


def party_graph(
    hub: Hub,
    agreement: Agreement | str,
    *,
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
) -> nx.Graph[str]:
    """Who among an agreement's parties actually worked together, from the session record.

    Two parties are tied when they took part in a common session of the scope (every
    session by default); an organisation takes part through its own participations and
    its members'. With ``nested="subtree"``, taking part in a session within a chosen
    session counts as taking part in it. The tie's ``weight`` counts the sessions shared
    and ``sessions`` lists them. Every party is a node, with its ``sector``.

    Args:
        hub: The hub.
        agreement: The agreement, or its id.
        scope: The sessions that count (:class:`~coinnovation.models.Scope`, chosen by
            :meth:`Hub.select <coinnovation.models.Hub.select>`); or give ``kind``, not
            both.
        kind: Count only sessions of this kind (or kinds), such as ``"table"``.

    Returns:
        An undirected graph on the parties.

    Raises:
        UnknownReferenceError: No such agreement, or a session id (or the challenge) of
            ``scope`` is not in the hub.
        TypeError: ``scope`` and ``kind`` both given.

    Examples:
        >>> from coinnovation import load
        >>> hub = load("examples/walsall-2023/hub.json")
        >>> G = party_graph(hub, "ag-01", kind="table")
        >>> G.has_edge("o-glucora", "o-blakenall-neighbours")
        True
        >>> from coinnovation.models import Scope
        >>> party_graph(hub, "ag-01", scope=Scope(kinds=["event"])).number_of_edges()
        6
    """
    record = hub.agreement(agreement) if isinstance(agreement, str) else agreement
    counts_for = hub.select(Scope.from_options(scope, kind=kind)).counts_for
    graph: nx.Graph[str] = nx.Graph()
    sessions: dict[str, set[str]] = {}
    for party in record.party_ids:
        sector = hub.sector_of(party)
        graph.add_node(party, sector=sector.value if sector is not None else _UNKNOWN)
        sessions[party] = {
            counted for where in _sessions_of(hub, party) for counted in counts_for[where]
        }
    parties = list(record.party_ids)
    for i, first in enumerate(parties):
        for second in parties[i + 1 :]:
            shared = sessions[first] & sessions[second]
            if shared:
                graph.add_edge(first, second, weight=len(shared), sessions=sorted(shared))
    return graph


def _time_rate(record: Agreement, rate: Amount | None) -> Money | None:
    """The value of an hour as Money in the agreement's currency (a plain number too)."""
    if rate is None:
        return None
    return to_money(rate, record.currency(), name="time_rate", minor_units=False)


def contribution_game(
    hub: Hub, agreement: Agreement | str, *, time_rate: Amount | None = None
) -> Callable[[frozenset[str]], Fraction]:
    """The value a coalition of parties could create: what it puts in, times its reach.

    Formula: v(S) = (Σ_{i∈S} c_i) · |σ(S)| / |σ(N)|, where c_i is party i's contribution
    value (:meth:`~coinnovation.models.Agreement.contribution_values`: cash, in-kind and
    valued time) and σ(S) the set of sectors S spans. A coalition's resources are worth
    their full value only when every sector of the agreement is in it: a firm's cash buys
    a product nobody uses without the community partner, and the community's time
    designs nothing without the firm. So v(N) = Σ c_i, and a party that brings the only
    link to a sector is credited for it — by Shapley, Myerson and the nucleolus alike —
    beyond its own costs. This is a modelling choice to start a negotiation from; pass
    your own value function to :class:`~coinnovation.sharing.Shapley` for another.

    The game is superadditive but not always convex. Parties of no known sector count as
    one sector of their own each.

    Args:
        hub: The hub (for the parties' sectors).
        agreement: The agreement, or its id.
        time_rate: The value of an hour of time without a rate of its own: a Money, or a
            plain number in the agreement's currency.

    Returns:
        v, taking a frozenset of party ids to an exact Fraction.

    Raises:
        InvalidAgreementError: The agreement has no parties, a party's contributions add
            up to less than 0, or its money is in more than one currency.
        InvalidAmountError: A time rate that is not a finite number of 0 or more, or in
            another currency.

    Examples:
        >>> from coinnovation.models import Agreement, Cost, Hub, Money, Organisation, Party
        >>> gbp = lambda x: Money(amount=Decimal(x), currency="GBP")
        >>> hub = Hub(organisations=(
        ...     Organisation(id="o-firm", name="Firm", sector="industry"),
        ...     Organisation(id="o-whg", name="whg", sector="community")),
        ...     agreements=(Agreement(id="ag", title="t",
        ...         parties=(Party(stakeholder="o-firm"), Party(stakeholder="o-whg")),
        ...         costs=(Cost(party="o-firm", kind="cash", amount=gbp("900")),
        ...                Cost(party="o-whg", kind="in_kind", amount=gbp("100")))),))
        >>> v = contribution_game(hub, "ag")
        >>> v(frozenset({"o-firm"})), v(frozenset({"o-firm", "o-whg"}))
        (Fraction(450, 1), Fraction(1000, 1))
    """
    record = hub.agreement(agreement) if isinstance(agreement, str) else agreement
    if not record.parties:
        raise InvalidAgreementError(
            [Problem("agreement", record.id, "parties", "the agreement has no parties")]
        )
    amounts = record.contribution_values(time_rate=_time_rate(record, time_rate))
    values = {party: Fraction(value) for party, value in amounts.items()}
    negative = [
        Problem(
            "agreement",
            record.id,
            "costs",
            f"{party!r} puts in {value} in all (refunds exceed costs): the game needs "
            "contributions of 0 or more",
        )
        for party, value in amounts.items()
        if value < 0
    ]
    if negative:
        raise InvalidAgreementError(negative)
    sector: dict[str, str] = {}
    for party in record.party_ids:
        found: Sector | None = hub.sector_of(party)
        sector[party] = found.value if found is not None else f"{_UNKNOWN}:{party}"
    spanned = len(set(sector.values()))

    def v(coalition: frozenset[str]) -> Fraction:
        if not coalition:
            return Fraction(0)
        total = sum((values[party] for party in coalition), Fraction(0))
        return total * len({sector[party] for party in coalition}) / spanned

    return v


@attrs.frozen
class AgreementShare(Table):
    """An agreement's pot shared by a rule, with the fairness checks of the result.

    As a result table (:class:`~coinnovation.results.Table`), one row per party: what it
    puts in (``contribution``), its ``share``, whether it is of the ``community`` and an
    ``equal_partner``, as ``to_frame()`` and a notebook table (money written out);
    :meth:`to_dict` holds the whole result.

    Attributes:
        agreement: The agreement's id.
        rule: The rule's name (one of :data:`RULES`).
        allocation: Who gets what, exactly, with the rule's own explanation.
        fairness: The fairness checks of the allocation against what each party puts in.
        contributions: Each party's contribution value, in the agreement's currency.
        community: The parties of the community sector.
        recorded: The reward shares recorded in the agreement beside the contribution
            shares (:func:`~coinnovation.sharing.compare_agreement`), which
            :meth:`explain` sets apart from the rule's allocation; ``None`` when not
            computed.

    Examples:
        >>> from coinnovation import load
        >>> hub = load("examples/walsall-2023/hub.json")
        >>> result = share_agreement(hub, "ag-01", rule="equal", amount=Decimal("100"))
        >>> result.community
        ('o-blakenall-neighbours', 'p-084')
    """

    agreement: str
    rule: str
    allocation: Allocation
    fairness: FairnessReport
    contributions: dict[str, Decimal]
    community: tuple[str, ...]
    recorded: RewardComparison | None = None

    def explain(self) -> str:
        """The allocation's explanation, the fairness checks, and what the agreement records.

        The last paragraph sets the rule's shares apart from the reward shares recorded in
        the agreement (those the report's agreements table shows), when it records any.

        Examples:
            >>> from coinnovation import load
            >>> hub = load("examples/walsall-2023/hub.json")
            >>> text = share_agreement(hub, "ag-01", amount=Decimal("100")).explain()
            >>> text.splitlines()[0]
            "Agreement 'ag-01', rule shapley"
        """
        parts = [
            f"Agreement {self.agreement!r}, rule {self.rule}",
            "",
            self.allocation.explain(),
            "",
            self.fairness.explain(),
        ]
        recorded = self.recorded
        if recorded is not None and recorded.reward_shares is not None:
            shares = ", ".join(
                f"{party} {format_percent(share)}"
                for party, share in recorded.reward_shares.items()
            )
            pot = format_money(self.allocation.amount, self.allocation.currency)
            words = _RULE_WORDS.get(self.rule, self.rule)
            parts += [
                "",
                f"For comparison, {recorded.reward_basis}: {shares}. The shares above are "
                f"the {words} rule's allocation of {pot}, not these.",
            ]
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (amounts as strings).

        Examples:
            >>> from coinnovation import load
            >>> hub = load("examples/walsall-2023/hub.json")
            >>> share_agreement(hub, "ag-01", rule="equal", amount=Decimal("4")).to_dict()["shares"]
            {'o-glucora': '1.00', 'o-blakenall-neighbours': '1.00', 'o-nhs-acute': '1.00', 'p-084': '1.00'}
        """
        allocation = self.allocation
        comparison = self.fairness.comparison
        return {
            "agreement": self.agreement,
            "rule": self.rule,
            "amount": str(allocation.amount),
            "currency": allocation.currency,
            "shares": {str(party): str(share) for party, share in allocation.shares.items()},
            "contributions": {party: str(value) for party, value in self.contributions.items()},
            "community": list(self.community),
            "notes": list(allocation.notes),
            "reward_basis": comparison.reward_basis if comparison else None,
            "contribution_basis": comparison.contribution_basis if comparison else None,
            "recorded_basis": self.recorded.reward_basis if self.recorded else None,
            "fairness": self.fairness.to_dict(),
        }

    label: ClassVar[str] = "party"
    columns: ClassVar[tuple[str, ...]] = ("contribution", "share", "community", "equal_partner")
    _html_limit: ClassVar[int | None] = None

    def rows(self) -> list[dict[str, Any]]:
        """One row per party: its contribution and share (exact money) and its standing.

        Examples:
            >>> from coinnovation import load
            >>> hub = load("examples/walsall-2023/hub.json")
            >>> result = share_agreement(hub, "ag-01", rule="equal", amount=Decimal("4"))
            >>> result.to_frame().loc["p-084", "share"], result.rows()[1]["community"]
            (Decimal('1.00'), True)
        """
        return [
            {
                "party": party,
                "contribution": self.contributions.get(str(party), Decimal(0)),
                "share": share,
                "community": party in self.community,
                "equal_partner": self.fairness.equal_partners.get(party),
            }
            for party, share in self.allocation.shares.items()
        ]

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        currency = self.allocation.currency
        rows = [
            (
                row["party"],
                format_money(row["contribution"], currency),
                format_money(row["share"], currency),
                row["community"],
                row["equal_partner"],
            )
            for row in self.rows()
        ]
        return ("party", "contribution", "share", "community", "equal partner"), rows

    def _caption(self) -> str:
        verdict = "passed" if self.fairness.passed else "FAILED"
        pot = format_money(self.allocation.amount, self.allocation.currency)
        return (
            f"Agreement {self.agreement}: {pot} by the {self.rule} rule; fairness checks {verdict}"
        )


def _no_currency(record: Agreement) -> InvalidAgreementError:
    """The error for an agreement whose money names no currency, when none was given."""
    message = "no cost or reward carries money: give the currency to share in"
    return InvalidAgreementError([Problem("agreement", record.id, None, message)])


def _pot(
    record: Agreement, amount: Amount | None, currency: str | None
) -> tuple[Decimal, str, list[str]]:
    """The amount to share and its currency, with a note on where they came from."""
    notes: list[str] = []
    own = record.currency()
    if isinstance(amount, Money) and currency is None:
        currency = own or amount.currency  # a Money in another currency is refused below
    if currency is not None and own is not None and currency != own:
        raise InvalidAgreementError(
            [
                Problem(
                    "agreement",
                    record.id,
                    None,
                    f"its money is in {own}, not {currency}: share it in {own}",
                )
            ]
        )
    currency = currency or own
    if amount is not None:
        if currency is None and not isinstance(amount, Money):
            raise _no_currency(record)
        pot = to_money(amount, currency)
        return pot.amount, pot.currency, notes
    if currency is None:
        raise _no_currency(record)
    valued = [r.amount.amount for r in record.rewards if r.amount is not None]
    if valued:
        total = sum(valued, Decimal(0))
        if total < 0:
            raise InvalidAgreementError(
                [
                    Problem(
                        "agreement",
                        record.id,
                        "rewards",
                        f"the rewards with a money value add up to {format_money(total, currency)}: "
                        "there is nothing to share; give amount=",
                    )
                ]
            )
        pot = to_money(total, currency, name="rewards")
        notes.append(
            "The pot is the total value of the rewards with a money value "
            f"({format_money(pot.amount, currency)})."
        )
        return pot.amount, currency, notes
    notes.append(
        f"No reward has a money value: the shares are of every {format_money(100, currency)} "
        "of reward."
    )
    return to_money(100, currency).amount, currency, notes


def share_agreement(
    hub: Hub,
    agreement: Agreement | str,
    *,
    rule: RuleName | str = "shapley",
    amount: Amount | None = None,
    currency: str | None = None,
    time_rate: Amount | None = None,
    scope: Scope | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    sector: Sector | str = Sector.COMMUNITY,
    tolerance: Decimal = Decimal(0),
    samples: int = 2000,
    seed: int | None = 0,
) -> AgreementShare:
    """Share an agreement's pot among its parties by a rule, and check the result is fair.

    The pot is ``amount``; by default the total money value of the agreement's rewards,
    or — when no reward has one — 100 units of the currency, so the shares read as
    percentages. The rules:

    - ``equal``: the same to every party;
    - ``proportional``: in proportion to each party's contribution value (cash, in
      kind, valued time);
    - ``contribution_weighted``: in proportion to what each party did in the sessions on
      the agreement's challenge (:class:`~coinnovation.sharing.ContributionWeighted`;
      every session when the agreement names no challenge);
    - ``shapley``, ``nucleolus``: in proportion to the value of each party in the
      :func:`contribution_game`;
    - ``myerson``: the same on the :func:`party_graph` — value created only by parties
      who worked together (in the sessions of ``scope``, or of ``kind``, if given).

    The fairness checks compare each party's share of the pot with its share of the
    contributions, test whether the parties of ``sector`` are at least equal partners
    (within ``tolerance``), and — for the game rules — whether the allocation is in the
    core of the game scaled to the pot.

    Args:
        hub: The hub.
        agreement: The agreement, or its id.
        rule: One of :data:`RULES`.
        amount: The amount to share, 0 or more: a plain number (int, Decimal, a decimal
            string, a float) or a Money (see :func:`~coinnovation.sharing.to_money`);
            see above for the default.
        currency: The currency, when the agreement's money does not say (a Money
            amount brings its own).
        time_rate: The value of an hour of time without a rate of its own: a Money, or a
            plain number in the pot's currency.
        scope: The sessions of the ``myerson`` party graph
            (:class:`~coinnovation.models.Scope`); or give ``kind``, not both.
        kind: Session kinds for the ``myerson`` party graph.
        sector: The sector whose parties the equal-partners check is about.
        tolerance: How far below its contribution share a party's reward share may fall
            and still count as an equal partner.
        samples: Random orders for Shapley and Myerson beyond 15 parties.
        seed: Their seed.

    Returns:
        The allocation with its fairness checks.

    Raises:
        UnknownReferenceError: No such agreement.
        InvalidAgreementError: The agreement has no parties, no currency, money in
            several currencies, rewards whose money values add up to less than 0, or
            records the rule cannot share by (every party's weight 0, a negative value).
        InvalidAmountError: An amount that is not a finite number, is negative, is finer
            than the currency's minor unit, or is in another currency.
        ValueError: An unknown rule or session kind.
        TypeError: ``scope`` and ``kind`` both given.

    Examples:
        >>> from coinnovation import load
        >>> hub = load("examples/walsall-2023/hub.json")
        >>> result = share_agreement(hub, "ag-01", rule="shapley")
        >>> {party: str(share) for party, share in result.allocation.shares.items()}
        {'o-glucora': '53.87', 'o-blakenall-neighbours': '11.91', 'o-nhs-acute': '27.08', 'p-084': '7.14'}
        >>> result.fairness.all_equal_partners, result.fairness.in_core
        (True, False)
    """
    record = hub.agreement(agreement) if isinstance(agreement, str) else agreement
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; choose one of: {', '.join(RULES)}")
    if not record.parties:
        raise InvalidAgreementError(
            [Problem("agreement", record.id, "parties", "the agreement has no parties")]
        )
    sessions = Scope.from_options(scope, kind=kind)  # checked here, read by myerson
    pot, money, notes = _pot(record, amount, currency)
    if time_rate is not None:
        time_rate = to_money(time_rate, money, name="time_rate", minor_units=False)
    contributions = record.contribution_values(time_rate=time_rate)
    parties = list(record.party_ids)
    target = Sector(sector)
    community = tuple(p for p in parties if hub.sector_of(p) is target)

    game: Callable[[frozenset[str]], Fraction] | None = None
    allocation: Allocation
    try:
        if rule == "equal":
            allocation = Equal().allocate(pot, parties, currency=money)
        elif rule == "proportional":
            allocation = Proportional.from_agreement(record, time_rate=time_rate).allocate(
                pot, currency=money
            )
        elif rule == "contribution_weighted":
            allocation = ContributionWeighted(challenge=record.challenge).allocate(
                hub, pot, currency=money, parties=record
            )
        else:
            game = contribution_game(hub, record, time_rate=time_rate)
            if rule == "shapley":
                allocation = Shapley(
                    game, parties, samples=samples, seed=seed, value_currency=money
                ).allocate(pot, currency=money)
            elif rule == "myerson":
                graph = party_graph(hub, record, scope=sessions)
                allocation = Myerson(
                    game, graph, parties, samples=samples, seed=seed, value_currency=money
                ).allocate(pot, currency=money)
            else:
                allocation = Nucleolus(game, parties, value_currency=money).allocate(
                    pot, currency=money
                )
    except CoinnovationError:
        raise
    except ValueError as error:
        # Every argument is checked by now: what the rule refuses (every weight 0, a
        # negative value) is the agreement's own record, so it is said of the agreement.
        raise InvalidAgreementError([Problem("agreement", record.id, None, str(error))]) from error
    if notes:
        allocation = attrs.evolve(allocation, notes=(*allocation.notes, *notes))
    basis = compare_agreement(hub, record, allocation=allocation, time_rate=time_rate)
    report = check_fairness(
        allocation,
        contributions,
        community=community,
        tolerance=tolerance,
        game=game,
        players=parties,
        game_currency=money,
        contribution_basis=basis.contribution_basis,
        contribution_currency=money,
        groups=basis.groups,
    )
    return AgreementShare(
        agreement=record.id,
        rule=str(rule),
        allocation=allocation,
        fairness=report,
        contributions=dict(contributions),
        community=community,
        recorded=compare_agreement(hub, record, time_rate=time_rate),
    )
