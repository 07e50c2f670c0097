from typing import cast

from django import forms
from django.conf import settings

from resurs.kernel.attachments.uploads import validate_spreadsheet_file
from resurs.kernel.ui.forms import StyledFormMixin


class ImportUploadForm(StyledFormMixin, forms.Form):
    importer = forms.ChoiceField(label="Что загружается")
    file = forms.FileField(
        label="Файл (.xlsx; для дорожной карты также .docx, .txt, .tsv)",
        validators=[validate_spreadsheet_file],
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.docx,.txt,.tsv"}),
    )

    target = forms.ChoiceField(label="Куда загрузить", required=False)

    def __init__(self, *args, importers=(), who=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["importer"].choices = [(i.name, i.title) for i in importers]  # type: ignore[attr-defined]
        # The places the chosen importer offers (a roadmap page links here with its own).
        chosen = self.data.get("importer") or self.initial.get("importer")
        importer = next((i for i in importers if i.name == chosen), None)
        if importer is None and not self.is_bound and importers:
            importer = importers[0]  # the one the select shows first
        targets = importer.targets(who) if importer is not None else []
        if importer is not None and targets:
            target = cast(forms.ChoiceField, self.fields["target"])
            target.choices = targets
            target.label = importer.target_label
        else:
            del self.fields["target"]
        self.fields["file"].help_text = (
            f"Не более {settings.UPLOAD_MAX_MEGABYTES} МБ. Заголовки столбцов — как в шаблоне; "
            "лишние столбцы не мешают. Сначала проверяется каждая строка, сохраняется файл "
            "только целиком и только без ошибок."
        )
