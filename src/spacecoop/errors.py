"""Errors the command line turns into a message and an exit code, never a traceback."""


class SpacecoopError(Exception):
    """Base class: the message is for the user and says what to do."""

    exit_code = 2


class InputError(SpacecoopError):
    """A file could not be read or parsed; the message names the file and line."""


class UsageError(SpacecoopError):
    """A command, query name or parameter is not known or not valid."""


class QueryError(SpacecoopError):
    """A SPARQL query could not be parsed or run."""


class EndpointError(SpacecoopError):
    """A SPARQL endpoint or server could not be reached or refused a request."""
