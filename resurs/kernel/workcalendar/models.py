"""X-2: the production calendar's data entered by an administrator.

The base calendar comes from the `holidays` package (see `workcalendar.deadlines`); these
tables hold what the package does not know yet (a new year's decree) and corrections to it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# The current scheme of art. 112 of the Labour Code (New Year holidays 1–6 and 8 January)
# applies from 2013; the rules in workcalendar.deadlines are not valid for earlier years.
FIRST_CALENDAR_YEAR = 2013
LAST_CALENDAR_YEAR = 2100


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(
        "год",
        unique=True,
        validators=[
            MinValueValidator(FIRST_CALENDAR_YEAR),
            MaxValueValidator(LAST_CALENDAR_YEAR),
        ],
    )
    decree = models.CharField(
        "постановление Правительства РФ",
        max_length=200,
        help_text="Номер и дата постановления о переносе выходных дней, например "
        "«№ 1335 от 04.10.2024».",
    )
    note = models.TextField("примечание", blank=True)
    created_at = models.DateTimeField("внесён", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "год производственного календаря"
        verbose_name_plural = "годы производственного календаря"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year} год ({self.decree})"


class CalendarDay(models.Model):
    calendar_year = models.ForeignKey(
        CalendarYear,
        on_delete=models.CASCADE,
        related_name="days",
        verbose_name="год календаря",
    )
    date = models.DateField("дата", unique=True)
    is_working = models.BooleanField(
        "рабочий день",
        help_text="Отмечено — рабочий день (например, рабочая суббота по переносу); "
        "не отмечено — нерабочий день (перенесённый выходной или праздник).",
    )
    note = models.CharField(
        "основание",
        max_length=200,
        blank=True,
        help_text="Например: «перенос выходного с 4 января» или «ч. 2 ст. 112 ТК РФ».",
    )

    class Meta:
        verbose_name = "день-исключение"
        verbose_name_plural = "дни-исключения"
        ordering = ["date"]

    def __str__(self):
        kind = "рабочий" if self.is_working else "нерабочий"
        return f"{self.date:%d.%m.%Y} — {kind}"

    def clean(self):
        # RelatedObjectDoesNotExist is an AttributeError: the year may not be chosen yet.
        calendar_year = getattr(self, "calendar_year", None)
        if (
            self.date
            and calendar_year
            and calendar_year.year
            and (self.date.year != calendar_year.year)
        ):
            raise ValidationError({"date": f"Дата должна относиться к {calendar_year.year} году."})
