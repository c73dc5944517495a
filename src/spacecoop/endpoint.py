"""Kept for existing imports: the local endpoint lives in server.py, remote stores in remote.py."""

from .remote import graph_size, parse_answer, push, remote_select, target  # noqa: F401
from .server import (  # noqa: F401
    DEFAULT_MAX_ROWS,
    DEFAULT_PORT,
    Settings,
    free_port,
    oxigraph_command,
    prepare_store,
    query_page,
    script_json,
    serve,
    server_arguments,
    wait_for_port,
)
