"""Reads of import batches (X-4): always through the batch's scope."""

from django.shortcuts import get_object_or_404

from resurs.kernel.exchange.models import ImportBatch


def batches_of(who, user):
    """The user's own uploads, newest first, without the heavy per-row results."""
    return ImportBatch.objects.visible_to(who).filter(created_by=user).defer("rows")


def batch_for(who, pk) -> ImportBatch:
    """One batch, or 404 when it does not exist or belongs to somebody else."""
    return get_object_or_404(
        ImportBatch.objects.visible_to(who).select_related("created_by", "membership"), pk=pk
    )
