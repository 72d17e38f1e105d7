"""Issue 15, time: a note of 10,000 short lines took 30 s to export (ReportLab re-wraps the
rest of a paragraph at every page split: quadratic in its lines). Long texts are printed in
blocks of BLOCK_LINES lines; bench/ holds the time budget, this pins the cause."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehab.check import Context
from rehab.export import export_file
from rehab.handout import markup, parts
from rehab.handout.markup import BLOCK_LINES, para_blocks, para_text
from rehab.handout.render import HandoutOptions
from rehab.storage.protocol_files import load_protocol, save_protocol
from tests.conftest import ROOT

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"


def test_a_note_of_10000_lines_is_printed_in_short_paragraphs(
    tmp_path: Path, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    protocol = load_protocol(EXAMPLE).protocol
    assert protocol is not None
    first = protocol.phases[0].exercises[0].model_copy(update={"notes": "x\n" * 9999 + "x"})
    phase = protocol.phases[0].model_copy(
        update={"exercises": [first, *protocol.phases[0].exercises[1:]]}
    )
    path = tmp_path / EXAMPLE.name
    save_protocol(protocol.model_copy(update={"phases": [phase, *protocol.phases[1:]]}), path)
    texts: list[str] = []

    class Recording(parts.Paragraph):  # type: ignore[misc]
        def __init__(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            if isinstance(text, str):  # ReportLab makes its own split parts too
                texts.append(text)
            super().__init__(text, *args, **kwargs)

    monkeypatch.setattr(parts, "Paragraph", Recording)
    export_file(path, context, HandoutOptions(issue_date=date(2026, 1, 1)), tmp_path / "x.pdf")
    assert max(t.count("<br/>") for t in texts) < BLOCK_LINES
    note = [t for t in texts if t.startswith("x<br/>") or t == "x"]
    assert sum(t.count("x") for t in note) == 10_000  # every line printed


@given(st.text(alphabet=st.sampled_from("a <&\n\r\t"), max_size=400))
def test_blocks_say_what_one_paragraph_said(text: str) -> None:
    blocks = para_blocks(text)
    if len(blocks) == 1:
        assert blocks == [para_text(text)]
    else:
        lines = "<br/>".join(blocks).split("<br/>")
        expected = para_text(text).split("<br/>")
        assert len(lines) == len(expected)
        for got, want in zip(lines, expected, strict=True):
            assert got == (want if want.strip() else "\u00a0")
        assert all(b.count("<br/>") < markup.BLOCK_LINES for b in blocks)
