from django.contrib import admin, messages

from resurs.kernel.audit.admin import AuditedModelAdmin
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import record, snapshot
from resurs.kernel.workcalendar.deadlines import package_years
from resurs.kernel.workcalendar.models import CalendarDay, CalendarYear
from resurs.kernel.workcalendar.services import calendar_year_add_statutory_shifts
from resurs.kernel.writes.errors import DomainError


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    fields = ["date", "is_working", "note"]
    extra = 1


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedModelAdmin):
    list_display = ["year", "decree", "basis", "updated_at"]
    readonly_fields = ["basis", "created_at", "updated_at"]
    fields = ["year", "decree", "note", "basis", "created_at", "updated_at"]
    inlines = [CalendarDayInline]
    actions = ["add_statutory_shifts"]

    def save_formset(self, request, form, formset, change):
        """X-3: the days are the calendar itself, so each added, changed or removed day is
        recorded under its year, like the year's own fields."""
        if formset.model is not CalendarDay:
            super().save_formset(request, form, formset, change)
            return
        parent, role = form.instance, self._role(request)
        stored = {
            day.pk: snapshot(day)
            for day in CalendarDay.objects.filter(
                pk__in=[f.instance.pk for f in formset.initial_forms if f.instance.pk]
            ).select_related("calendar_year")
        }
        # A deleted row loses its primary key, so its entry is written first (same transaction).
        for deleted in formset.deleted_forms:
            if deleted.instance.pk in stored:
                record(
                    by=request.user,
                    role=role,
                    instance=deleted.instance,
                    action=AuditAction.DELETE,
                    before=stored[deleted.instance.pk],
                    parent=parent,
                )
        super().save_formset(request, form, formset, change)
        for day in formset.new_objects:
            record(
                by=request.user,
                role=role,
                instance=day,
                action=AuditAction.CREATE,
                after=snapshot(day),
                parent=parent,
            )
        for day, _fields in formset.changed_objects:
            record(
                by=request.user,
                role=role,
                instance=day,
                action=AuditAction.UPDATE,
                before=stored.get(day.pk),
                after=snapshot(day),
                parent=parent,
            )

    def delete_model(self, request, obj):
        # The days go with the year (CASCADE): record each of them too.
        for day in obj.days.all():
            record(
                by=request.user,
                role=self._role(request),
                instance=day,
                action=AuditAction.DELETE,
                before=snapshot(day),
                parent=obj,
            )
        super().delete_model(request, obj)

    @admin.display(description="основа календаря")
    def basis(self, obj):
        if obj.year and obj.year in package_years():
            return (
                "пакет holidays (переносы по постановлению уже учтены); "
                "дни-исключения ниже исправляют его"
            )
        return (
            "субботы и воскресенья, праздники ст. 112 ТК РФ и дни-исключения ниже: "
            "внесите все переносы по постановлению и переносы праздников, "
            "совпавших с выходными (действие «Добавить переносы…» в списке годов)"
        )

    @admin.action(
        description="Добавить переносы праздников, совпавших с выходными (ч. 2 ст. 112 ТК РФ)"
    )
    def add_statutory_shifts(self, request, queryset):
        for calendar_year in queryset:
            try:
                created = calendar_year_add_statutory_shifts(
                    calendar_year=calendar_year, by=request.user
                )
            except DomainError as exc:
                self.message_user(request, str(exc), messages.WARNING)
                continue
            dates = ", ".join(f"{day.date:%d.%m}" for day in created) or "нет новых"
            self.message_user(
                request, f"{calendar_year.year} год: добавлены нерабочие дни — {dates}."
            )


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedModelAdmin):  # a day edited here is recorded as well
    list_display = ["date", "is_working", "note", "calendar_year"]
    list_filter = ["is_working", "calendar_year"]
    list_select_related = ["calendar_year"]
    date_hierarchy = "date"
    search_fields = ["note"]
