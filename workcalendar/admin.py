from django.contrib import admin, messages

from audit.admin import AuditedModelAdmin
from organisations.services import DomainError
from workcalendar.deadlines import package_years
from workcalendar.models import CalendarDay, CalendarYear
from workcalendar.services import calendar_year_add_statutory_shifts


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
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working", "note", "calendar_year"]
    list_filter = ["is_working", "calendar_year"]
    list_select_related = ["calendar_year"]
    date_hierarchy = "date"
    search_fields = ["note"]
