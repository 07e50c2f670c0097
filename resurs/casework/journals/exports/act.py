"""The printed act (002 §5.1.3) as DOCX and PDF through the one document layer.

The names are declined as a form says them: the institution «в лице специалиста Ивановой
Ольги Николаевны» (genitive) inspected the conditions «гражданки Смирновой Ольги Ивановны»
(genitive; the word follows the citizen's sex), or of a family named with its applicant.
"""

from __future__ import annotations

from resurs.casework.cases.models import Act, ActKind
from resurs.casework.citizens.models import FamilyMember, Relation, Sex
from resurs.casework.journals.declension import GrammaticalCase, decline_person, decline_user
from resurs.kernel.documents import Document, Line

GENITIVE = GrammaticalCase.GENITIVE
# Section titles of each kind of act: (field, title).
SECTIONS = {
    ActKind.MATERIAL: (
        ("commission", "Обследование проведено в присутствии"),
        ("household", "Состав семьи (проживающих)"),
        ("housing", "Жилищно-бытовые условия"),
        ("income", "Материальное положение, доходы"),
        ("findings", "Выявленные обстоятельства"),
        ("conclusion", "Заключение"),
    ),
    ActKind.SOCIAL: (
        ("commission", "Обследование проведено в присутствии"),
        ("household", "Состав семьи (проживающих)"),
        ("housing", "Социально-бытовые условия проживания"),
        ("income", "Занятость и доходы"),
        ("findings", "Выявленные обстоятельства, трудности"),
        ("conclusion", "Заключение о нуждаемости в социальном обслуживании"),
    ),
    ActKind.NEED: (
        ("commission", "Оценка проведена в присутствии"),
        ("household", "Состав семьи (проживающих)"),
        ("housing", "Условия проживания"),
        ("income", "Доходы"),
        ("findings", "Обстоятельства, обусловливающие нуждаемость"),
        ("conclusion", "Вывод об индивидуальной потребности в социальных услугах"),
    ),
}
ACTION = {
    ActKind.MATERIAL: "провело обследование материально-бытовых условий проживания",
    ActKind.SOCIAL: "провело обследование социально-бытовых условий проживания",
    ActKind.NEED: "провело оценку индивидуальной потребности в социальных услугах",
}


def _citizen_word(person) -> str:
    return "гражданки" if person.sex == Sex.FEMALE else "гражданина"


def subject_genitive(act: Act, scope) -> str:
    """Whose conditions were inspected, in the genitive: the citizen of the case, or the
    family with its applicant (read through the scope)."""
    case = act.case
    if case.person_id:
        return f"{_citizen_word(case.person)} {decline_person(case.person, GENITIVE)}"
    applicant = (
        FamilyMember.objects.visible_to(scope)
        .filter(family_id=case.family_id, relation=Relation.APPLICANT, left_on__isnull=True)
        .select_related("person")
        .order_by("id")
        .first()
    )
    family = case.family
    text = f"семьи «{family.name if family else ''}»"
    if applicant is not None:
        person = applicant.person
        text += f", заявитель — {_citizen_word(person)} {decline_person(person, GENITIVE)}"
    return text


def act_lines(act: Act, scope) -> list[Line]:
    case = act.case
    institution = case.organisation.name
    specialist = decline_user(act.specialist, GENITIVE)
    lines = [
        Line([institution], "title"),
        Line([case.unit.name], "title"),
        Line([f"{act.get_kind_display()} № {act.number}/{act.year}"], "title"),
        Line(),
        Line(["Дата обследования", f"{act.drawn_on:%d.%m.%Y}"], "field"),
        Line(["Адрес", act.address], "field"),
        Line(["Случай", f"№ {case.number}/{case.year}"], "field"),
        Line(),
        Line(
            [
                f"{institution} в лице специалиста {specialist} {ACTION[ActKind(act.kind)]} "
                f"{subject_genitive(act, scope)}."
            ]
        ),
    ]
    for field, title in SECTIONS[ActKind(act.kind)]:
        value = getattr(act, field)
        if not value:
            continue
        lines += [Line([title], "section"), Line([value])]
    lines += [
        Line(),
        Line(["Специалист", f"________________ / {act.specialist.get_full_name()}"], "field"),
        Line(["С актом ознакомлен(а)", "________________ / ________________"], "field"),
    ]
    return lines


def act_document(act: Act, scope) -> Document:
    """``act`` was found through ``Act.objects.visible_to`` with its case, organisation,
    unit, person, family and specialist."""
    return Document(
        filename=f"akt-{act.number}-{act.year}",
        title=f"{act.get_kind_display()} № {act.number}/{act.year}",
        columns=(("", 35), ("", 65)),
        lines=act_lines(act, scope),
    )
