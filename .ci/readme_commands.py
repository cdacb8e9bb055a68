"""Print the README's first two commands (install-and-run, then the tests), one per line.

They are the two lines of the first ```bash block in README.md. `.ci/run` runs them verbatim, so CI passes only
when what a new user types works on a fresh machine.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def readme_commands(readme: str) -> list[str]:
    block = re.search(r"^```(?:bash|sh|shell)\n(.*?)^```", readme, re.S | re.M)
    if block is None:
        raise SystemExit("README.md has no ```bash block with the install and test commands")
    lines = [ln.strip() for ln in block.group(1).splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if len(lines) != 2:
        raise SystemExit(f"README.md's first bash block must hold exactly two commands, found {len(lines)}")
    return lines


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print("\n".join(readme_commands(path.read_text(encoding="utf-8"))))
