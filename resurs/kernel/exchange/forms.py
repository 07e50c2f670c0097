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

    def __init__(self, *args, importers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["importer"].choices = [(i.name, i.title) for i in importers]  # type: ignore[attr-defined]
        self.fields["file"].help_text = (
            f"Не более {settings.UPLOAD_MAX_MEGABYTES} МБ. Заголовки столбцов — как в шаблоне; "
            "лишние столбцы не мешают. Сначала проверяется каждая строка, сохраняется файл "
            "только целиком и только без ошибок."
        )
