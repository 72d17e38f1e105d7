"""Floor for `rehab check`: only read and parse every protocol with tomllib."""

import sys
import tomllib
from pathlib import Path

for path in sorted(Path(sys.argv[1]).rglob("*.toml")):
    tomllib.loads(path.read_bytes().decode("utf-8"))
