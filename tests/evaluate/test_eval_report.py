"""Tests for render(): it prints the scores and a truncated list of errors."""

from rich.console import Console

from allegiance.evaluate import EvalResult, TypeScore, render


def _row(i: int) -> dict:
    return {
        "doc": "d1",
        "type": "ATTACKED",
        "source": f"Group {i}",
        "target": "Liwa al-Fajr",
        "when": "2014",
        "until": "2015",
        "modality": "asserted",
        "evidence": "x" * 200,
        "reason": "no claim of this type between these actors",
    }


def _result(misses: int, spurious: int) -> EvalResult:
    return EvalResult(
        overall=TypeScore(tp=3, fp=spurious, fn=misses),
        per_type={"ALLIED_WITH": TypeScore(tp=3), "ATTACKED": TypeScore(fp=spurious, fn=misses)},
        actors=TypeScore(tp=4, fp=1, fn=0),
        modality_accuracy=2 / 3,
        time_accuracy=1.0,
        misses=[_row(i) for i in range(misses)],
        spurious=[_row(i) for i in range(spurious)],
        spurious_actors=[{"doc": "d1", "name": "Southern Shield"}],
        documents=1,
        unscored_docs=["stray"],
    )


def _render(result: EvalResult, show_errors: int = 30) -> str:
    console = Console(record=True, width=200, color_system=None)
    render(result, console, show_errors=show_errors)
    return console.export_text()


def test_render_shows_scores_and_accuracies() -> None:
    text = _render(_result(misses=1, spurious=1))
    assert "claims" in text and "actors" in text
    assert "75.0" in text  # claims precision 3/4
    assert "ALLIED_WITH" in text and "ATTACKED" in text
    assert "modality accuracy 66.7 %" in text and "time accuracy 100.0 %" in text
    assert "Missed gold claims (1)" in text and "Spurious system claims (1)" in text
    assert "2014..2015" in text
    assert "Group 0" in text
    assert "…" in text  # long evidence is clipped
    assert "stray" in text
    assert "Southern Shield" in text


def test_render_truncates_errors_with_a_note() -> None:
    text = _render(_result(misses=5, spurious=3), show_errors=2)
    assert "Group 1" in text and "Group 2" not in text
    assert "… and 3 more missed gold claims not shown" in text
    assert "… and 1 more spurious system claims not shown" in text


def test_render_without_errors() -> None:
    text = _render(_result(misses=0, spurious=0))
    assert "Missed gold claims: none" in text
    assert "Spurious system claims: none" in text


def test_render_with_no_matches() -> None:
    result = EvalResult(
        overall=TypeScore(),
        per_type={},
        actors=TypeScore(),
        modality_accuracy=None,
        time_accuracy=None,
        misses=[],
        spurious=[],
    )
    text = _render(result)
    assert "modality accuracy – %" in text
