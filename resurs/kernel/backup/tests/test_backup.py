"""Issue 11 item 9: a backup holds the database and the uploaded files, and a restore brings
back both exactly — on SQLite and on PostgreSQL (the suite runs on both)."""

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from resurs.kernel.accounts.roles import Role
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.backup.archive import MANIFEST, read_manifest, table_counts
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.organisations.regions import load_region
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def system(settings):
    """Records of several kinds and uploaded files, one of them with a Cyrillic name."""
    load_region("86")
    membership = member(Role.DEPARTMENT)
    OrganisationFactory.create_batch(3)
    attachment = Attachment(
        record=membership.organisation,
        original_name="Приказ № 5.pdf",
        size=len(PDF),
        uploaded_by=membership.user,
    )
    attachment.file.save("Приказ № 5.pdf", ContentFile(PDF), save=True)
    media = Path(settings.MEDIA_ROOT)
    (media / "public" / "logos").mkdir(parents=True)
    (media / "public" / "logos" / "логотип.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 500)
    return media


def test_a_restore_brings_back_every_table_and_every_file(system, tmp_path):
    counts = table_counts(connection)
    files = files_under(system)
    assert counts["organisations_organisation"] >= 4 and counts["attachments_attachment"] == 1
    assert len(files) == 2
    archive = tmp_path / "copy.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Резервная копия записана" in out.getvalue()
    manifest = read_manifest(archive)
    assert manifest.tables == counts
    assert manifest.files == 2 and manifest.file_bytes == sum(map(len, files.values()))

    # Wipe: the database emptied, the files gone, and something new that must not survive.
    call_command("flush", "--no-input")
    shutil.rmtree(system)
    (system / "attachments").mkdir(parents=True)
    (system / "attachments" / "после копии.txt").write_bytes(b"new")
    assert Organisation.objects.count() == 0

    call_command("restore", str(archive), "--no-input", stdout=out)
    assert "Восстановлено" in out.getvalue()
    assert table_counts(connection) == counts
    assert files_under(system) == files
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as restored:
        assert restored.read() == PDF


def test_a_restore_undoes_changes_made_after_the_backup(system, tmp_path):
    archive = tmp_path / "copy.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    names = sorted(Organisation.objects.values_list("name", flat=True))
    Organisation.objects.filter(pk=Organisation.objects.first().pk).update(name="Изменено")
    OrganisationFactory()
    call_command("restore", str(archive), "--no-input", stdout=io.StringIO())
    assert sorted(Organisation.objects.values_list("name", flat=True)) == names


def test_a_copy_of_the_other_database_kind_is_refused(system, tmp_path):
    archive = tmp_path / "copy.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    forged = tmp_path / "other.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(forged, "w:gz") as target:
        for member_info in source.getmembers():
            data = source.extractfile(member_info).read()
            if member_info.name == MANIFEST:
                manifest = json.loads(data)
                manifest["engine"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"
                data = json.dumps(manifest).encode()
                member_info.size = len(data)
            target.addfile(member_info, io.BytesIO(data))
    before = table_counts(connection)
    with pytest.raises(CommandError, match="восстановите её в базу того же вида"):
        call_command("restore", str(forged), "--no-input")
    assert table_counts(connection) == before


def test_an_archive_with_a_path_out_of_the_media_folder_is_refused(system, tmp_path):
    archive = tmp_path / "copy.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(evil, "w:gz") as target:
        for member_info in source.getmembers():
            target.addfile(member_info, source.extractfile(member_info))
        escape = tarfile.TarInfo("../../escaped.txt")
        escape.size = 3
        target.addfile(escape, io.BytesIO(b"bad"))
    with pytest.raises(CommandError, match="повреждён"):
        call_command("restore", str(evil), "--no-input")
    assert not (tmp_path.parent / "escaped.txt").exists()
    assert files_under(system)
