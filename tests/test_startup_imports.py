"""What a digest run imports: not torch (the ONNX embedder serves; thinc would import torch with spaCy) and not
scikit-learn (only timelines summarised at key dates need it). Start-up time itself is in benchmarks/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_digest_imports_neither_torch_nor_sklearn_and_torch_still_imports_after(
    seeds_dir: Path, tmp_path: Path
) -> None:
    code = (
        "import sys\n"
        "from newsweave.cli import main\n"
        f"sys.argv = ['newsweave', 'digest', {str(seeds_dir)!r}, '-q', '-o', {str(tmp_path / 'brief.md')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "bad = sorted(m for m in ('torch', 'sklearn', 'sentence_transformers') if m in sys.modules)\n"
        "assert not bad, bad\n"
        "import torch\n"  # the torch fallback can still load it
        "assert torch.zeros(2).shape == (2,)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NEWSWEAVE_EMBED_BACKEND"}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "## Summary" in (tmp_path / "brief.md").read_text(encoding="utf-8")


def test_parsing_first_does_not_import_torch() -> None:
    code = (
        "import sys\n"
        "from newsweave.nlp import parse\n"
        "docs = parse(['Kerry met Lavrov in Moscow on Tuesday.'])\n"
        "assert docs[0].ents, docs\n"
        "assert 'torch' not in sys.modules\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
