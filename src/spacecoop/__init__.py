"""spacecoop: an open knowledge graph of international space cooperation.

Importing the package does no work; each stage lives in its own module:
``load`` -> ``infer`` -> ``validate`` -> ``query`` / ``analyse`` -> ``render`` / ``export``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("spacecoop")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
