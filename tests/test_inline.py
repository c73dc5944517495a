"""What the HTML pages carry inline: script-safe JSON and the CSP hashes of their blocks."""

import base64
import doctest
import hashlib
import json

import pytest

import spacecoop.inline
from spacecoop.inline import json_for_script, source_hashes


@pytest.mark.parametrize("text", [
    "</script><script>alert(1)</script>", "<!--<script>", "a & b > c", "line\u2028sep\u2029para", "日本",
])
def test_json_for_script_escapes_everything_that_could_break_out(text):
    value = {"label": text, "list": [text]}
    encoded = json_for_script(value)
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == value


def test_json_for_script_refuses_what_json_parse_would_not_read():
    with pytest.raises(ValueError):
        json_for_script({"weight": float("nan")})


def test_source_hashes_are_the_base64_sha256_of_each_block_in_order():
    empty = base64.b64encode(hashlib.sha256(b"").digest()).decode()
    assert empty == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    japan = base64.b64encode(hashlib.sha256("日本".encode()).digest()).decode()
    assert source_hashes(["", "日本"]) == f"'sha256-{empty}' 'sha256-{japan}'"
    assert source_hashes([]) == ""


def test_the_doctest_runs():
    result = doctest.testmod(spacecoop.inline)
    assert (result.failed, result.attempted) == (0, 1)
