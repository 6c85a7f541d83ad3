"""Sharing costs and rewards: exact money splits, sharing rules, games and fairness checks.

- :func:`to_money` reads an amount given as a plain number or a Money, the same way for
  every rule; :func:`split` divides money exactly to the minor unit (largest remainder);
  :func:`format_money` and :func:`format_percent` write money and shares for people;
- rules — :class:`Equal`, :class:`Proportional`, :class:`ContributionWeighted`,
  :class:`InvolvementPayment`, :class:`Shapley`, :class:`Myerson`, :class:`Nucleolus` —
  return an :class:`Allocation` whose shares add up exactly to the amount, with a
  plain-English ``explain()``;
- :func:`shapley_value`, :func:`myerson_value` and :func:`nucleolus` value any
  cooperative game given as ``v(coalition: frozenset) -> number``;
- :func:`compare_rewards` and :func:`compare_agreement` put each party's reward share
  beside its contribution share, saying what each share is (the one computation the
  fairness checks, the heart report and the report all use);
- :func:`check_fairness` checks an allocation: Gini, rewards against contributions,
  equal partners, efficiency and the core;
- :func:`share_agreement` does all of it for an agreement in a hub.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.sharing import split
    >>> split(Decimal("1.00"), {"whg": 1, "acme": 2}, currency="GBP")
    {'whg': Decimal('0.33'), 'acme': Decimal('0.67')}
"""

from coinnovation.sharing.agreement import (
    RULES,
    AgreementShare,
    RuleName,
    contribution_game,
    party_graph,
    share_agreement,
)
from coinnovation.sharing.contribution import (
    DEFAULT_CONTRIBUTION_POINTS,
    DEFAULT_ROLE_MULTIPLIERS,
    ContributionBreakdown,
    ContributionWeighted,
)
from coinnovation.sharing.fairness import (
    FairnessReport,
    RewardComparison,
    Weighting,
    check_fairness,
    compare_agreement,
    compare_rewards,
    gini,
)
from coinnovation.sharing.games import (
    EXACT_LIMIT,
    Game,
    ShapleyEstimate,
    core_violations,
    excesses,
    graph_restricted,
    in_core,
    myerson_value,
    nucleolus,
    shapley_estimate,
    shapley_value,
    value_function,
)
from coinnovation.sharing.involvement import (
    Expense,
    ExpenseKind,
    InvolvementPayment,
    OwedPayment,
)
from coinnovation.sharing.pocket import (
    OutOfPocketCheck,
    agreement_out_of_pocket,
    check_out_of_pocket,
    out_of_pocket,
)
from coinnovation.sharing.record import HourCounting, PartyLevel
from coinnovation.sharing.rounding import (
    Amount,
    Weight,
    format_money,
    format_percent,
    split,
    to_money,
)
from coinnovation.sharing.rules import (
    Allocation,
    Equal,
    Myerson,
    Nucleolus,
    Proportional,
    Shapley,
)

__all__ = [
    "DEFAULT_CONTRIBUTION_POINTS",
    "DEFAULT_ROLE_MULTIPLIERS",
    "EXACT_LIMIT",
    "RULES",
    "AgreementShare",
    "Allocation",
    "Amount",
    "ContributionBreakdown",
    "ContributionWeighted",
    "Equal",
    "Expense",
    "ExpenseKind",
    "FairnessReport",
    "Game",
    "HourCounting",
    "InvolvementPayment",
    "Myerson",
    "Nucleolus",
    "OutOfPocketCheck",
    "OwedPayment",
    "PartyLevel",
    "Proportional",
    "RewardComparison",
    "RuleName",
    "Shapley",
    "ShapleyEstimate",
    "Weight",
    "Weighting",
    "agreement_out_of_pocket",
    "check_fairness",
    "check_out_of_pocket",
    "compare_agreement",
    "compare_rewards",
    "contribution_game",
    "core_violations",
    "excesses",
    "format_money",
    "format_percent",
    "gini",
    "graph_restricted",
    "in_core",
    "myerson_value",
    "nucleolus",
    "out_of_pocket",
    "party_graph",
    "shapley_estimate",
    "shapley_value",
    "share_agreement",
    "split",
    "to_money",
    "value_function",
]
