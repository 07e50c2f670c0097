from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.audit.models import AuditAction, AuditEntry
from resurs.kernel.organisations.models import Appointment, LocalDocument
from tests.factories import member, territory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def document():
    owner = member(Role.PROVIDER, org={"territory": territory("Урай")})
    doc = LocalDocument.objects.create(
        organisation=owner.organisation, kind="algorithm", title="Алгоритм взаимодействия"
    )
    return owner, doc


def _upload(client, doc, content=PDF, name="prilozhenie.pdf"):
    content_type = ContentType.objects.get_for_model(doc)
    return client.post(
        reverse("attachments:upload", args=[content_type.pk, doc.pk]),
        {"file": SimpleUploadedFile(name, content), "title": "Приложение 1", "next": "/"},
    )


def test_owner_attaches_a_file_and_the_audit_files_it_under_the_record(document, login):
    owner, doc = document
    response = _upload(login(owner), doc)
    assert response.status_code == 302
    attachment = Attachment.objects.of(doc).get()
    assert attachment.original_name == "prilozhenie.pdf" and attachment.size == len(PDF)
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(attachment.pk))
    assert entry.parent_id == str(doc.pk) and entry.actor == owner.user
    download = login(owner).get(reverse("attachments:download", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == PDF


def test_a_disguised_file_is_refused_with_a_russian_message(document, login):
    owner, doc = document
    client = login(owner)
    response = _upload(client, doc, content=b"MZ\x90\x00", name="virus.pdf")
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    page = client.get("/").content.decode()
    assert "Файл не загружен" in page


def test_another_provider_neither_downloads_nor_attaches(document, login):
    owner, doc = document
    _upload(login(owner), doc)
    attachment = Attachment.objects.get()
    stranger = login(member(Role.PROVIDER))
    assert stranger.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
    assert _upload(stranger, doc).status_code == 404
    remove = stranger.post(reverse("attachments:remove", args=[attachment.pk]))
    assert remove.status_code == 404
    assert Attachment.objects.count() == 1


def test_uszn_of_the_territory_reads_but_may_not_attach(document, login):
    owner, doc = document
    _upload(login(owner), doc)
    uszn = login(member(Role.USZN, org={"territory": territory("Урай")}))
    attachment = Attachment.objects.get()
    assert uszn.get(reverse("attachments:download", args=[attachment.pk])).status_code == 200
    assert _upload(uszn, doc).status_code == 403


def test_owner_removes_a_file_and_it_is_audited(document, login):
    owner, doc = document
    client = login(owner)
    _upload(client, doc)
    attachment = Attachment.objects.get()
    client.post(reverse("attachments:remove", args=[attachment.pk]), {"next": "/"})
    assert not Attachment.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, parent_id=str(doc.pk)).exists()
    assert LocalDocument.objects.filter(pk=doc.pk).exists()


def test_a_record_type_that_takes_no_attachments_answers_404(document, login):
    """Issue 11, item 5: a scoped model without ``attachments_editable_by`` was a 500."""
    owner, _doc = document
    appointment = Appointment.objects.create(
        organisation=owner.organisation,
        kind="organisation",
        person_name="Иванова Мария Петровна",
        position="Специалист",
        order_number="1",
        order_date=date(2026, 1, 1),
        valid_from=date(2026, 1, 1),
    )
    assert _upload(login(owner), appointment).status_code == 404
    assert not Attachment.objects.exists()


def test_a_long_file_name_is_kept_whole_and_stored_short(document, login):
    """Issue 11, item 5: a name longer than the stored path fits is kept for the download."""
    owner, doc = document
    name = "Приложение к приказу о назначении ответственных " * 4 + ".pdf"
    response = _upload(login(owner), doc, name=name)
    assert response.status_code == 302
    attachment = Attachment.objects.of(doc).get()
    assert attachment.original_name == name
    assert len(attachment.file.name) <= 100
