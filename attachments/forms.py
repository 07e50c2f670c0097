from django import forms

from organisations.uploads import validate_document_file
from ui.forms import StyledFormMixin


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label="Файл", validators=[validate_document_file])
    title = forms.CharField(label="Описание", max_length=255, required=False)
