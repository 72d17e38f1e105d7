"""Figures on the handout, as files (`rehab show --figure`, `rehab figures`), in the library
schema, and clinic entries' figures and images checked at load with file, line and field."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pypdf
import pytest

from rehab.check import Context
from rehab.handout.render import HandoutOptions, render_handout
from rehab.storage.library_files import LibraryError, load_library
from rehab.storage.protocol_files import load_protocol
from tests.conftest import ROOT, Result, run_process
from tests.test_figures import AWAITING_FIGURE

Cli = Callable[..., Result]
OPTIONS = HandoutOptions(issue_date=date(2026, 11, 21), version="test")
ENTRY = (ROOT / "rehab" / "data" / "exercises" / "floor-calf-raise.toml").read_text()


def _handout(context: Context, library: object | None = None) -> bytes:
    loaded = load_protocol(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    assert loaded.protocol is not None
    return render_handout(loaded.protocol, library or context.library, context.catalog, [], OPTIONS)


def test_the_handout_draws_each_figure_and_stays_byte_identical(context: Context) -> None:
    from rehab.domain.library import Library

    first, second = _handout(context), _handout(context)
    assert first == second
    bare = Library.of(e.model_copy(update={"figure": None}) for e in context.library.exercises())
    without = _handout(context, bare)
    pages = pypdf.PdfReader(io.BytesIO(first)).pages
    drawn = b"".join(page.get_contents().get_data() for page in pages)
    plain = b"".join(
        page.get_contents().get_data() for page in pypdf.PdfReader(io.BytesIO(without)).pages
    )
    # The figures are vector paths (no images) labelled Start and End on each exercise.
    assert drawn.count(b" re") + drawn.count(b" l ") > plain.count(b" re") + plain.count(b" l ")
    text = "".join(page.extract_text() for page in pages)
    assert text.count("Start") >= 5 and "/Subtype /Image" not in first.decode("latin-1")


def test_show_figure_writes_png_svg_and_pdf(cli: Cli, tmp_path: Path) -> None:
    for suffix in ("png", "svg", "pdf"):
        out = tmp_path / f"soleus.{suffix}"
        result = cli("show", "standing-soleus-stretch", "--figure", str(out))
        assert result.code == 0, result.err
        data = out.read_bytes()
        if suffix == "png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
            from PIL import Image

            image = Image.open(io.BytesIO(data))
            assert image.height >= 35 / 25.4 * 150  # 35 mm at the file's 150 dpi
            assert image.convert("L").getextrema()[0] == 0  # black ink on it
        elif suffix == "svg":
            root = ET.fromstring(data)
            assert root.tag.endswith("svg") and len(root) > 50
        else:
            assert data.startswith(b"%PDF") and b"Start" not in data  # text is a font subset
            assert "Start" in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    left = tmp_path / "left.svg"
    assert cli("show", "standing-soleus-stretch", "--figure", str(left), "--side", "left").code == 0
    assert left.read_bytes() != (tmp_path / "soleus.svg").read_bytes()


def test_show_figure_refuses_other_formats_without_writing(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "x.gif"
    result = cli("show", "standing-soleus-stretch", "--figure", str(out))
    assert result.code == 2 and ".png" in result.err
    assert not out.exists()


def test_figures_gallery_lists_every_exercise(cli: Cli, tmp_path: Path, context: Context) -> None:
    out = tmp_path / "gallery.pdf"
    result = cli("figures", str(out))
    assert result.code == 0, result.err
    drawn = sorted(set(context.library.ids) - AWAITING_FIGURE)
    assert f"{len(drawn)} figures" in result.out
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in pypdf.PdfReader(out).pages))
    for exercise_id in drawn:
        assert f"({exercise_id})" in text
    if AWAITING_FIGURE:  # named, so a clinic sees which pictures are missing
        missing = re.search(r"without a figure: (.*)", result.out)
        assert missing and set(missing.group(1).split(", ")) == AWAITING_FIGURE
    else:
        assert "without a figure" not in result.out
    assert cli("figures", str(tmp_path / "g.png")).code == 2


def test_schema_library_publishes_the_figure_keys(cli: Cli) -> None:
    result = cli("schema", "--library")
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    assert schema["title"] == "rehab exercise library entry"
    defs = schema["$defs"]
    assert {"Figure", "Pose", "Leg", "Arm", "Prop", "Arrow", "Box"} <= set(defs)
    assert set(defs["Leg"]["properties"]) == {
        "hip",
        "knee",
        "ankle",
        "toes",
        "abduction",
        "rotation",
        "opening",
        "inversion",
        "lifted",
    }
    assert "flight" in defs["Pose"]["properties"]
    assert {"to", "behind"} <= set(defs["Prop"]["properties"])
    assert {"circle", "hold"} <= set(defs["Arrow"]["properties"])
    assert {"anchor", "tilt", "one_leg"} <= set(defs["Figure"]["properties"])
    bases = {"side-lying", "crook-lying", "sit-to-stand"}
    assert bases <= set(defs["Figure"]["properties"]["base"]["enum"])
    kinds = defs["Prop"]["properties"]["kind"]["enum"]
    assert set(kinds) == {
        "wall",
        "step",
        "chair",
        "mat",
        "strap",
        "towel",
        "rail",
        "block",
        "band",
        "partner",
        "post",
        "roll",
        "bed",
        "cushion",
        "weight",
    }
    assert {"circle", "hold", "length"} <= set(defs["Arrow"]["properties"])
    assert "image" in schema["properties"]
    protocol = json.loads(cli("schema").out)
    assert protocol["title"].startswith("rehab protocol")


def _clinic(folder: Path, text: str, name: str = "wall-calf-raise") -> Path:
    path = folder / f"{name}.toml"
    path.write_text(text.replace('id = "floor-calf-raise"', f'id = "{name}"'))
    return path


def test_clinic_figure_with_a_knee_bent_backwards_names_file_line_and_field(
    tmp_path: Path,
) -> None:
    lines = ENTRY.splitlines()
    start = lines.index("[figure.start]")
    index = next(i for i in range(start, len(lines)) if lines[i].startswith("working_leg"))
    lines[index] = "working_leg = { knee = -30 }"
    path = _clinic(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path])
    first = info.value.problems[0]
    assert first.path == str(path)
    assert first.field == "figure.start.working_leg.knee"
    assert first.line == index + 1
    assert "bends backwards" in first.message


def test_clinic_figure_through_the_cli_is_a_clear_error(tmp_path: Path) -> None:
    text = ENTRY.replace("[figure.start]\n", "[figure.start]\nhead = 80\n", 1)
    _clinic(tmp_path, text)
    result = run_process("library", env={"REHAB_LIBRARY": str(tmp_path)})
    assert result.code == 1
    assert "wall-calf-raise.toml:" in result.err and "figure.start.head" in result.err
    assert "Traceback" not in result.err


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, format="PNG")
    return out.getvalue()


def _with_image(image: str) -> str:
    without = ENTRY[: ENTRY.index("\n[figure]")] + "\n"
    return without.replace("\nsource = ", f'\nimage = "{image}"\nsource = ', 1)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("pictures/missing.png", None, "not found"),
        ("pictures/fake.png", b"not a picture at all", "not a PNG or JPEG"),
        ("pictures/tiny.png", "tiny", "pixels a side"),
        ("pictures/named.jpg", "png", "is a PNG file but is named .jpg"),
    ],
)
def test_clinic_image_is_checked_for_type_and_size(
    tmp_path: Path, name: str, content: bytes | str | None, words: str
) -> None:
    (tmp_path / "pictures").mkdir()
    if content == "tiny":
        (tmp_path / name).write_bytes(_png(20, 20))
    elif content == "png":
        (tmp_path / name).write_bytes(_png(300, 200))
    elif isinstance(content, bytes):
        (tmp_path / name).write_bytes(content)
    _clinic(tmp_path, _with_image(name))
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path])
    [problem] = info.value.problems
    assert problem.field == "image" and problem.line is not None
    assert words in problem.message


def test_clinic_image_that_is_a_real_png_or_jpeg_loads(tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "a.png").write_bytes(_png(400, 300))
    jpeg = io.BytesIO()
    Image.new("RGB", (320, 240), (255, 255, 255)).save(jpeg, format="JPEG")
    (tmp_path / "pictures" / "b.jpeg").write_bytes(jpeg.getvalue())
    _clinic(tmp_path, _with_image("pictures/a.png"), "png-calf-raise")
    _clinic(tmp_path, _with_image("pictures/b.jpeg"), "jpeg-calf-raise")
    library = load_library([tmp_path])
    entry = library.get("jpeg-calf-raise")
    assert entry is not None and entry.image == "pictures/b.jpeg"


@pytest.mark.parametrize(
    ("image", "words"),
    [("/etc/x.png", "relative"), ("../x.png", "inside"), ("pictures/x.gif", "PNG or JPEG")],
)
def test_image_names_outside_the_folder_or_of_other_types_are_refused(
    tmp_path: Path, image: str, words: str
) -> None:
    _clinic(tmp_path, _with_image(image))
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path])
    assert any(p.field == "image" and words in p.message for p in info.value.problems)


def test_an_entry_gives_a_figure_or_an_image_not_both(tmp_path: Path) -> None:
    text = ENTRY.replace("\nsource = ", '\nimage = "a.png"\nsource = ', 1)
    _clinic(tmp_path, text)
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path])
    assert any("not both" in p.message for p in info.value.problems)


def test_show_figure_of_an_entry_without_one_says_so(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    _clinic(folder, ENTRY[: ENTRY.index("\n[figure]")] + "\n", "plain-calf-raise")
    out = tmp_path / "x.png"
    result = cli("show", "plain-calf-raise", "--figure", str(out), "--library", str(folder))
    assert result.code == 1 and "has no figure" in result.err
    assert not out.exists()
    gallery = cli("figures", str(tmp_path / "g.pdf"), "--library", str(folder))
    missing = re.search(r"without a figure: (.*)", gallery.out)
    assert gallery.code == 0 and missing and "plain-calf-raise" in missing.group(1).split(", ")


def test_a_clinic_image_prints_on_the_handout(tmp_path: Path, context: Context) -> None:
    from rehab.domain.protocol import Phase, Prescription, Protocol

    folder = tmp_path / "lib"
    (folder / "pictures").mkdir(parents=True)
    (folder / "pictures" / "a.png").write_bytes(_png(400, 300))
    _clinic(folder, _with_image("pictures/a.png"), "photo-calf-raise")
    library = load_library([folder])
    entry = library.get("photo-calf-raise")
    assert entry is not None and entry.image_file == str(folder / "pictures" / "a.png")
    loaded = load_protocol(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    assert loaded.protocol is not None
    phase = Phase(name="One", weeks=1, exercises=[Prescription(exercise="photo-calf-raise")])
    protocol: Protocol = loaded.protocol.model_copy(update={"phases": [phase]})
    pdf = render_handout(protocol, library, context.catalog, [], OPTIONS)
    assert "/Subtype /Image" in pdf.decode("latin-1")
    assert pdf == render_handout(protocol, library, context.catalog, [], OPTIONS)
