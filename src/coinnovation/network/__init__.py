"""Who collaborates with whom: networks from the session record, and their measures.

Examples:
    >>> import coinnovation.network
    >>> coinnovation.network.NodeTable.__name__
    'NodeTable'
"""

from coinnovation.network._tables import NodeTable

__all__ = ["NodeTable"]
