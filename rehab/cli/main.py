"""`rehab` entry point: parse arguments, run one command, map every outcome to an exit code.

Exit codes (docs/cli.md): 0 no errors, 1 at least one error, 2 usage error. Bad input
never produces a traceback; an unexpected internal error prints one line and exits 1.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from rehab import __version__
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError
from rehab.terminal import one_line


class _Parser(argparse.ArgumentParser):
    """argparse quotes what the user typed in its errors: a file name holding an escape
    sequence would reach the terminal raw."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)}\n")


# command name -> module under rehab.cli.commands; imported only when the command runs.
_COMMANDS = {
    "edit": "edit",
    "check": "check",
    "library": "library",
    "show": "show",
    "conditions": "conditions",
    "new": "new",
    "fmt": "fmt",
    "schema": "schema",
    "export": "export",
    "diff": "diff",
    "figures": "figures",
    "clinic": "clinic",
}

ENTRY_SCHEMA = "<library-entry-schema>"
"""What a bare `rehab schema --library` leaves in args.library (a folder is a Path)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rehab",
        description="Build, check and print physiotherapy exercise protocols.",
        epilog="Run 'rehab COMMAND --help' for the options of a command. "
        "With no command, rehab opens the editor on ./protocols.",
    )
    parser.add_argument("--version", action="version", version=f"rehab {__version__}")
    parser.add_argument(
        "--library",
        metavar="DIR",
        action="append",
        type=Path,
        default=None,
        help="extra exercise library folder (repeatable; also REHAB_LIBRARY)",
    )
    parser.add_argument("--no-color", action="store_true", help="never use colour")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # The global options also work after the command (`rehab diff a b --no-color`), as users
    # type them; SUPPRESS keeps a value given before the command when none is given after.
    common = _Parser(add_help=False)
    common.add_argument(
        "--library",
        metavar="DIR",
        action="append",
        type=Path,
        default=argparse.SUPPRESS,
        help="extra exercise library folder (repeatable; also REHAB_LIBRARY)",
    )
    common.add_argument(
        "--no-color", action="store_true", default=argparse.SUPPRESS, help="never use colour"
    )

    p = sub.add_parser("edit", parents=[common], help="open the editor on a protocol")
    p.add_argument("file", nargs="?", type=Path, help="protocol file (created when missing)")

    p = sub.add_parser("check", parents=[common], help="validate protocol files or folders")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: protocols/)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="check every file afresh (unchanged files are normally taken from the cache)",
    )

    p = sub.add_parser(
        "export", parents=[common], help="write the PDF handout of a protocol (or a folder)"
    )
    p.add_argument("file", metavar="FILE", type=Path, help="protocol file, or a folder")
    p.add_argument("-o", "--output", type=Path, help="output PDF (default exports/<id>.pdf)")
    p.add_argument("--out-dir", type=Path, help="output folder (default exports/)")
    p.add_argument(
        "--format",
        choices=["pdf", "fhir"],
        default="pdf",
        help="pdf: the patient's handout; fhir: a FHIR R4 JSON bundle for the clinic's record "
        "(exports/<id>.json, needs pip install 'rehab[fhir]'; docs/fhir.md)",
    )
    p.add_argument(
        "--internal",
        action="store_true",
        help="with --format fhir: include the clinician-only internal notes",
    )
    who = p.add_mutually_exclusive_group()
    who.add_argument(
        "--patient",
        metavar="NAME",
        help="patient name, printed on the PDF only ('-': ask for it, or read it from stdin, "
        "so it stays out of shell history and the process list)",
    )
    who.add_argument(
        "--patient-file", metavar="F", type=Path, help="read the patient name from file F"
    )
    p.add_argument(
        "--clinic",
        metavar="FILE",
        type=Path,
        help="clinic profile to print (default: REHAB_CLINIC, else clinic.toml at the "
        "repository root; see docs/clinic.md)",
    )
    p.add_argument(
        "--large-print", action="store_true", help="16 pt text, larger figures and tick boxes"
    )
    p.add_argument("--date", metavar="D", help="issue date YYYY-MM-DD (default today)")
    p.add_argument("--start", metavar="D", help="first day of the exercise log, YYYY-MM-DD")
    p.add_argument(
        "--since",
        metavar="REV",
        help="add a 'What changed since your last sheet' box, compared with git revision REV",
    )

    p = sub.add_parser("library", parents=[common], help="list and search exercises")
    p.add_argument("query", nargs="*", help="words to find in name, muscles, equipment, ...")
    p.add_argument("--muscle", metavar="M", help="only exercises for this muscle")
    p.add_argument("--component", metavar="C", help="only exercises with this movement component")
    p.add_argument(
        "--category",
        choices=["stretch", "strength", "balance", "mobility", "nerve-glide", "plyometric"],
    )
    p.add_argument("--equipment", metavar="E", help="only exercises using this equipment")
    p.add_argument(
        "--mode", choices=["eccentric", "isometric"], help="only exercises that allow this mode"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("show", parents=[common], help="one exercise in full")
    p.add_argument("exercise_id", metavar="EXERCISE_ID")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--figure",
        metavar="OUT",
        type=Path,
        help="write the exercise's figure to OUT.png, OUT.svg or OUT.pdf instead",
    )
    p.add_argument(
        "--side", choices=["left", "right"], default="right", help="which leg (--figure)"
    )

    p = sub.add_parser("conditions", parents=[common], help="the condition catalog")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "new", parents=[common], help="create protocols/ID.toml, optionally from a template"
    )
    p.add_argument("id", metavar="ID", nargs="?", help="the new protocol's id (not with --list)")
    p.add_argument("--template", metavar="NAME", help="templates/NAME.toml (see --list)")
    p.add_argument("--title", help="protocol title (default: the template's)")
    p.add_argument("--clinician", help="responsible clinician (default: REHAB_CLINICIAN)")
    p.add_argument("--dir", type=Path, default=Path("protocols"), help="target folder")
    p.add_argument(
        "--clinic",
        metavar="NAME",
        help="the clinic's name on this protocol's handouts (the phone number is in clinic.toml)",
    )
    p.add_argument("--list", action="store_true", help="list the available templates and exit")

    p = sub.add_parser("fmt", parents=[common], help="rewrite protocol files canonically")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: protocols/)")
    p.add_argument("--check", action="store_true", help="only report files that would change")
    p.add_argument(
        "--drop-comments", action="store_true", help="rewrite even files with # comments"
    )
    p.add_argument(
        "--upgrade",
        action="store_true",
        help="write schema version 1 files as version 2, with the same meaning",
    )

    p = sub.add_parser(
        "diff",
        parents=[common],
        help="what changed clinically between two versions of a protocol",
        description="Exit 0 when the two are clinically the same, 1 when they differ. "
        "Given git's seven external-diff arguments, it works as a git diff driver (always "
        "exit 0 there).",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="OLD NEW", help="the two files")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the protocol file (or, with a bare --library, of a "
        "library entry)",
    )
    p.add_argument(
        "--library",
        metavar="DIR",
        nargs="?",
        const=ENTRY_SCHEMA,
        action="append",
        type=Path,
        default=argparse.SUPPRESS,
        help="extra exercise library folder; given without a folder, print the schema of a "
        "library entry (its figure keys included) instead",
    )
    p.add_argument(
        "--no-color", action="store_true", default=argparse.SUPPRESS, help="never use colour"
    )

    p = sub.add_parser("figures", parents=[common], help="print every exercise's figure to a PDF")
    p.add_argument("output", metavar="OUT.pdf", type=Path, help="the gallery PDF to write")

    p = sub.add_parser(
        "clinic",
        parents=[common],
        help="show the clinic profile handouts print, or write a first clinic.toml (init)",
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=["show", "init"],
        default="show",
        help="show (default): which profile applies and what it holds; init: write clinic.toml",
    )
    p.add_argument("--clinic", metavar="FILE", type=Path, help="the profile file (as export)")
    for key in ("name", "phone", "emergency-number", "out-of-hours", "email", "address"):
        p.add_argument(f"--{key}", metavar="TEXT", help="init: the profile's value")
    p.add_argument("--website", metavar="URL", help="init: the profile's value")
    p.add_argument("--logo", metavar="FILE", help="init: a PNG or JPEG next to clinic.toml")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "edit"
    if args.command is None:
        args.file = None
    try:
        module = importlib.import_module(f"rehab.cli.commands.{_COMMANDS[command]}")
        result: int = module.run(args)
        return result
    except UsageError as exc:
        print(f"rehab {command}: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; point stdout at devnull so exit is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        from rehab.domain.library import EntryUnavailable  # imported here: keeps --help light

        if isinstance(exc, EntryUnavailable):
            # A clinic library file changed or broke while the command ran: say which, and
            # check nothing further against it.

            print(f"rehab {command}: {one_line(str(exc))}", file=sys.stderr)
            return EXIT_ERROR
        if os.environ.get("REHAB_DEBUG"):
            raise
        print(
            f"rehab {command}: internal error ({type(exc).__name__}). This is a bug in rehab; "
            "run again with REHAB_DEBUG=1 to see the details and report them.",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
