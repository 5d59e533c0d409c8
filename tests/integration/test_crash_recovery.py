"""An ingest killed with SIGKILL at several points is repaired by the next ingest.

Honest kills: a real `python -c` process ingests (real model, embedded Chroma under
VCA_DATA_DIR) and is killed from outside at 25 %, 50 % and 80 % of the time a full run
takes; the test does not hook into the code under test. The only tuning is a smaller
embedding group, so that commits are spread over the run instead of coming in one burst.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.container import Container
from assistant.settings import Settings
from tests.support import CORPUS_DIR, REPO_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EMBED_GROUP = 16
GENERATED = 40
KILL_FRACTIONS = (0.25, 0.5, 0.8)

INGEST_SCRIPT = """
import json, sys, time
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
start = time.monotonic()
report = indexer.ingest_paths([Path(p) for p in sys.argv[2:]])
print("DONE", time.monotonic() - start, json.dumps(report.to_json()), flush=True)
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
    ingest_seconds: float
    committed_at_kill: int
    report: dict[str, object] | None


def start_ingest(data_dir: Path, paths: list[Path]) -> tuple[subprocess.Popen[str], float]:
    """Start the ingest subprocess; return it once it has loaded the model."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VCA_")}
    env.update(VCA_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(EMBED_GROUP), *map(str, paths)],
        cwd=data_dir.parent, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "READY", f"ingest process failed to start: {line!r}"
    return proc, time.monotonic()


def committed_documents(data_dir: Path) -> int:
    """Documents the catalog has committed, read from outside the writer."""
    try:
        uri = f"file:{data_dir / 'catalog.sqlite3'}?mode=ro"
        with sqlite3.connect(uri, uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return -1


def run_ingest(data_dir: Path, paths: list[Path], kill_after: float | None = None) -> Run:
    """Run an ingest to the end, or SIGKILL it `kill_after` seconds into the ingest."""
    proc, started = start_ingest(data_dir, paths)
    committed = -1
    if kill_after is not None:
        deadline = started + kill_after
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        if proc.poll() is None:
            committed = committed_documents(data_dir)
            proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=600)
    killed = proc.returncode == -signal.SIGKILL
    seconds, report = time.monotonic() - started, None
    if not killed:
        assert proc.returncode == 0, out
        done = next(ln for ln in out.splitlines() if ln.startswith("DONE "))
        _, elapsed, payload = done.split(maxsplit=2)
        seconds, report = float(elapsed), json.loads(payload)
    return Run(data_dir, killed, seconds, committed, report)


def catalog_chunks(container: Container) -> dict[str, str]:
    return {c.id: c.text for c in container.catalog.iter_chunks()}


def store_chunks(container: Container, ids: list[str]) -> dict[str, str]:
    got = container.store.collection.get(ids=ids, include=["documents"])
    return dict(zip(got["ids"], got["documents"], strict=True))


@pytest.mark.timeout(1500)  # about 90 s on an idle 2-core machine; generous under load
def test_killed_ingests_are_repaired_to_the_same_index_as_a_clean_run(
    tmp_path: Path,
    settings_factory: Callable[..., Settings],
    container_factory: Callable[[Settings], Container],
) -> None:
    paths = [CORPUS_DIR, generate_corpus(tmp_path / "generated")]
    expected_documents = 14 + GENERATED

    # A clean, uninterrupted run into a fresh folder: the reference and the timing.
    clean = run_ingest(tmp_path / "clean", paths)
    assert not clean.killed and clean.report is not None
    assert clean.report["added"] == clean.report["documents"] == expected_documents
    reference_container = container_factory(settings_factory(data_dir=clean.data_dir))
    reference = catalog_chunks(reference_container)
    reference_directory = reference_container.directory.dump()
    assert reference_directory, "the shipped corpus names organisations"
    assert len({cid.split("::")[0] for cid in reference}) == expected_documents

    interrupted = 0
    log = [f"clean ingest: {clean.ingest_seconds:.1f} s"]
    for fraction in KILL_FRACTIONS:
        data_dir = tmp_path / f"killed-{int(fraction * 100)}"
        run = run_ingest(data_dir, paths, kill_after=fraction * clean.ingest_seconds)
        log.append(
            f"kill at {fraction:.0%}: killed={run.killed}, committed={run.committed_at_kill}"
        )
        print(log[-1])
        if run.killed and 0 <= run.committed_at_kill < expected_documents:
            interrupted += 1

        container = container_factory(settings_factory(data_dir=data_dir))
        report = container.indexer.ingest_paths(paths)
        assert report.errors == []
        assert report.documents == expected_documents
        assert report.added + report.updated + report.unchanged == expected_documents

        stored = container.store.all_ids()
        cataloged = container.catalog.chunk_ids()
        lexical = container.lexical.current().ids
        assert stored == cataloged == set(lexical), f"indexes disagree after kill at {fraction}"
        assert len(lexical) == len(set(lexical))
        assert container.store.count() == len(stored) == container.catalog.count_chunks()
        assert container.catalog.get_meta("dirty") == "0"

        # Identical to the clean run: the same chunk ids with the same texts, everywhere.
        assert catalog_chunks(container) == reference, f"catalog differs after kill at {fraction}"
        assert store_chunks(container, sorted(stored)) == reference
        assert len(container.catalog.documents()) == expected_documents
        assert container.directory.dump() == reference_directory, f"directory after {fraction}"

        # And the repaired index is stable: another run changes nothing.
        again = container.indexer.ingest_paths(paths)
        assert (again.unchanged, again.added, again.updated) == (expected_documents, 0, 0)

    # The kills landed while the ingest was under way, not after it had finished.
    assert interrupted >= 2, f"the kills came too late to prove much: {log}"
