"""Is it more than chance? Significance and uncertainty for what the library measures.

A network measure on one hub is one number. Whether it says more than chance depends on
what chance would give: this package compares each statistic with its values under a
null model and reports p-values and intervals.

- :class:`NullTest`: one statistic against its null distribution (observed value, the
  draws, p-values with the ``+ 1`` correction, a plain-English reading); :func:`holm`
  adjusts several p-values for testing them together.
- :func:`graph_correlation`, :func:`qap_test` and :func:`qap_regression`
  (:mod:`~coinnovation.inference.qap`): do two networks on the same actors go together
  more than chance? QAP correlation and multiple-regression QAP.
- :func:`bootstrap` (:mod:`~coinnovation.inference.bootstrap`): how sure is each actor's
  centrality? Resampling the sessions gives intervals and the probability that one
  actor ranks above another, in a :class:`BootstrapResult`; :func:`heart_bootstrap`
  does the same for the heart report's indicators (:class:`HeartBootstrap`).
- :func:`permutation_test` and :func:`permutation_tests`: the E-I index, assortativity,
  the mixing matrix and the brokerage roles against node-label permutation (UCINET's
  test) or a degree-preserving bipartite null (:class:`BipartiteNull`); results of
  several tests together are :class:`NullTests`. :func:`heart_tests`: the heart report's
  network indicators against relabelled sectors. :func:`heart_report_tested`: the heart
  report with those p-values and intervals attached to its indicators.

The package reads the networks (:mod:`coinnovation.network`) and the heart indicators
(:mod:`coinnovation.heart`); the report and the command line show its results.

Examples:
    >>> from coinnovation.inference import NullTest
    >>> NullTest("E-I index", -0.4, [0.0, 0.1, -0.1], "labels", "relabellings").p_less
    0.25
"""

from coinnovation.inference.bootstrap import (
    BootstrapResult,
    HeartBootstrap,
    bootstrap,
    heart_bootstrap,
)
from coinnovation.inference.permutation import (
    HEART_INDICATORS,
    MAX_LABELLINGS,
    BipartiteNull,
    NullTests,
    heart_tests,
    permutation_test,
    permutation_tests,
)
from coinnovation.inference.qap import (
    QAPRegression,
    graph_correlation,
    qap_regression,
    qap_test,
)
from coinnovation.inference.reporting import (
    HISTOGRAM_BINS,
    heart_report_tested,
    interval_of,
    significance_of,
)
from coinnovation.inference.results import NullTest, holm

__all__ = [
    "HEART_INDICATORS",
    "HISTOGRAM_BINS",
    "MAX_LABELLINGS",
    "BipartiteNull",
    "BootstrapResult",
    "HeartBootstrap",
    "NullTest",
    "NullTests",
    "QAPRegression",
    "bootstrap",
    "graph_correlation",
    "heart_bootstrap",
    "heart_report_tested",
    "heart_tests",
    "holm",
    "interval_of",
    "permutation_test",
    "permutation_tests",
    "qap_regression",
    "qap_test",
    "significance_of",
]
