from django import forms

from resurs.kernel.attachments.uploads import validate_document_file
from resurs.kernel.ui.forms import StyledFormMixin


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label="Файл", validators=[validate_document_file])
    title = forms.CharField(label="Описание", max_length=255, required=False)
