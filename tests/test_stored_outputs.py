"""The checked-output comparison finds a changed, a missing and a masked output."""

import json

from .stored_outputs import TAG, mismatches


def _nb(path, text, tags=(TAG,), cell_id="c1"):
    cell = {
        "cell_type": "code",
        "id": cell_id,
        "metadata": {"tags": list(tags)},
        "source": ["table\n"],
        "outputs": [{"output_type": "execute_result", "data": {"text/plain": text}}],
    }
    path.write_text(json.dumps({"cells": [cell]}))
    return path


def test_a_changed_output_is_named_and_a_same_one_passes(tmp_path):
    stored = _nb(tmp_path / "s.ipynb", "a  1.00\nb  2.00")
    assert mismatches(_nb(tmp_path / "same.ipynb", "a  1.00\nb  2.00"), stored) == []
    (line,) = mismatches(_nb(tmp_path / "new.ipynb", "a  1.00\nb  2.01"), stored)
    assert "cell c1 ('table')" in line and "2.01" in line


def test_a_checked_cell_that_did_not_run_and_masked_addresses(tmp_path):
    stored = _nb(tmp_path / "s.ipynb", "<object at 0x7f00aa11bb22>")
    assert mismatches(_nb(tmp_path / "r.ipynb", "<object at 0x7f99cc33dd44>"), stored) == []
    assert "did not run" in mismatches(_nb(tmp_path / "o.ipynb", "x", cell_id="c2"), stored)[0]
    untagged = _nb(tmp_path / "u.ipynb", "anything", tags=())
    assert mismatches(_nb(tmp_path / "v.ipynb", "else"), untagged) == []
