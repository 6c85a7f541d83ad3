"""The ``reach`` indicator: do the people taking part come from the most deprived communities?

The share of participating people from communities of a deprived IMD decile (English
Indices of Deprivation 2019, MHCLG), over those communities' share of the population
served.

References:
    Ministry of Housing, Communities and Local Government (2019). *The English Indices
    of Deprivation 2019*. MHCLG.

Examples:
    >>> import coinnovation as co
    >>> from coinnovation.heart import heart_report
    >>> hub = co.load("examples/walsall-2023/hub.json")
    >>> report = heart_report(hub, kind="table")
    >>> round(report["reach"].value, 3), report["reach"].figures["people"]
    (0.605, 90)
"""

from __future__ import annotations

from collections import Counter

from coinnovation.heart._context import _Context, _Evidence, _Number, _ratio
from coinnovation.heart.report import Indicator, _indicator

__all__: list[str] = []


def _reach(ctx: _Context, deprived: frozenset[int]) -> Indicator:
    hub = ctx.hub
    deciles = ", ".join(str(decile) for decile in sorted(deprived)) or "none"
    definition = (
        "Whether the people taking part come from the most deprived communities served, in "
        "proportion. people_share = distinct people who took part in a session and belong "
        f"to a community of IMD decile {deciles} ÷ all distinct people who took part (a "
        "person's communities are their own, else those of every organisation they are "
        "a member of; decile 1 is the most deprived tenth of areas in the English Indices "
        "of Deprivation 2019, MHCLG). population_share = the population of those "
        "communities ÷ the population of every community with a population recorded. "
        "Value = people_share ÷ population_share."
    )
    reading = (
        "1 means people from deprived communities take part in proportion to their share "
        "of the population served; above 1 they are over-represented (often the aim of "
        "community co-innovation), below 1 the hub reaches the better-off. People linked "
        "to no community count as not from a deprived one, so a low value may also mean "
        "missing records."
    )
    evidence = _Evidence()
    evidence.add("community", (community.id for community in hub.communities))
    participations = ctx.participations
    with_person = [i for i, person in enumerate(participations.people) if person is not None]
    evidence.add("participation", participations.take(participations.ids, with_person))
    people = list(dict.fromkeys(participations.take(participations.people, with_person)))
    evidence.add("person", people)
    # Each person's organisations, each once, in membership order (Hub.organisations_of).
    records = {person.id: person for person in hub.people}
    organisations = {organisation.id: organisation for organisation in hub.organisations}
    member_of: dict[str, dict[str, None]] = {}
    for membership in hub.memberships:
        member_of.setdefault(membership.person, {})[membership.organisation] = None
    deprived_ids = {c.id for c in hub.communities if c.imd_decile in deprived}
    reached: Counter[str] = Counter()
    deprived_people = without = 0
    for person_id in people:
        linked = records[person_id].communities
        if not linked:
            held = [organisations[o] for o in member_of.get(person_id, ())]
            linked = tuple(dict.fromkeys(c for o in held for c in o.communities))
            if linked:
                evidence.add("organisation", (o.id for o in held if o.communities))
        if not linked:
            without += 1
        reached.update(dict.fromkeys(linked, 1))
        if not deprived_ids.isdisjoint(linked):
            deprived_people += 1
    recorded = any(community.imd_decile is not None for community in hub.communities)
    populated = [c for c in hub.communities if c.population is not None]
    population = sum(c.population for c in populated if c.population is not None)
    deprived_population = sum(
        c.population for c in populated if c.population is not None and c.imd_decile in deprived
    )
    notes: list[str | None] = []
    people_share = population_share = value = None
    if not people:
        notes.append("no person is recorded taking part in a session")
    if not recorded:
        notes.append("the hub records no IMD decile for any community: reach is not computable")
    if not population:
        notes.append("the hub records no community population: reach is not computable")
    if recorded:
        people_share = _ratio(deprived_people, len(people))
        if population:
            population_share = deprived_population / population
            if population_share == 0:
                notes.append(
                    f"no population is recorded in communities of decile {deciles}: "
                    "the ratio is undefined"
                )
    if people_share is not None and population_share:
        value = people_share / population_share
    if without:
        notes.append(f"{without} of {len(people)} people who took part are linked to no community")
    details = [
        {
            "community": community.id,
            "name": community.name,
            "imd_decile": community.imd_decile,
            "population": community.population,
            "deprived": None if community.imd_decile is None else community.imd_decile in deprived,
            "people": reached[community.id],
        }
        for community in hub.communities
    ]
    unreached = [c.id for c in hub.communities if c.imd_decile in deprived and not reached[c.id]]
    figures: dict[str, _Number] = {
        "ratio": value,
        "people_share": people_share,
        "population_share": population_share,
        "people": len(people),
        # Unknown (None), not 0, when no decile or no population is recorded at all.
        "deprived_people": deprived_people if recorded else None,
        "people_without_community": without,
        "population": population if populated else None,
        "deprived_population": deprived_population if populated and recorded else None,
    }
    return _indicator(
        "reach",
        value,
        definition=definition,
        reading=reading,
        evidence=evidence,
        details=details,
        figures=figures,
        flagged={"unreached": unreached},
        notes=notes,
    )
