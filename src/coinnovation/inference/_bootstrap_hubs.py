"""A hub rebuilt from a bootstrap resample of some of its sessions (private).

For the heart report, which reads a whole hub: each draw of a resampled session becomes a
session of its own (id ``"<id>:b<k>"`` for draw ``k``) carrying copies of the
participations, contributions and framings recorded there; sessions not drawn leave with
theirs. References follow: a contribution answering (a framing reframing) one of the same
session points at the copy of the same draw, one elsewhere at the first copy (nothing
when the session was not drawn); agreements, outcomes and stage changes that name a
resampled session or contribution name its first copy (or nothing). Everything else is
kept as recorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import attrs
import numpy as np
from numpy.typing import NDArray

from coinnovation.models.challenges import Challenge, Framing
from coinnovation.models.hub import Hub
from coinnovation.models.sessions import Contribution, Participation, Session


def _copy_id(record: str, draw: int) -> str:
    return f"{record}:b{draw}"


@attrs.frozen(eq=False)
class Plan:
    """What a resample of ``chosen`` rebuilds, worked out once for every resample."""

    hub: Hub
    chosen: tuple[str, ...]
    position: dict[str, int]
    contribution_home: dict[str, int]
    framing_home: dict[str, int]

    @classmethod
    def of(cls, hub: Hub, chosen: Sequence[str]) -> Plan:
        """The plan for resampling ``chosen`` (sessions without subsessions).

        Raises:
            ValueError: A chosen session has subsessions.
        """
        position = {session: index for index, session in enumerate(chosen)}
        parents = [s.id for s in hub.sessions if s.parent in position]
        if parents:
            raise ValueError(
                "the heart bootstrap resamples sessions without subsessions, and "
                f"{hub.session(parents[0]).parent!r} has some: choose the sessions where "
                "people worked together (kind='table')"
            )
        return cls(
            hub,
            tuple(chosen),
            position,
            {c.id: position[c.session] for c in hub.contributions if c.session in position},
            {
                f.id: position[f.session]
                for f in hub.framings
                if f.session is not None and f.session in position
            },
        )

    def resample(self, drawn: NDArray[np.int64]) -> tuple[Hub, tuple[str, ...]]:
        """The hub of one resample, and the ids of the resampled sessions' copies."""
        hub = self.hub
        draws: dict[int, list[int]] = defaultdict(list)
        for k, index in enumerate(drawn.tolist()):
            draws[index].append(k)
        first = {index: ks[0] for index, ks in draws.items()}

        def session_ref(session: str | None) -> str | None:
            if session is None or session not in self.position:
                return session
            k = first.get(self.position[session])
            return None if k is None else _copy_id(session, k)

        def moved(record: str | None, home: dict[str, int], here: int, k: int) -> str | None:
            """A reference to a contribution or framing, from draw ``k`` of session ``here``."""
            if record is None or record not in home:
                return record
            if home[record] == here:
                return _copy_id(record, k)
            other = first.get(home[record])
            return None if other is None else _copy_id(record, other)

        sessions: list[Session] = []
        copies: list[str] = []
        for session in hub.sessions:
            index = self.position.get(session.id)
            if index is None:
                sessions.append(session)
                continue
            for k in draws.get(index, ()):
                copy = _copy_id(session.id, k)
                sessions.append(session.model_copy(update={"id": copy}))
                copies.append(copy)
        participations: list[Participation] = []
        for participation in hub.participations:
            index = self.position.get(participation.session)
            if index is None:
                participations.append(participation)
                continue
            participations.extend(
                participation.model_copy(
                    update={
                        "id": _copy_id(participation.id, k),
                        "session": _copy_id(participation.session, k),
                    }
                )
                for k in draws.get(index, ())
            )
        contributions: list[Contribution] = []
        for contribution in hub.contributions:
            index = self.position.get(contribution.session)
            if index is None:
                answered = moved(contribution.responds_to, self.contribution_home, -1, -1)
                if answered != contribution.responds_to:
                    contribution = contribution.model_copy(update={"responds_to": answered})
                contributions.append(contribution)
                continue
            contributions.extend(
                contribution.model_copy(
                    update={
                        "id": _copy_id(contribution.id, k),
                        "session": _copy_id(contribution.session, k),
                        "responds_to": moved(
                            contribution.responds_to, self.contribution_home, index, k
                        ),
                    }
                )
                for k in draws.get(index, ())
            )
        framings: list[Framing] = []
        for framing in hub.framings:
            index = None if framing.session is None else self.position.get(framing.session)
            if index is None:
                reframed = moved(framing.reframes, self.framing_home, -1, -1)
                if reframed != framing.reframes:
                    framing = framing.model_copy(update={"reframes": reframed})
                framings.append(framing)
                continue
            framings.extend(
                framing.model_copy(
                    update={
                        "id": _copy_id(framing.id, k),
                        "session": _copy_id(str(framing.session), k),
                        "reframes": moved(framing.reframes, self.framing_home, index, k),
                    }
                )
                for k in draws.get(index, ())
            )

        def solution(record: str | None) -> str | None:
            return moved(record, self.contribution_home, -1, -1)

        challenges: list[Challenge] = []
        for challenge in hub.challenges:
            history = tuple(
                change.model_copy(update={"session": session_ref(change.session)})
                if change.session in self.position
                else change
                for change in challenge.stage_history
            )
            if history != challenge.stage_history:
                challenge = challenge.model_copy(update={"stage_history": history})
            challenges.append(challenge)
        agreements = []
        for agreement in hub.agreements:
            solutions = tuple(
                found for found in map(solution, agreement.solutions) if found is not None
            )
            reference = session_ref(agreement.session)
            if solutions != agreement.solutions or reference != agreement.session:
                agreement = agreement.model_copy(
                    update={"solutions": solutions, "session": reference}
                )
            agreements.append(agreement)
        outcomes = []
        for outcome in hub.outcomes:
            reference, answer = session_ref(outcome.session), solution(outcome.solution)
            if reference != outcome.session or answer != outcome.solution:
                outcome = outcome.model_copy(update={"session": reference, "solution": answer})
            outcomes.append(outcome)
        fields = {name: getattr(hub, name) for name in Hub.model_fields}
        fields.update(
            challenges=tuple(challenges),
            framings=tuple(framings),
            sessions=tuple(sessions),
            participations=tuple(participations),
            contributions=tuple(contributions),
            agreements=tuple(agreements),
            outcomes=tuple(outcomes),
        )
        rebuilt = Hub(**fields)
        return rebuilt, tuple(copies)
