"""The ``brokerage`` indicator: does the sector connect the others?

The sector's share of the Gould and Fernandez (1989) brokerage roles on the collaboration
network read as directed, overall and per role, against its share of the nodes.

References:
    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach
    to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> round(report["brokerage"].value, 3), report["brokerage"].key
    (0.417, '0.381 = its share of the nodes; higher is better')
"""

from __future__ import annotations

import numpy as np

from coinnovation.heart._context import _Context, _Network, _Number, _ratio
from coinnovation.heart.report import Indicator, _indicator
from coinnovation.network.groups import brokerage

__all__: list[str] = []

#: The Gould–Fernandez roles reported, in the order of the report.
_ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")

#: The group of nodes with no sector, for brokerage (no sector value is spelled so).
_NO_SECTOR = "unknown"


def _brokerage(ctx: _Context, network: _Network) -> Indicator:
    label = ctx.label
    definition = (
        "Gould and Fernandez's (1989) brokerage on the collaboration network read as "
        "directed, each tie an arc both ways: v brokers the ordered pair (a, b) when "
        "a → v → b, a ≠ b and there is no arc a → b. By sector: coordinator (a, v and b "
        "in one sector), gatekeeper (b in v's sector, a not), representative (a in v's "
        "sector, b not), itinerant or consultant (a and b in one sector, v in another), "
        "liaison (three different sectors). Value = share_total = brokerages held by "
        f"{label} nodes ÷ all brokerages; share_<role> the same for each role; against "
        f"node_share = {label} nodes ÷ n. Nodes of no known sector form one group."
    )
    reading = (
        f"A share above node_share means the {label} sector brokers more than its numbers "
        "alone would give it. The liaison and representative shares say whether it links "
        "the other sectors and carries its own sector's word out; a gatekeeper share far "
        "above the others says the rest reach it mostly through a few of its members."
    )
    nodes, member, evidence = network.nodes, network.member.tolist(), network.evidence
    n = len(nodes)
    members = sum(member)
    notes: list[str | None] = [ctx.none_note()]
    figures: dict[str, _Number] = {"share_total": None}
    figures.update({f"share_{role}": None for role in _ROLES})
    figures.update(
        {"node_share": _ratio(members, n), "brokerages": 0, f"{ctx.sector.value}_brokerages": 0}
    )
    if n == 0:
        notes.append("no collaboration network: no participations in the sessions chosen")
        return _indicator(
            "brokerage",
            None,
            definition=definition,
            reading=reading,
            evidence=evidence,
            figures=figures,
            notes=notes,
            reason="no collaboration network: no participations in the sessions chosen",
        )
    # The network's edge list, read as arrays (no networkx graph): each tie is an arc both
    # ways. The components where everyone is tied to everyone are left out: nobody
    # brokers there.
    result = brokerage(network.restricted(network.between), "sector", default=_NO_SECTOR)
    held = result.groups.get(ctx.sector.value, dict.fromkeys(result.totals, 0))
    totals = result.totals
    value = _ratio(held["total"], totals["total"])
    figures["share_total"] = value
    for role in _ROLES:
        figures[f"share_{role}"] = _ratio(held[role], totals[role])
    figures["brokerages"] = totals["total"]
    figures[f"{ctx.sector.value}_brokerages"] = held["total"]
    if totals["total"] == 0:
        notes.append(
            "nobody brokers: every two stakeholders with a common partner are tied "
            "themselves (a session with everyone ties everyone: choose sessions with kind=)"
        )
    elif not members:
        notes.append(
            f"no {label}-sector node in the network: it brokers nothing because it is not "
            "there (see the sessions chosen)"
        )
    # Only the nodes that may broker were searched (``_Network.between``): the others
    # broker nothing.
    between = network.between
    counts: dict[str, list[int]] = {}
    for role in (*_ROLES, "total"):
        column = np.zeros(n, dtype=np.int64)
        column[between] = result.nodes.columns[role]
        counts[role] = column.tolist()
    data = network.data
    details = [
        {
            "node": node,
            "name": data[i].get("name"),
            "sector": data[i].get("sector"),
            ctx.sector.value: member[i],
            **{role: counts[role][i] for role in counts},
        }
        for i, node in enumerate(nodes)
    ]
    missing = [role for role in _ROLES if totals[role] > 0 and held[role] == 0]
    return _indicator(
        "brokerage",
        value,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged={"role_not_held": missing},
        notes=notes,
        neutral=figures["node_share"],
    )
