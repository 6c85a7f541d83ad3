"""Tools for testing code that uses coinnovation.

- :mod:`coinnovation.testing.strategies` — hypothesis strategies for valid,
  referentially consistent records and hubs (needs the ``testing`` extra).
- :mod:`coinnovation.testing.synthetic` — seeded generators of large synthetic hubs, for
  benchmarks and scale tests (no extra needed).

Examples:
    >>> import coinnovation.testing
    >>> coinnovation.testing.__name__
    'coinnovation.testing'
"""
