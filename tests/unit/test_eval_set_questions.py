"""Set questions built from the hand labels (`python -m eval.set_questions build`)."""

from __future__ import annotations

import json

from eval.set_questions import LABELS, build


def test_every_labelled_split_gives_questions_that_ask_for_a_known_kind() -> None:
    questions = build()
    assert {q["split"] for q in questions} == {"dev", "test"}
    # a partner labelled "other" (an industry college) is asked about as an organisation
    assert {q["kind"] for q in questions} <= {
        "",
        "enterprise",
        "school",
        "association",
        "alliance",
        "government",
    }
    built = {q["question"] for q in questions}
    shipped = LABELS / "questions.jsonl"
    kept = [json.loads(line)["question"] for line in shipped.read_text("utf-8").splitlines()]
    assert built == set(kept)  # the file in the repository is what `build` makes
