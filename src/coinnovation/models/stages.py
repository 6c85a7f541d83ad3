"""The stage model: the stages a hub's challenges go through and which moves are allowed.

A :class:`StageModel` is data: it lists the stages in order and the moves
(:class:`Transition`) a challenge may make between them. Without explicit transitions the
model is *linear with iteration*: a challenge moves forward one stage at a time and may go
back to any earlier stage to rework it, but never skips ahead. A hub carries its model in
``Hub.stages`` and ``Hub.transitions``, and gives it as ``Hub.process``;
:data:`DEFAULT_PROCESS` is the six-stage co-innovation model and :data:`DOUBLE_DIAMOND`
the Design Council's four-stage one. Making the moves, and tracing what came of them, is
the work of :mod:`coinnovation.lineage`.

Examples:
    >>> DEFAULT_PROCESS.allowed("ideation")
    ('framing', 'co_design')
    >>> DEFAULT_PROCESS.can_move("framing", "piloting")
    False
    >>> DOUBLE_DIAMOND.stages
    ('discover', 'define', 'develop', 'deliver')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Self

from pydantic import model_validator

from coinnovation.models.base import Record
from coinnovation.models.challenges import StageName
from coinnovation.models.vocabularies import DEFAULT_STAGES

__all__ = ["DEFAULT_PROCESS", "DOUBLE_DIAMOND", "StageModel", "Transition", "transition_problems"]


class Transition(Record):
    """One allowed move between two stages.

    Attributes:
        source: The stage moved from.
        target: The stage moved to.

    Examples:
        >>> Transition(source="piloting", target="co_design").target
        'co_design'
    """

    source: StageName
    target: StageName


class StageModel(Record):
    """A stage model: the stages, in order, and the moves allowed between them.

    Attributes:
        name: What the stage model is called.
        stages: The stages, in order; each once.
        transitions: The allowed moves; ``None`` for the default rule (forward one stage,
            or back to any earlier stage). A move to the stage a challenge is already at
            is never a move.

    Raises:
        pydantic.ValidationError: A stage is listed twice, or a transition names a stage
            the model does not list.

    Examples:
        >>> strict = StageModel.linear(["idea", "build", "test"], back=False)
        >>> strict.allowed("build")
        ('test',)
        >>> StageModel(stages=("a", "b"), transitions=(Transition(source="a", target="c"),))
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for StageModel
          Value error, transitions[0].target: 'c' is not one of the stages ...
    """

    name: str | None = None
    stages: tuple[StageName, ...] = DEFAULT_STAGES
    transitions: tuple[Transition, ...] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = transition_problems(self.stages, self.transitions)
        if problems:
            raise ValueError("; ".join(f"{field}: {message}" for field, message in problems))
        return self

    @classmethod
    def linear(cls, stages: Sequence[str], *, back: bool = True, name: str | None = None) -> Self:
        """A stage model that moves forward one stage at a time, optionally going back.

        Args:
            stages: The stages, in order.
            back: Whether a challenge may return to any earlier stage.
            name: The stage model's name.

        Returns:
            The model, with its transitions listed explicitly.

        Examples:
            >>> [(t.source, t.target) for t in StageModel.linear(["a", "b", "c"]).transitions]
            [('a', 'b'), ('b', 'a'), ('b', 'c'), ('c', 'a'), ('c', 'b')]
        """
        listed = tuple(stages)
        moves = [
            Transition(source=source, target=target)
            for i, source in enumerate(listed)
            for j, target in enumerate(listed)
            if j == i + 1 or (back and j < i)
        ]
        return cls(name=name, stages=listed, transitions=tuple(moves))

    def allowed(self, source: str) -> tuple[str, ...]:
        """The stages a challenge at ``source`` may move to, in stage order.

        Args:
            source: A stage of the model.

        Returns:
            The allowed targets.

        Raises:
            ValueError: ``source`` is not one of the stages.

        Examples:
            >>> DEFAULT_PROCESS.allowed("evaluation")
            ('framing', 'ideation', 'co_design', 'piloting', 'adoption')
        """
        if source not in self.stages:
            raise ValueError(f"{source!r} is not one of the stages: {', '.join(self.stages)}")
        if self.transitions is None:
            at = self.stages.index(source)
            return tuple(
                stage for index, stage in enumerate(self.stages) if index < at or index == at + 1
            )
        targets = {t.target for t in self.transitions if t.source == source and t.target != source}
        return tuple(stage for stage in self.stages if stage in targets)

    def can_move(self, source: str, target: str) -> bool:
        """Whether a challenge at ``source`` may move to ``target``.

        Examples:
            >>> DEFAULT_PROCESS.can_move("piloting", "co_design")
            True
        """
        return source in self.stages and target in self.allowed(source)

    def why_not(self, source: str, target: str) -> str | None:
        """Why a move is refused, in plain words; ``None`` when it is allowed.

        Examples:
            >>> print(DEFAULT_PROCESS.why_not("framing", "piloting"))
            the process allows from 'framing' only: ideation
        """
        if source not in self.stages:
            return f"{source!r} is not one of the stages"
        if target not in self.stages:
            return f"{target!r} is not one of the stages: {', '.join(self.stages)}"
        if source == target:
            return f"the challenge is already at {target!r}"
        allowed = self.allowed(source)
        if target in allowed:
            return None
        if not allowed:
            return f"{source!r} is a final stage"
        return f"the process allows from {source!r} only: {', '.join(allowed)}"


def transition_problems(
    stages: Sequence[str], transitions: Iterable[Transition] | None
) -> list[tuple[str, str]]:
    """What is wrong with a list of stages and transitions, as ``(field, message)`` pairs.

    Args:
        stages: The stages.
        transitions: The transitions, or ``None``.

    Returns:
        The problems; empty when the model is sound.

    Examples:
        >>> transition_problems(["a", "a"], None)
        [('stages', "stage 'a' is listed twice")]
    """
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for stage in stages:
        if stage in seen:
            found.append(("stages", f"stage {stage!r} is listed twice"))
        seen.add(stage)
    for index, transition in enumerate(transitions or ()):
        for end in ("source", "target"):
            stage = getattr(transition, end)
            if stage not in seen:
                found.append(
                    (
                        f"transitions[{index}].{end}",
                        f"{stage!r} is not one of the stages ({', '.join(stages)})",
                    )
                )
    return found


DEFAULT_PROCESS = StageModel(name="co-innovation", stages=DEFAULT_STAGES)
"""The default stage model: framing → ideation → co-design → piloting → evaluation →
adoption, moving forward one stage at a time or back to any earlier stage."""

DOUBLE_DIAMOND = StageModel(
    name="double diamond", stages=("discover", "define", "develop", "deliver")
)
"""The Design Council's Double Diamond (2005): discover → define → develop → deliver, with
the same forward-one, back-any rule."""
