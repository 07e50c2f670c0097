"""The stage of a case, derived from its recorded steps (SOC-6; seed 002 §3.2.3–3.2.8).

The work goes problem detected → information collected → ИППСУ proposals → ИППСУ approved →
implementation started → conclusion → closed. A correction of the ИППСУ may be proposed
once it is approved (also during implementation); the ИППСУ then needs approving again,
and implementation starts again from the new approval. Nothing else may be skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

from resurs.casework.cases.models import StepKind

# kind -> the stages after which it may be recorded
ALLOWED_AFTER: dict[str, frozenset[str]] = {
    StepKind.INFORMATION_COLLECTED: frozenset({StepKind.PROBLEM_DETECTED}),
    StepKind.PROPOSALS_DRAFTED: frozenset({StepKind.INFORMATION_COLLECTED}),
    StepKind.IPPSU_APPROVED: frozenset({StepKind.PROPOSALS_DRAFTED, StepKind.CORRECTION_PROPOSED}),
    StepKind.IMPLEMENTATION_STARTED: frozenset({StepKind.IPPSU_APPROVED}),
    StepKind.CORRECTION_PROPOSED: frozenset(
        {StepKind.IPPSU_APPROVED, StepKind.IMPLEMENTATION_STARTED}
    ),
    StepKind.CONCLUSION: frozenset({StepKind.IMPLEMENTATION_STARTED}),
    StepKind.CLOSED: frozenset({StepKind.CONCLUSION}),
}

# Why a step cannot follow the current stage, in the user's words.
REFUSALS: dict[str, str] = {
    StepKind.PROBLEM_DETECTED: "Выявление проблемы записывается один раз — при открытии случая.",
    StepKind.INFORMATION_COLLECTED: "Сбор информации завершается сразу после выявления проблемы.",
    StepKind.PROPOSALS_DRAFTED: "Предложения в ИППСУ готовятся после сбора и анализа информации.",
    StepKind.IPPSU_APPROVED: (
        "ИППСУ утверждается после подготовки предложений или предложенных корректировок."
    ),
    StepKind.IMPLEMENTATION_STARTED: "Реализация начинается только после утверждения ИППСУ.",
    StepKind.CORRECTION_PROPOSED: "Корректировки предлагаются к утверждённой ИППСУ.",
    StepKind.CONCLUSION: "Заключение готовится после начала реализации мероприятий ИППСУ.",
    StepKind.CLOSED: "Случай закрывается после заключения по результатам реализации.",
}


def stage_of(kinds: Iterable[str]) -> str:
    """The stage after the steps (in their order): the last step's kind."""
    stage = StepKind.PROBLEM_DETECTED
    for kind in kinds:
        stage = StepKind(kind)
    return stage


def can_follow(stage: str, kind: str) -> bool:
    return stage in ALLOWED_AFTER.get(kind, frozenset())


def next_steps(stage: str) -> list[str]:
    """The kinds that may be recorded now, in the order of the work."""
    return [kind for kind in StepKind.values if can_follow(stage, kind)]


def refusal(stage: str, kind: str) -> str:
    if stage == StepKind.CLOSED:
        return "Случай закрыт: новые шаги не записываются."
    return REFUSALS[kind]
