"""Writes of the registries (REG-1, REG-4, REG-5, REG-6). Views, the API, importers and the
demo all call these; each checks the rule of `registries.permissions` and writes the audit."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone

from resurs.coordination.registries import permissions
from resurs.coordination.registries.models import (
    Article,
    LegalAct,
    Participant,
    PracticeCell,
    SocialPractice,
    Technology,
)
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes import acting, assign, audit, locked, save_with_version
from resurs.kernel.writes.errors import DomainError, StaleVersion

__all__ = [
    "CellConflict",
    "article_create",
    "article_update",
    "legal_act_create",
    "legal_act_update",
    "participant_create",
    "participant_update",
    "practice_cell_set",
    "practice_create",
    "practice_update",
    "technology_create",
    "technology_update",
]

COMMON_FIELDS = ["owner", "direction", "is_public", "registered_on", "note"]
# What each registry lets a user change (the owner and direction too: the Department may
# move a record, an RC only within its own registry — checked again after the change).
EDITABLE = {
    Participant: [
        *COMMON_FIELDS, "organisation", "category", "participation_form", "joined_on",
        "agreement_number", "agreement_date", "status", "left_on",
    ],
    LegalAct: [
        *COMMON_FIELDS, "level", "kind", "number", "adopted_on", "title", "issuer", "status",
        "repealed_on", "url",
    ],
    Technology: [
        *COMMON_FIELDS, "title", "description", "author_organisation", "target_group",
        "introduced_year", "used_where", "status",
    ],
    Article: [
        *COMMON_FIELDS, "title", "authors", "organisation", "publication", "published_on", "url",
    ],
    SocialPractice: [
        *COMMON_FIELDS, "programme", "number", "title", "description", "basis",
    ],
}  # fmt: skip
LABELS = {
    Participant: "запись реестра участников",
    LegalAct: "запись о нормативном акте",
    Technology: "запись о технологии",
    Article: "запись о статье",
    SocialPractice: "практику",
}
WRITE_REFUSED = (
    "Вести этот реестр может ресурсный центр, который его ведёт (по своему направлению), "
    "и Департамент."
)


class CellConflict(StaleVersion):
    """REG-6: two people edited the same matrix cell; the later save is refused."""

    def __init__(self, cell: PracticeCell):
        self.cell = cell
        who = cell.updated_by.get_full_name() if cell.updated_by else "другой пользователь"
        when = formats.date_format(timezone.localtime(cell.updated_at), "d.m.Y H:i")
        DomainError.__init__(
            self,
            f"Пока вы редактировали ячейку, её изменил(а) {who} ({when}): сейчас "
            f"«{cell.get_status_display()}». Ваше изменение не сохранено — проверьте "
            "значение и сохраните ещё раз.",
        )


def _require_write(scope, *, owner_id, direction_id) -> None:
    if not permissions.can_write_for(scope, owner_id=owner_id, direction_id=direction_id):
        raise PermissionDenied(WRITE_REFUSED)


def _create(model, *, by, fields: dict) -> models.Model:
    _user, scope, _role = acting(by)
    unknown = set(fields) - set(EDITABLE[model])
    if unknown:
        raise DomainError(f"Поле «{sorted(unknown)[0]}» нельзя заполнить.")
    instance = model(**fields)
    if by is not None:
        _require_write(scope, owner_id=instance.owner_id, direction_id=instance.direction_id)
    instance.full_clean()
    instance.save()
    audit(by, instance, AuditAction.CREATE)
    return instance


def _update(instance, *, by, expected_version: int | None, fields: dict) -> models.Model:
    model = type(instance)
    _user, scope, _role = acting(by)
    # The stored row decides, not the instance: a bound ModelForm has already changed it.
    stored = locked(instance)
    if by is not None:
        _require_write(scope, owner_id=stored.owner_id, direction_id=stored.direction_id)
    before = snapshot(stored)
    allowed = EDITABLE[model]
    assign(instance, fields, allowed)
    if by is not None:
        _require_write(scope, owner_id=instance.owner_id, direction_id=instance.direction_id)
    instance.full_clean()
    save_with_version(
        instance,
        expected_version=expected_version,
        fields=[*allowed, "updated_at"],
        label=LABELS[model],
    )
    audit(by, instance, AuditAction.UPDATE, before=before)
    return instance


# --- REG-1 -------------------------------------------------------------------------------------


@transaction.atomic
def participant_create(*, by, **fields) -> Participant:
    """REG-1: include an organisation in the RC's registry of participants of a direction."""
    return _create(Participant, by=by, fields=fields)


@transaction.atomic
def participant_update(
    *, by, participant: Participant, expected_version: int | None, **fields
) -> Participant:
    """REG-1: change a participant's record, or record that it left (status and date)."""
    return _update(participant, by=by, expected_version=expected_version, fields=fields)


# --- REG-4 -------------------------------------------------------------------------------------


@transaction.atomic
def legal_act_create(*, by, **fields) -> LegalAct:
    """REG-4: add a normative legal act to the RC's registry."""
    return _create(LegalAct, by=by, fields=fields)


@transaction.atomic
def legal_act_update(*, by, act: LegalAct, expected_version: int | None, **fields) -> LegalAct:
    """REG-4: correct an act or mark it repealed (status «утратил силу» with the date)."""
    return _update(act, by=by, expected_version=expected_version, fields=fields)


# --- REG-5 -------------------------------------------------------------------------------------


@transaction.atomic
def technology_create(*, by, **fields) -> Technology:
    """REG-5: add an innovative technology or method in use to the RC's registry."""
    return _create(Technology, by=by, fields=fields)


@transaction.atomic
def technology_update(
    *, by, technology: Technology, expected_version: int | None, **fields
) -> Technology:
    """REG-5: correct a technology's record."""
    return _update(technology, by=by, expected_version=expected_version, fields=fields)


@transaction.atomic
def article_create(*, by, **fields) -> Article:
    """REG-5: add an article «из опыта работы» to the RC's registry."""
    return _create(Article, by=by, fields=fields)


@transaction.atomic
def article_update(*, by, article: Article, expected_version: int | None, **fields) -> Article:
    """REG-5: correct an article's record."""
    return _update(article, by=by, expected_version=expected_version, fields=fields)


# --- REG-6 -------------------------------------------------------------------------------------


@transaction.atomic
def practice_create(*, by, **fields) -> SocialPractice:
    """REG-6: add a social practice (a column of the matrix)."""
    return _create(SocialPractice, by=by, fields=fields)


@transaction.atomic
def practice_update(
    *, by, practice: SocialPractice, expected_version: int | None, **fields
) -> SocialPractice:
    """REG-6: correct a practice's description."""
    return _update(practice, by=by, expected_version=expected_version, fields=fields)


@transaction.atomic
def practice_cell_set(
    *,
    by,
    practice: SocialPractice,
    institution: Organisation,
    status: str,
    started_on=None,
    note: str = "",
    expected_version: int | None,
) -> PracticeCell:
    """REG-6: set a cell of the matrix: the practice's status in an institution.

    ``expected_version`` is the cell's version the editor saw (0 — the cell was empty);
    a cell changed meanwhile by somebody else raises CellConflict and nothing is saved.
    None (an import, the demo) overwrites.
    """
    user, scope, _role = acting(by)
    if by is not None and not permissions.can_edit_cell(scope, practice):
        raise PermissionDenied(WRITE_REFUSED)
    cell = (
        PracticeCell.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(practice=practice, institution=institution)
        .first()
    )
    if cell is None:
        cell = PracticeCell(practice=practice, institution=institution)
        before = None
    else:
        if expected_version is not None and cell.version != expected_version:
            raise CellConflict(cell)
        before = snapshot(cell)
    cell.status = status
    cell.started_on = started_on
    cell.note = (note or "").strip()
    cell.full_clean(exclude=["practice", "institution"], validate_constraints=False)
    if before is None:
        cell.updated_by = user
        try:
            with transaction.atomic():
                cell.save()
        except IntegrityError:
            # Somebody filled the empty cell a moment ago.
            raise CellConflict(
                PracticeCell.objects.select_related("updated_by").get(
                    practice=practice, institution=institution
                )
            ) from None
        action = AuditAction.CREATE
    else:
        after = snapshot(cell)
        if after == before:
            return cell
        cell.updated_by = user
        cell.version += 1
        cell.save(update_fields=["status", "started_on", "note", "updated_by", "version",
                                 "updated_at"])  # fmt: skip
        action = AuditAction.UPDATE
    audit(by, cell, action, before=before, parent=practice)
    return cell
