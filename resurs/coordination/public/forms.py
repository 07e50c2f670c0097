from django import forms

from resurs.coordination.public.antispam import HONEYPOT_FIELD
from resurs.coordination.public.models import QUESTION_MAX_LENGTH, PublicMaterial, PublicPage
from resurs.coordination.public.selectors import QUESTION_STATES
from resurs.coordination.public.uploads import validate_logo_file
from resurs.kernel.ui.forms import StyledFormMixin

CONSENT_TEXT = (
    "Я даю согласие {centre} на обработку моих персональных данных (имени и адреса "
    "электронной почты, если я их указал(а), и текста вопроса) — сбор, запись, хранение, "
    "использование и удаление — в целях рассмотрения моего вопроса и направления ответа, "
    "в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных». "
    "Согласие действует до достижения этих целей или до его отзыва; отозвать согласие можно, "
    "обратившись в учреждение."
)
CONSENT_REQUIRED = "Без согласия на обработку персональных данных вопрос не принимается."
HONEYPOT_MESSAGE = (
    "Вопрос не принят: заполнено служебное поле, которое посетители не видят, — так "
    "форму заполняют программы рассылки спама. Если вы заполняли форму сами, очистите поле "
    "«Не заполняйте это поле» или отправьте вопрос из другого браузера."
)


class QuestionForm(StyledFormMixin, forms.Form):
    """EVT-5: the visitor's question. A plain POST form: it works without JavaScript."""

    author_name = forms.CharField(
        label="Как к вам обращаться",
        required=False,
        max_length=150,
        help_text="Необязательно: можно задать вопрос анонимно.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    author_email = forms.EmailField(
        label="Электронная почта для ответа",
        required=False,
        help_text="Необязательно. Если укажете, ответ придёт на эту почту.",
        error_messages={"invalid": "Проверьте адрес электронной почты, например ivanova@mail.ru."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label="Ваш вопрос",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Напишите вопрос.",
            "max_length": "Вопрос слишком длинный: не более %(limit_value)d знаков "
            "(сейчас %(show_value)d).",
        },
    )
    may_publish = forms.BooleanField(
        label="Можно опубликовать вопрос с ответом на странице центра",
        required=False,
        help_text="Без электронной почты. Специалист может убрать из вопроса личные сведения.",
    )
    publish_name = forms.BooleanField(
        label="При публикации можно указать моё имя",
        required=False,
    )
    consent = forms.BooleanField(
        label="Я согласен(на) на обработку моих персональных данных",
        error_messages={"required": CONSENT_REQUIRED},
    )
    website = forms.CharField(label="Не заполняйте это поле", required=False)

    def __init__(self, *args, centre: str, **kwargs):
        """``centre`` is the institution's full name: the operator the visitor consents to."""
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = CONSENT_TEXT.format(centre=centre)
        honeypot = self.fields[HONEYPOT_FIELD].widget
        honeypot.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return data


class PageForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    logo = forms.FileField(
        label="Логотип (символика)",
        required=False,
        validators=[validate_logo_file],
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
        help_text="Изображение PNG или JPEG (000:1.5: символика ресурсного центра).",
    )

    class Meta:
        model = PublicPage
        fields = ["slug", "about", "contacts", "logo", "is_published"]
        widgets = {
            "about": forms.Textarea(attrs={"rows": 10}),
            "contacts": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"is_published": "Опубликовать страницу (видна всем без входа в систему)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "about"
        ].help_text = "Цель, задачи и формы работы центра. Пустая строка начинает новый абзац."
        self.fields["contacts"].help_text = "Адрес, телефоны, часы работы, электронная почта."
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class MaterialForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PublicMaterial
        fields = ["audience", "title", "text", "link", "is_public"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(
        label="Ответ",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Напишите ответ."},
        help_text="Если посетитель оставил почту, ответ уйдёт ему письмом сразу после сохранения.",
    )


class PublishForm(StyledFormMixin, forms.Form):
    public_text = forms.CharField(
        label="Вопрос в том виде, в каком он появится на странице",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Текст вопроса для публикации не может быть пустым."},
        help_text="Уберите имена, телефоны, адреса и другие сведения о посетителе и его семье.",
    )


class QuestionFilterForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=[("", "Все"), *QUESTION_STATES]
    )
    centre = forms.ModelChoiceField(
        label="Ресурсный центр",
        required=False,
        queryset=PublicPage.objects.none(),
        empty_label="Все",
    )

    def __init__(self, *args, pages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pages is None:
            del self.fields["centre"]
        else:
            self.fields["centre"].queryset = pages
            self.fields["centre"].label_from_instance = lambda page: str(page.organisation)
