"""REG-3: where a practice submitted to the methodical centre was replicated."""

from django.core.exceptions import ValidationError
from django.db import transaction

from resurs.coordination.methodology import permissions
from resurs.coordination.methodology.models import Practice, PracticeState, Replication
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.writes import acting, audit, locked, require
from resurs.kernel.writes.errors import DomainError


@transaction.atomic
def replication_add(
    *, by, practice: Practice, organisation, started_on, result: str
) -> Replication:
    """REG-3: the methodical centre (or the RC) records where a practice was replicated."""
    _user, scope, _role = acting(by)
    practice = locked(practice)
    if practice.state != PracticeState.SUBMITTED:
        raise DomainError("Тиражирование отмечается у практики, направленной в методический центр.")
    if by is not None:
        require(permissions.can_record_replication(scope, practice))
    replication = Replication(
        practice=practice, organisation=organisation, started_on=started_on, result=result.strip()
    )
    replication.full_clean(validate_constraints=False)
    if Replication.objects.filter(practice=practice, organisation=organisation).exists():
        raise ValidationError({"organisation": "Тиражирование в этом учреждении уже отмечено."})
    replication.save()
    audit(by, replication, AuditAction.CREATE, parent=practice)
    return replication
