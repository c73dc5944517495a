"""What a self-contained HTML page (a map, the query page) carries inline: data as JSON that
cannot break out of its ``<script>`` element, and the hashes by which its Content Security
Policy lets exactly its own scripts and styles run."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def json_for_script(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element.

    Keys are sorted, non-ASCII is kept as is, and ``<``, ``>``, ``&``, U+2028 and U+2029 are
    written as ``\\uXXXX`` escapes, so no string in the data can close the element, open a
    comment or be read as markup; ``JSON.parse`` gives back the same value.

    >>> json_for_script({"b": "</script>", "a": "日本"})
    '{"a":"日本","b":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def source_hashes(blocks: list[str]) -> str:
    """The CSP source list that allows exactly these inline blocks: ``'sha256-…'`` each."""
    digests = (hashlib.sha256(block.encode("utf-8")).digest() for block in blocks)
    return " ".join(f"'sha256-{base64.b64encode(d).decode('ascii')}'" for d in digests)
