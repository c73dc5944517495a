"""The analysis stage: views read from the graph, networks built from them, their metrics and
the sheet's indicators. One module per concept; this package gathers their public names, so
notebooks write ``from spacecoop import analyse`` and ``analyse.read_views(store)``."""

from .indicators import indicators
from .maps import focus_nodes, map_graph, two_mode
from .metrics import (
    COMMUNITY_SEED,
    bilateral_states,
    centrality,
    eigenvector,
    framework_growth,
    partners,
)
from .network import (
    DEFAULT_WEIGHTS,
    bipartite,
    ego,
    network,
    weighted,
    weighted_network,
)
from .views import Affiliation, Event, Views, certainty, kept, read_views

__all__ = [
    "COMMUNITY_SEED",
    "DEFAULT_WEIGHTS",
    "Affiliation",
    "Event",
    "Views",
    "certainty",
    "bilateral_states",
    "bipartite",
    "centrality",
    "ego",
    "eigenvector",
    "focus_nodes",
    "framework_growth",
    "indicators",
    "kept",
    "map_graph",
    "network",
    "partners",
    "read_views",
    "two_mode",
    "weighted",
    "weighted_network",
]
