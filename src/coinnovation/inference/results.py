r"""What a test against a null model returns: :class:`NullTest`, and :func:`holm`.

Every test in :mod:`coinnovation.inference` — a permutation test of a group measure, a QAP
test of two networks — compares one observed statistic with the values the same
statistic takes in networks drawn from a null model (random relabellings of the nodes,
rewired affiliations, permuted rows and columns). :class:`NullTest` keeps the observed
value, the whole null distribution (for plotting), how it was drawn (null model, number
of draws, seed) and the p-values computed from it, with a plain-English reading.

p-values (Phipson and Smyth 2010; North, Curtis and Sham 2002). With ``n`` random draws
:math:`s_1, \dots, s_n` and observed value :math:`s`:

.. math::

    p_{\ge} = \frac{1 + \#\{i : s_i \ge s\}}{n + 1}, \qquad
    p_{\le} = \frac{1 + \#\{i : s_i \le s\}}{n + 1}, \qquad
    p_{2} = \frac{1 + \#\{i : |s_i - \bar{s}| \ge |s - \bar{s}|\}}{n + 1}

where :math:`\bar{s}` is the mean of the null distribution. The ``+ 1`` counts the
observed labelling as one of the draws, so a p-value is never 0 and is valid (not
anti-conservative) for any ``n``. When the draws are *every* labelling, once each
(``exact=True``), the p-values are the plain fractions, without the ``+ 1``. Values are
compared with a relative tolerance of 1e-9, so a draw that equals the observed value up
to floating-point rounding counts as equal.

References:
    Holm, S. (1979). A simple sequentially rejective multiple test procedure.
    *Scandinavian Journal of Statistics* 6(2), 65–70.

    North, B. V., Curtis, D. and Sham, P. C. (2002). A note on the calculation of
    empirical p values from Monte Carlo procedures. *American Journal of Human Genetics*
    71(2), 439–441.

    Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero.
    *Statistical Applications in Genetics and Molecular Biology* 9(1), article 39.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from coinnovation.results import Table

__all__ = ["NullTest", "holm"]

#: Relative tolerance within which a null value counts as equal to the observed one.
TOLERANCE = 1e-9


def _readonly_floats(values: ArrayLike) -> NDArray[np.float64]:
    array = np.array(values, dtype=np.float64).ravel()
    array.flags.writeable = False
    return array


def _optional_float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _count(values: NDArray[np.float64], observed: float, side: str) -> int:
    slack = TOLERANCE * max(1.0, abs(observed))
    if side == "greater":
        return int(np.count_nonzero(values >= observed - slack))
    return int(np.count_nonzero(values <= observed + slack))


@attrs.frozen(eq=False)
class NullTest(Table):
    """One statistic against its null distribution: observed value, draws and p-values.

    Attributes:
        statistic: What was measured, in words (``"E-I index, whole network"``).
        observed: The statistic on the data; ``None`` when it cannot be computed (then
            ``reason`` says why and every p-value is ``None``).
        null: The statistic in each draw from the null model, in the order drawn
            (read-only; draws where it cannot be computed are left out, and counted in
            ``undefined``).
        null_model: The null model's name (``"labels"``, ``"bipartite"``, ``"qap"``).
        draws: What one draw is, in words, plural (``"random relabellings of sector"``):
            the reading says "seen in 3 of 10,000 random relabellings of sector".
        seed: The seed the draws came from (``None``: unseeded or exact).
        exact: Whether ``null`` holds every labelling once (p-values are then exact
            fractions, without the ``+ 1``).
        reason: Why ``observed`` is ``None``; ``None`` otherwise.
        undefined: Draws in which the statistic could not be computed.
        details: Anything else the test reports (for a QAP regression, the coefficient's
            name), as plain data.

    Examples:
        >>> test = NullTest("E-I index", 0.5, [0.1, -0.2, 0.5, 0.0], "labels",
        ...                 "random relabellings of sector", seed=1)
        >>> test.permutations, test.p_greater, test.p_less
        (4, 0.4, 1.0)
        >>> print(test.reading())
        E-I index = 0.5; as high or higher in 1 of 4 random relabellings of sector (p = 0.4, one-sided; null mean 0.1, sd 0.29)
    """

    statistic: str
    observed: float | None = attrs.field(converter=_optional_float)
    null: NDArray[np.float64] = attrs.field(converter=_readonly_floats)
    null_model: str
    draws: str
    seed: int | None = None
    exact: bool = False
    reason: str | None = None
    undefined: int = 0
    details: dict[str, Any] = attrs.field(factory=dict)

    label: ClassVar[str | None] = "statistic"
    columns: ClassVar[tuple[str, ...]] = (
        "observed",
        "null_mean",
        "null_sd",
        "p_greater",
        "p_less",
        "p_two_sided",
        "permutations",
        "null_model",
        "seed",
    )

    @property
    def permutations(self) -> int:
        """The number of draws the p-values rest on (``len(null)``)."""
        return int(self.null.size)

    @property
    def null_mean(self) -> float | None:
        """The mean of the null distribution; ``None`` without draws."""
        return float(self.null.mean()) if self.null.size else None

    @property
    def null_sd(self) -> float | None:
        """The standard deviation of the null distribution (n - 1); ``None`` under 2 draws."""
        return float(self.null.std(ddof=1)) if self.null.size > 1 else None

    def _p(self, hits: int) -> float | None:
        if self.observed is None or self.null.size == 0:
            return None
        if self.exact:
            return hits / self.null.size
        return (hits + 1) / (self.null.size + 1)

    @property
    def p_greater(self) -> float | None:
        """One-sided p-value for "higher than chance": draws at least as high as observed."""
        if self.observed is None:
            return None
        return self._p(_count(self.null, self.observed, "greater"))

    @property
    def p_less(self) -> float | None:
        """One-sided p-value for "lower than chance": draws at most as high as observed."""
        if self.observed is None:
            return None
        return self._p(_count(self.null, self.observed, "less"))

    @property
    def p_two_sided(self) -> float | None:
        """Two-sided p-value: draws at least as far from the null mean as observed."""
        mean = self.null_mean
        if self.observed is None or mean is None:
            return None
        distance = np.abs(self.null - mean)
        return self._p(_count(distance, abs(self.observed - mean), "greater"))

    def p_value(self, alternative: str = "two-sided") -> float | None:
        """The p-value for ``alternative``: ``"greater"``, ``"less"`` or ``"two-sided"``.

        Raises:
            ValueError: For any other ``alternative``.

        Examples:
            >>> NullTest("x", 2.0, [0.0, 1.0, 3.0], "labels", "draws").p_value("greater")
            0.5
        """
        if alternative == "greater":
            return self.p_greater
        if alternative == "less":
            return self.p_less
        if alternative == "two-sided":
            return self.p_two_sided
        raise ValueError(
            f"alternative must be 'greater', 'less' or 'two-sided', not {alternative!r}"
        )

    def hits(self, alternative: str = "two-sided") -> int | None:
        """How many draws are at least as extreme as the observed value, for ``alternative``.

        The count the p-value is made of: ``p = (1 + hits) / (1 + permutations)``
        (``hits / permutations`` when exact). ``None`` without an observed value or draws.

        Raises:
            ValueError: An ``alternative`` other than ``"greater"``, ``"less"`` or
                ``"two-sided"``.

        Examples:
            >>> test = NullTest("x", 2.0, [0.0, 1.0, 3.0], "labels", "draws")
            >>> test.hits("greater"), test.hits("less"), test.hits("two-sided")
            (1, 2, 2)
        """
        if alternative not in ("greater", "less", "two-sided"):
            raise ValueError(
                f"alternative must be 'greater', 'less' or 'two-sided', not {alternative!r}"
            )
        if self.observed is None or self.null.size == 0:
            return None
        if alternative == "two-sided":
            mean = float(self.null.mean())
            return _count(np.abs(self.null - mean), abs(self.observed - mean), "greater")
        return _count(self.null, self.observed, alternative)

    def reading(self, alternative: str | None = None) -> str:
        """The result in plain English, on the side the observed value falls.

        Args:
            alternative: ``"greater"``, ``"less"`` or ``"two-sided"``; by default the side
                of the null mean the observed value lies on.

        Examples:
            >>> NullTest("x", None, [], "labels", "draws", reason="no ties").reading()
            'x: not computed — no ties'
        """
        if self.observed is None:
            return f"{self.statistic}: not computed — {self.reason or 'no value'}"
        if self.null.size == 0:
            return f"{self.statistic} = {self.observed:.3g}; no draws from the null model"
        mean = float(self.null.mean())
        side = alternative or ("greater" if self.observed >= mean else "less")
        if side == "two-sided":
            hits = _count(np.abs(self.null - mean), abs(self.observed - mean), "greater")
            words = "as far from the null mean or further"
        else:
            hits = _count(self.null, self.observed, side)
            words = "as high or higher" if side == "greater" else "as low or lower"
        p = self.p_value(side)
        sd = self.null_sd
        spread = f", sd {sd:.2g}" if sd is not None else ""
        kind = "two-sided" if side == "two-sided" else "one-sided"
        exact = ", exact" if self.exact else ""
        return (
            f"{self.statistic} = {self.observed:.3g}; {words} in {hits:,} of "
            f"{self.null.size:,} {self.draws} (p = {p:.2g}, {kind}{exact}; "
            f"null mean {mean:.2g}{spread})"
        )

    def rows(self) -> list[dict[str, Any]]:
        """The test as one row: the statistic, observed value, null summary and p-values.

        Examples:
            >>> NullTest("x", 1.0, [0.0, 2.0], "labels", "draws").rows()[0]["p_two_sided"]
            1.0
        """
        return [
            {
                "statistic": self.statistic,
                "observed": self.observed,
                "null_mean": self.null_mean,
                "null_sd": self.null_sd,
                "p_greater": self.p_greater,
                "p_less": self.p_less,
                "p_two_sided": self.p_two_sided,
                "permutations": self.permutations,
                "null_model": self.null_model,
                "seed": self.seed,
            }
        ]


def holm(p_values: Sequence[float | None]) -> list[float | None]:
    r"""Holm's step-down adjustment of several p-values, for testing many indicators at once.

    With the ``m`` defined p-values sorted :math:`p_{(1)} \le \dots \le p_{(m)}`, the
    adjusted value of the ``i``-th smallest is
    :math:`\max_{j \le i} \min\{1, (m - j + 1)\, p_{(j)}\}` (Holm 1979): it controls
    the chance of any false "more than chance" across all ``m`` at the level chosen,
    whatever their dependence. ``None`` stays ``None`` and does not count in ``m``.

    Args:
        p_values: The p-values, in any order.

    Returns:
        The adjusted p-values, in the order given.

    Examples:
        >>> holm([0.01, 0.04, None, 0.03])
        [0.03, 0.06, None, 0.06]
    """
    defined = [(p, i) for i, p in enumerate(p_values) if p is not None]
    for p, i in defined:
        if not 0.0 <= p <= 1.0 or p != p:
            raise ValueError(f"p-value {i} is {p!r}, not a number between 0 and 1")
    m = len(defined)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(sorted(defined)):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = round(running, 15)
    return adjusted
