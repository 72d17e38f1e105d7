"""The built-in library matches CONTRACT section 2 exactly and is internally consistent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rehab.check import Context
from rehab.domain.components import COMPONENTS
from rehab.storage.library_files import LibraryError, load_library

SEEDS = {
    "000": "000_45bc958d68dccb18.txt",
    "001": "001_6b71af7c1fc3102c.txt",
    "002": "002_2d19fa92f52b26ed.txt",
    "003": "003_ec303cd18adea985.txt",
    "004": "004_5d504f33a9a76899.txt",
}

# CONTRACT section 2 (components as corrected by version 2 of the clinical reference):
# id -> (seed, dosing, components)
LYING_STRAIGHT_LEG = {"neural-tension", "hamstring-lengthening", "hip-flexion-90"}
CONTRACT = {
    "assisted-lying-gastrocnemius-stretch": (
        "000",
        "hold",
        {"passive-dorsiflexion", "partner-force", "supine-lying", *LYING_STRAIGHT_LEG},
    ),
    "strap-lying-gastrocnemius-stretch": (
        "000",
        "hold",
        {"passive-dorsiflexion", "supine-lying", *LYING_STRAIGHT_LEG},
    ),
    "donkey-calf-raise": (
        "001",
        "reps",
        {
            "loaded-plantarflexion",
            "dorsiflexion-below-neutral",
            "hip-flexion-90",
            "spinal-load",
            "hamstring-lengthening",
        },
    ),
    "standing-gastrocnemius-stretch": ("002", "hold", {"weight-bearing-dorsiflexion"}),
    "standing-soleus-stretch": (
        "002",
        "hold",
        {"weight-bearing-dorsiflexion", "weight-bearing-knee-flexion"},
    ),
    "floor-calf-raise": ("002", "reps", {"loaded-plantarflexion"}),
    "double-leg-calf-raise": (
        "002",
        "reps",
        {"loaded-plantarflexion", "dorsiflexion-below-neutral"},
    ),
    "double-leg-bent-knee-calf-raise": (
        "002",
        "reps",
        {"loaded-plantarflexion", "dorsiflexion-below-neutral", "weight-bearing-knee-flexion"},
    ),
    "single-leg-calf-raise": (
        "002",
        "reps",
        {"loaded-plantarflexion", "dorsiflexion-below-neutral", "single-leg-stance"},
    ),
    "single-leg-bent-knee-calf-raise": (
        "002",
        "reps",
        {
            "loaded-plantarflexion",
            "dorsiflexion-below-neutral",
            "single-leg-stance",
            "weight-bearing-knee-flexion",
        },
    ),
    "assisted-lying-hamstring-stretch": (
        "003",
        "hold",
        {
            "hip-flexion-90",
            "neural-tension",
            "hamstring-lengthening",
            "partner-force",
            "supine-lying",
            "passive-dorsiflexion",
        },
    ),
    "patella-maltracking-calf-stretch": (
        "004",
        "hold",
        {"weight-bearing-dorsiflexion", "weight-bearing-knee-flexion"},
    ),
    "patella-maltracking-calf-stretch-straight-leg": (
        "004",
        "hold",
        {"weight-bearing-dorsiflexion"},
    ),
}
BILATERAL = {
    "donkey-calf-raise",
    "floor-calf-raise",
    "double-leg-calf-raise",
    "double-leg-bent-knee-calf-raise",
}


def test_library_keeps_every_contract_id(context: Context) -> None:
    assert set(CONTRACT) <= set(context.library.ids)


@pytest.mark.parametrize("exercise_id", sorted(CONTRACT))
def test_entry_matches_contract(context: Context, exercise_id: str) -> None:
    seed, dosing, components = CONTRACT[exercise_id]
    exercise = context.library.get(exercise_id)
    assert exercise is not None
    assert exercise.dosing == dosing
    assert set(exercise.components) == components
    assert exercise.laterality == ("bilateral" if exercise_id in BILATERAL else "unilateral")
    assert SEEDS[seed] in exercise.source
    assert exercise.instructions and exercise.tips and exercise.mistakes and exercise.stop_if


@pytest.mark.parametrize("exercise_id", sorted(CONTRACT))
def test_defaults_lie_inside_their_own_ranges(context: Context, exercise_id: str) -> None:
    exercise = context.library.get(exercise_id)
    assert exercise is not None
    d, r = exercise.defaults, exercise.ranges
    assert d.sets in r.sets
    assert d.times_per_day in r.times_per_day
    if exercise.dosing == "hold":
        assert r.hold_seconds is not None and d.hold_seconds in r.hold_seconds
        amount = d.hold_seconds or 0
    else:
        assert r.reps is not None and d.reps in r.reps
        amount = d.reps or 0
    assert amount * d.sets * d.times_per_day <= r.daily_max


def test_components_progressions_and_regressions_resolve(context: Context) -> None:
    assert context.library.dangling_references() == []
    for exercise in context.library.exercises():
        assert set(exercise.components) <= set(COMPONENTS)


def test_progressions_and_regressions_are_mirrored(context: Context) -> None:
    """If B is a progression of A, A should be a regression of B (and vice versa)."""
    lib = context.library
    for exercise in lib.exercises():
        for target in exercise.progressions:
            other = lib.get(target)
            assert other is not None
            if exercise.id not in other.regressions:
                # Only allowed where the progression has more than one easier way in.
                assert other.regressions, (exercise.id, target)


def test_library_texts_are_not_copied_from_the_seeds(context: Context) -> None:
    """Facts carry over, sentences do not: no 8-word run of a seed appears in an entry."""
    seeds_dir = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds_dir.is_dir():
        pytest.skip("seed documents are not beside this checkout")
    seed_words = " ".join(" ".join(p.read_text().lower().split()) for p in seeds_dir.glob("*.txt"))
    for exercise in context.library.exercises():
        texts = [
            *exercise.instructions,
            *exercise.tips,
            *exercise.mistakes,
            *exercise.stop_if,
            exercise.summary,
        ]
        for text in texts:
            words = text.lower().split()
            for i in range(len(words) - 7):
                run = " ".join(words[i : i + 8])
                assert run not in seed_words, (exercise.id, run)


def test_search_by_words_muscle_component_and_equipment(context: Context) -> None:
    lib = context.library
    assert {e.id for e in lib.search("soleus step")} == {
        "double-leg-bent-knee-calf-raise",
        "single-leg-bent-knee-calf-raise",
        "eccentric-heel-drop-bent-knee",
        "towel-heel-raise",  # its equipment is "step or wall for balance"
        "patella-maltracking-calf-stretch",  # its equipment is "block or low step"
    }
    assert {e.id for e in lib.search("assisted", muscle="hamstrings")} == {
        "assisted-lying-hamstring-stretch"
    }
    assert {e.id for e in lib.search("calf", component="hip-flexion-90")} == {
        "donkey-calf-raise",
        "assisted-lying-gastrocnemius-stretch",
        "strap-lying-gastrocnemius-stretch",
        "long-sitting-towel-calf-stretch",
    }
    assert {e.id for e in lib.search("strap lying gastrocnemius")} == {
        "strap-lying-gastrocnemius-stretch"
    }
    assert [e.id for e in lib.search("CALF RAISE", category="stretch")] == []
    assert {e.id for e in lib.search("", category="plyometric")} == {"pogo-hop"}
    assert {e.id for e in lib.search("", category="nerve-glide")} == {
        "slump-nerve-slider",
        "slr-nerve-slider",
    }
    assert {e.id for e in lib.search("ankle", equipment="band")} == {
        "banded-ankle-dorsiflexion",
        "banded-ankle-plantarflexion",
        "banded-ankle-inversion",
        "banded-ankle-eversion",
    }
    assert {e.id for e in lib.search("", mode="eccentric")} == {
        "single-leg-calf-raise",
        "single-leg-bent-knee-calf-raise",
        "single-leg-floor-heel-raise",
        "eccentric-heel-drop",
        "eccentric-heel-drop-bent-knee",
    }
    assert len(lib.search("")) == len(lib)
    # Name matches rank first.
    assert lib.search("donkey")[0].id == "donkey-calf-raise"


def test_search_matches_composed_and_decomposed_text(context: Context) -> None:
    assert context.library.search("Soleus") == context.library.search("soleus")


ENTRY = (
    Path(__file__).parent.parent / "rehab" / "data" / "exercises" / "floor-calf-raise.toml"
).read_text()


def _clinic_entry(folder: Path, exercise_id: str, text: str | None = None) -> Path:
    body = (text or ENTRY).replace('id = "floor-calf-raise"', f'id = "{exercise_id}"')
    path = folder / f"{exercise_id}.toml"
    path.write_text(body)
    return path


def test_clinic_folder_adds_entries(tmp_path: Path) -> None:
    _clinic_entry(tmp_path, "wall-sit-calf-raise")
    library = load_library([tmp_path])
    assert "wall-sit-calf-raise" in library
    assert len(library) == len(load_library()) + 1


def test_clinic_entry_clashing_with_builtin_is_an_error(tmp_path: Path) -> None:
    _clinic_entry(tmp_path, "floor-calf-raise")
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path])
    [problem] = info.value.problems
    assert problem.path.endswith("floor-calf-raise.toml")
    assert problem.field == "id"
    assert "already defined" in problem.message


def test_bad_clinic_entry_names_file_line_and_field(tmp_path: Path) -> None:
    text = ENTRY.replace('"loaded-plantarflexion"]', '"loaded-plantarflexon"]')
    _clinic_entry(tmp_path, "typo-calf-raise", text)
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path])
    [problem] = info.value.problems
    assert problem.path.endswith("typo-calf-raise.toml")
    assert problem.field == "components[0]"
    assert problem.line == 1 + ENTRY.splitlines().index(
        next(line for line in ENTRY.splitlines() if line.startswith("components = "))
    )
    assert "loaded-plantarflexion" in problem.message  # lists the allowed values


def test_clinic_entry_with_dangling_progression_is_an_error(tmp_path: Path) -> None:
    text = re.sub(r"(?m)^progressions = .*$", 'progressions = ["no-such-raise"]', ENTRY)
    _clinic_entry(tmp_path, "lonely-raise", text)
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path])
    assert "no-such-raise" in str(info.value)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/v.mp4", "must start with https:// or http://"),
        ("javascript:alert(1)", "must start with https:// or http://"),
        ("https://", "must name a host"),
        ("https:///path-only", "must name a host"),
        ("https://example.org/a video", "must not contain spaces"),
        ("https://example.org/\x1b[2J", "must not contain spaces or control characters"),
        ("https://example.org:port/", "is not a valid web address"),
        ("https://example.org/" + "x" * 2100, "at most 2083 characters"),
    ],
)
def test_clinic_entry_video_url_must_be_a_web_address(
    tmp_path: Path, url: str, message: str
) -> None:
    quoted = json.dumps(url)  # a JSON string is a TOML basic string (\u001b included)
    _clinic_entry(tmp_path, "video-calf-raise", f"video_url = {quoted}\n" + ENTRY)
    with pytest.raises(LibraryError) as info:
        load_library([tmp_path])
    [problem] = info.value.problems
    assert problem.field == "video_url"
    assert message in problem.message


def test_clinic_entry_video_url_is_kept_as_written(tmp_path: Path) -> None:
    url = "https://Example.org:8443/v?x=1&y=2#t=10"
    _clinic_entry(tmp_path, "video-calf-raise", f'video_url = "{url}"\n' + ENTRY)
    exercise = load_library([tmp_path]).get("video-calf-raise")
    assert exercise is not None and exercise.video_url == url
