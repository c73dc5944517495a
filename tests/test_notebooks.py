"""The notebooks are kept without outputs, use only the package's public modules, and the
README links each of them. (They run top to bottom through nbmake in the same pytest run.)"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_the_three_notebooks():
    assert [p.name for p in NOTEBOOKS] == [
        "01_getting_started.ipynb", "02_japan_space_diplomacy.ipynb", "03_multilateral_network.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_outputs_are_stripped(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, "strip outputs before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_section_opens_with_prose_and_code_imports_only_public_modules(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert cells[0]["cell_type"] == "markdown"
    for cell in cells[1:]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            assert len(text.split("\n", 1)[-1].strip()) > 40, "a section needs a paragraph"
        if cell["cell_type"] == "code":
            assert not re.search(r"from spacecoop\.\w+ import _|spacecoop\.\w+\._", text)
            assert "def _" not in text


def test_the_readme_links_every_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"(notebooks/{path.name})" in readme
