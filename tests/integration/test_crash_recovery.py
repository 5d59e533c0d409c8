"""An ingest killed with SIGKILL at several points is repaired by the next ingest.

Honest kills: a real `python -c` process ingests (real model; vectors in embedded Chroma
under VCA_DATA_DIR, or in a `chroma run` server) and is killed from outside once the
catalog has committed 25 %, 50 % and 80 % of the documents; the test does not hook into the
code under test. Whatever the moment the kill lands, the next ingest must leave exactly what
a clean ingest leaves. The only tuning is a smaller embedding group, so that commits are
spread over the run instead of coming in one burst.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.container import Container
from retrieval.embeddings import CachedQueryEmbeddings
from tests.support import (
    REPO_ROOT,
    ChromaServer,
    make_container,
    make_settings,
    unique_collection,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EMBED_GROUP = 8  # chunks per commit: small, so commits are spread over the run
GENERATED = 60  # small generated documents: enough commits to kill between, a short ingest
EXPECTED_DOCUMENTS = GENERATED
KILL_FRACTIONS = (0.25, 0.5, 0.8)  # of the documents committed when the kill is sent
POLL_S = 0.02  # how often the catalog is read while waiting for the kill point

INGEST_SCRIPT = """
import json, sys
from pathlib import Path
import retrieval.indexing
retrieval.indexing.EMBED_GROUP = int(sys.argv[1])
from assistant.container import Container
from assistant.settings import get_settings
container = Container(get_settings())
container.embeddings.embed_query("warm up")
container.store.count()
indexer = container.indexer
print("READY", flush=True)
report = indexer.ingest_paths([Path(p) for p in sys.argv[2:]])
print("DONE", json.dumps(report.to_json()), flush=True)
"""

EN_WORDS = (
    "college enterprise internship mentor training base students apprenticeship workshop "
    "logistics mechatronics curriculum certificate employment alliance forum agreement "
    "teachers factory skills partner quality practice program district council"
).split()
ZH_WORDS = (
    "学院 企业 实习 导师 实训基地 学生 学徒 车间 物流 课程 证书 就业 联盟 论坛 协议 教师 工厂 技能"
).split()


def generate_corpus(folder: Path, count: int = GENERATED) -> Path:
    """`count` small documents in both languages, of one or two chunks each."""
    rng = random.Random(20240514)
    folder.mkdir(parents=True)
    for n in range(count):
        zh = n % 3 == 0
        paragraphs = []
        for p in range(rng.randint(1, 3)):
            if zh:
                sentences = [
                    "".join(rng.choices(ZH_WORDS, k=rng.randint(6, 14))) + "。"
                    for _ in range(rng.randint(2, 4))
                ]
                paragraphs.append(f"第{p + 1}段：" + "".join(sentences))
            else:
                sentences = [
                    " ".join(rng.choices(EN_WORDS, k=rng.randint(8, 16))).capitalize() + "."
                    for _ in range(rng.randint(2, 4))
                ]
                paragraphs.append(f"Part {p + 1} of report {n}: " + " ".join(sentences))
        language = "zh" if zh else "en"
        (folder / f"generated-{n:02d}.md").write_text(
            f"---\ntitle: Generated report {n}\nlanguage: {language}\ntype: news\n"
            f"date: 2023-{n % 12 + 1:02d}-15\n---\n" + "\n\n".join(paragraphs) + "\n",
            encoding="utf-8",
        )
    return folder


@dataclass
class Run:
    """What happened to one ingest subprocess."""

    data_dir: Path
    killed: bool
    committed_at_kill: int
    report: dict[str, object] | None


def start_ingest(data_dir: Path, paths: list[Path], env: dict[str, str]) -> subprocess.Popen[str]:
    """Start the ingest subprocess; return it once it has loaded the model."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("VCA_")}
    full.update(VCA_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1")
    full.update(env)
    data_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(EMBED_GROUP), *map(str, paths)],
        cwd=data_dir.parent, env=full, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "READY", f"ingest process failed to start: {line!r}"
    return proc


def committed_documents(data_dir: Path) -> int:
    """Documents the catalog has committed, read from outside the writer."""
    try:
        uri = f"file:{data_dir / 'catalog.sqlite3'}?mode=ro"
        with sqlite3.connect(uri, uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return -1


def run_ingest(
    data_dir: Path, paths: list[Path], env: dict[str, str], kill_at: int | None = None
) -> Run:
    """Run an ingest to the end, or SIGKILL it once `kill_at` documents are committed."""
    proc = start_ingest(data_dir, paths, env)
    committed = -1
    if kill_at is not None:
        while proc.poll() is None and committed_documents(data_dir) < kill_at:
            time.sleep(POLL_S)
        if proc.poll() is None:
            committed = committed_documents(data_dir)
            proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=600)
    killed = proc.returncode == -signal.SIGKILL
    report = None
    if not killed:
        assert proc.returncode == 0, out
        done = next(ln for ln in out.splitlines() if ln.startswith("DONE "))
        report = json.loads(done.split(maxsplit=1)[1])
    return Run(data_dir, killed, committed, report)


def catalog_chunks(container: Container) -> dict[str, str]:
    return {c.id: c.text for c in container.catalog.iter_chunks()}


def store_chunks(container: Container, ids: list[str]) -> dict[str, str]:
    got = container.store.collection.get(ids=ids, include=["documents"])
    return dict(zip(got["ids"], got["documents"], strict=True))


@dataclass
class Reference:
    """The input folders and what a clean, uninterrupted ingest of them leaves."""

    paths: list[Path]
    chunks: dict[str, str]
    directory: Any  # the partnership directory's content (`Directory.dump()`)


@pytest.fixture(scope="module")
def reference(
    tmp_path_factory: pytest.TempPathFactory, embeddings: CachedQueryEmbeddings
) -> Iterator[Reference]:
    """A clean run (same subprocess, embedded Chroma) into a fresh folder: the reference."""
    root = tmp_path_factory.mktemp("crash")
    paths = [generate_corpus(root / "generated")]
    clean = run_ingest(root / "clean", paths, {})
    assert not clean.killed and clean.report is not None
    assert clean.report["added"] == clean.report["documents"] == EXPECTED_DOCUMENTS
    container = make_container(make_settings(clean.data_dir), embeddings)
    chunks = catalog_chunks(container)
    directory = container.directory.dump()
    container.catalog.close()
    assert len({cid.split("::")[0] for cid in chunks}) == EXPECTED_DOCUMENTS
    assert directory, "the shipped corpus names organisations"
    yield Reference(paths, chunks, directory)


def backend_env(backend: str, request: pytest.FixtureRequest) -> dict[str, str]:
    """Where the vectors go: embedded Chroma (no variables) or the session's `chroma run`."""
    if backend == "embedded":
        return {}
    chroma: ChromaServer = request.getfixturevalue("chroma_server")
    return {
        "VCA_CHROMA_HOST": chroma.host,
        "VCA_CHROMA_PORT": str(chroma.port),
        "VCA_STORE__COLLECTION": unique_collection("crash"),
    }


def container_for(data_dir: Path, env: dict[str, str], embeddings: Any) -> Container:
    """An in-process container on the same data folder and Chroma as the killed ingest."""
    store: dict[str, Any] = {}
    if env:
        store = {
            "chroma_host": env["VCA_CHROMA_HOST"],
            "chroma_port": int(env["VCA_CHROMA_PORT"]),
            "collection": env["VCA_STORE__COLLECTION"],
        }
    return make_container(make_settings(data_dir, store=store), embeddings)


@pytest.mark.timeout(1500)  # about a minute per backend on an idle 2-core machine
@pytest.mark.parametrize("backend", ["embedded", "chroma-server"])
def test_killed_ingests_are_repaired_to_the_same_index_as_a_clean_run(
    tmp_path: Path,
    reference: Reference,
    embeddings: CachedQueryEmbeddings,
    request: pytest.FixtureRequest,
    backend: str,
) -> None:
    paths = reference.paths
    for fraction in KILL_FRACTIONS:
        data_dir = tmp_path / f"killed-{int(fraction * 100)}"
        env = backend_env(backend, request)
        run = run_ingest(data_dir, paths, env, kill_at=round(fraction * EXPECTED_DOCUMENTS))
        print(f"{backend}: kill at {fraction:.0%}: committed={run.committed_at_kill}")
        # A kill, not a finished run; where it landed does not matter: the state after it does.
        assert run.killed, run

        container = container_for(data_dir, env, embeddings)
        try:
            report = container.indexer.ingest_paths(paths)
            assert report.errors == []
            assert report.documents == EXPECTED_DOCUMENTS
            assert report.added + report.updated + report.unchanged == EXPECTED_DOCUMENTS

            stored = container.store.all_ids()
            cataloged = container.catalog.chunk_ids()
            lexical = container.lexical.current().ids
            assert stored == cataloged == set(lexical), f"indexes disagree after {fraction}"
            assert len(lexical) == len(set(lexical))
            assert container.store.count() == len(stored) == container.catalog.count_chunks()
            assert container.catalog.get_meta("dirty") == "0"

            # Identical to the clean run: the same chunk ids with the same texts, everywhere.
            assert catalog_chunks(container) == reference.chunks, f"catalog differs ({fraction})"
            assert store_chunks(container, sorted(stored)) == reference.chunks
            assert len(container.catalog.documents()) == EXPECTED_DOCUMENTS
            assert container.directory.dump() == reference.directory, f"directory ({fraction})"

            # And the repaired index is stable: another run changes nothing.
            again = container.indexer.ingest_paths(paths)
            assert (again.unchanged, again.added, again.updated) == (EXPECTED_DOCUMENTS, 0, 0)
        finally:
            container.catalog.close()
