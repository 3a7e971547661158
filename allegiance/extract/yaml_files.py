"""Read the language files (lang/XX/*.yaml) with libyaml's parser where PyYAML has it.

The lexicons are read on first use, often in the middle of a run; the C parser
reads them several times faster than the pure-Python one and gives the same data
(the constructors that turn nodes into Python values are the same).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path | str) -> Any:
    """The data of a YAML file, read as `yaml.safe_load` reads it."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader
