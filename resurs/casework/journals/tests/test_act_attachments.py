"""Signed copies of an act (002 §5.1.3): attached to its card by the staff who may correct
it, stored under a neutral name, kept out of the audit trail in clear, and every download
logged as an opening of the act."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from resurs.casework.citizens.models import AccessChannel, AccessLogEntry
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
SCAN = "Акт Смирновой О.И. подписанный.pdf"


def _attachment_type():
    return ContentType.objects.get_for_model(Attachment)


def _upload(client, act, name=SCAN, content=PDF):
    content_type = ContentType.objects.get_for_model(act)
    return client.post(
        reverse("attachments:upload", args=[content_type.pk, act.pk]),
        {
            "file": SimpleUploadedFile(name, content),
            "title": "Подписан Смирновой О.И.",
            "next": act.get_absolute_url(),
        },
    )


def test_the_specialist_attaches_the_signed_copy_on_the_card(world, act):
    client = client_for(world.specialist)
    card = client.get(act.get_absolute_url()).content.decode()
    assert "Подписанные экземпляры" in card and "Прикрепить" in card
    assert _upload(client, act).status_code == 302
    attachment = Attachment.objects.of(act).get()
    assert attachment.original_name == SCAN
    # The stored file is not named after the citizen, and the trail says only «указан».
    assert "Смирнов" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    entry = AuditEntry.objects.get(
        content_type=_attachment_type(), object_id=str(attachment.pk), action="create"
    )
    assert "Смирнов" not in str(entry.changes)
    assert entry.parent_id == str(act.pk)
    card = client.get(act.get_absolute_url()).content.decode()
    assert "Подписан Смирновой О.И." in card


def test_a_download_of_the_signed_copy_is_an_opening_of_the_act(world, act):
    _upload(client_for(world.specialist), act)
    attachment = Attachment.objects.get()
    before = AccessLogEntry.objects.count()
    response = client_for(world.head).get(reverse("attachments:download", args=[attachment.pk]))
    assert b"".join(response.streaming_content) == PDF
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert entry.channel == AccessChannel.EXPORT and entry.user == world.head.user


@pytest.mark.parametrize("who", ["specialist2", "other_specialist", "department"])
def test_who_does_not_see_the_act_neither_downloads_nor_attaches(world, act, who):
    _upload(client_for(world.specialist), act)
    attachment = Attachment.objects.get()
    client = client_for(getattr(world, who))
    assert client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
    assert _upload(client, act).status_code == 404
    assert Attachment.objects.count() == 1


def test_the_uszn_reads_the_act_but_attaches_nothing(world, act):
    client = client_for(world.uszn)
    card = client.get(act.get_absolute_url())
    assert card.status_code == 200 and "Прикрепить" not in card.content.decode()
    assert _upload(client, act).status_code == 403
    assert not Attachment.objects.exists()


def test_a_removed_copy_leaves_no_file_name_in_the_trail(world, act):
    client = client_for(world.specialist)
    _upload(client, act)
    attachment = Attachment.objects.get()
    response = client.post(
        reverse("attachments:remove", args=[attachment.pk]), {"next": act.get_absolute_url()}
    )
    assert response.status_code == 302 and not Attachment.objects.exists()
    entry = AuditEntry.objects.get(
        content_type=_attachment_type(), object_id=str(attachment.pk), action="delete"
    )
    assert "Смирнов" not in str(entry.changes)
