"""What a digest run imports: not torch (the ONNX embedder serves; thinc would import torch with spaCy), not
scikit-learn (only timelines summarised at key dates need it), not wordfreq or langcodes (its English table is
read directly) and, on plain text, not trafilatura; the summary's selector not scipy.optimize (highspy solves its
ILP; datasketch still imports it, through scipy.integrate). Start-up time itself is in benchmarks/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_digest_of_plain_text_imports_none_of_the_costly_modules_and_torch_still_imports_after(
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
        "bad = sorted(m for m in ('torch', 'sklearn', 'sentence_transformers', 'wordfreq', 'langcodes',"
        " 'trafilatura') if m in sys.modules)\n"
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


def test_the_summary_selector_solves_its_ilp_without_scipy_optimize() -> None:
    code = (
        "import sys\n"
        "from newsweave.summarize.select import select_sentences\n"
        "docs = [['Talks on Syria will open in Geneva in June.', 'Russia and the United States agreed on it.'],\n"
        "        ['The Geneva talks on Syria open in June.', 'Both sides must agree on who attends.']]\n"
        "assert select_sentences(docs, 20)\n"
        "assert 'scipy.optimize' not in sys.modules\n"
        "assert 'highspy' in sys.modules\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
