"""Result tables, machine description, progress bars and the RESULTS.md section writer."""

from __future__ import annotations

import os
import platform
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from rich.progress import Progress

T = TypeVar("T")


@dataclass(frozen=True)
class Table:
    """A result table: header plus rows of already formatted cells."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def markdown(self) -> str:
        lines = ["| " + " | ".join(self.headers) + " |", "|" + "|".join("---" for _ in self.headers) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def machine_info() -> str:
    """``nproc``, CPU model and RAM, e.g. ``2 cores, AMD EPYC 7B13, 7.8 GiB RAM``."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown RAM"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GiB RAM"
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {ram}"


def section_text(heading: str, command: str, table: Table, notes: Sequence[str] = ()) -> str:
    body = [
        f"## {heading}",
        "",
        f"Command: `{command}`  ",
        f"Date: {date.today().isoformat()}  ",
        f"Machine: {machine_info()}, Python {platform.python_version()}",
        "",
        table.markdown(),
    ]
    if notes:
        body += ["", *notes]
    return "\n".join(body) + "\n"


NOTES_MARKER = "<!-- notes: written by hand, kept by --write -->"
"""In a section, this line and what follows it (to the section's end) survive the section's rewrite."""


def upsert_section(path: Path, heading: str, text: str) -> None:
    """Replace the ``## heading`` section of ``path`` (up to the next ``## ``) or append it; the section's
    hand-written notes (from a ``NOTES_MARKER`` line on) are kept after the new text."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    found = pattern.search(old)
    if found:
        at = found.group().find(NOTES_MARKER)
        notes = "" if at < 0 else "\n" + found.group()[at:].rstrip("\n") + "\n"
        new = pattern.sub(lambda _: text.rstrip("\n") + "\n" + notes + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def progress(items: Iterable[T], total: int, description: str) -> Iterator[T]:
    """A rich progress bar on stderr; silent when stderr is not a terminal."""
    with Progress(disable=not sys.stderr.isatty(), transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)
