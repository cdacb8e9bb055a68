"""The Porter stemmer loaded alone is NLTK's: the same stems, without importing the rest of NLTK."""

from __future__ import annotations

import subprocess
import sys

WORDS = ["running", "flies", "dying", "generously", "relational", "conditional", "hopping", "agreed", "sky",
         "news", "ceasefire", "negotiations", "officials", "reported", "conspiracy", "caresses", "ponies"]


def test_stems_are_nltks() -> None:
    code = (
        "import sys; from newsweave.stemming import porter_stemmer;"
        f" alone = [porter_stemmer(m).stem(w) for m in ('ORIGINAL_ALGORITHM', 'NLTK_EXTENSIONS') for w in {WORDS!r}];"
        " assert 'nltk' not in sys.modules, 'nltk left imported';"
        " from nltk.stem.porter import PorterStemmer; import nltk.corpus;"  # a normal import still works after
        f" full = [PorterStemmer(m).stem(w) for m in ('ORIGINAL_ALGORITHM', 'NLTK_EXTENSIONS') for w in {WORDS!r}];"
        " assert alone == full, (alone, full); print(len(alone))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == str(2 * len(WORDS))


def test_the_summariser_does_not_import_nltk() -> None:
    code = "import sys, newsweave.summarize.select as s; assert s.stem('negotiations'); print('nltk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"
