"""REP-1/REP-2: the forms the product ships with, as data (installed by a data migration and
by ``manage.py load_demo``; the Department edits them afterwards). Due days are the seeds'
values (000:3.1.6–3.1.7, 001:2): provider → УСЗН by the 3rd, УСЗН → RC by the 5th, RC →
Department by the 10th, RC → methodological centre by the 3rd, the annual roadmap report by
20 January; inside an institution specialist → head by the 1st, head → director by the 3rd
(004 app. 2 §5.3–5.4)."""

INT, D, T, B, TABLE = "integer", "decimal", "text", "boolean", "table"

_PROVIDER_SECTIONS = [
    (
        "1. Мероприятия и методическая работа",
        [
            dict(
                code="events_held",
                number="1.1",
                title="Проведено мероприятий",
                value_type=INT,
                unit="ед.",
                counter="events_held",
                consolidation="sum",
            ),
            dict(
                code="consultations",
                number="1.2",
                title="Проведено консультаций",
                value_type=INT,
                unit="ед.",
                counter="consultations",
                consolidation="sum",
            ),
            dict(
                code="publications",
                number="1.3",
                title="Публикации о деятельности",
                value_type=INT,
                unit="ед.",
                counter="publications",
                consolidation="sum",
            ),
        ],
    ),
    (
        "2. Получатели социальных услуг по направлению",
        [
            dict(
                code="recipients_total",
                number="2.1",
                title="Получатели услуг, всего",
                value_type=INT,
                unit="чел.",
                required=True,
                consolidation="sum",
            ),
            dict(
                code="recipients_new",
                number="2.2",
                title="из них впервые",
                value_type=INT,
                unit="чел.",
                required=True,
                consolidation="sum",
                part_of="recipients_total",
            ),
            dict(
                code="recipients_new_share",
                number="2.3",
                title="Доля впервые обратившихся",
                value_type=D,
                unit="%",
                formula="recipients_new / recipients_total * 100",
            ),
            dict(
                code="staff_trained",
                number="2.4",
                title="Специалисты, прошедшие обучение (стажировку)",
                value_type=INT,
                unit="чел.",
                consolidation="sum",
            ),
        ],
    ),
    (
        "3. Технологии и проблемы",
        [
            dict(
                code="technologies",
                number="3.1",
                title="Применяемые технологии и методики",
                value_type=TABLE,
                consolidation="list",
                columns=[
                    {"code": "name", "title": "Наименование", "type": "text"},
                    {"code": "recipients", "title": "Охвачено, чел.", "type": "integer"},
                ],
            ),
            dict(
                code="problems",
                number="3.2",
                title="Проблемы и предложения",
                value_type=T,
                consolidation="list",
            ),
        ],
    ),
]

_RC_OWN = (
    "Деятельность ресурсного центра",
    [
        dict(
            code="rc_events_held",
            number="2.1",
            title="Проведено мероприятий ресурсным центром",
            value_type=INT,
            unit="ед.",
            counter="events_held",
        ),
        dict(
            code="rc_consulted",
            number="2.2",
            title="Организации, получившие консультационно-методическую поддержку",
            value_type=INT,
            unit="ед.",
            counter="consulted_organisations",
        ),
        dict(
            code="rc_publications",
            number="2.3",
            title="Публикации",
            value_type=INT,
            unit="ед.",
            counter="publications",
        ),
        dict(
            code="rc_partners",
            number="2.4",
            title="Социальные партнёры",
            value_type=INT,
            unit="ед.",
            counter="social_partners",
        ),
        dict(
            code="rc_roadmap",
            number="2.5",
            title="Исполнение дорожной карты",
            value_type=D,
            unit="%",
            counter="roadmap_execution",
        ),
        dict(code="rc_conclusions", number="2.6", title="Выводы и предложения", value_type=T),
    ],
)


def _numbered(sections, prefix):
    """The provider's lines renumbered under the first section of a consolidated form."""
    rows = []
    for _title, indicators in sections:
        for indicator in indicators:
            row = dict(indicator)
            row.pop("counter", None)
            row["number"] = f"{prefix}.{len(rows) + 1}"
            row["required"] = False
            rows.append(row)
    return rows


FORMS = [
    dict(
        code="provider-monitoring",
        title="Мониторинг деятельности поставщика социальных услуг по приоритетному направлению",
        short_title="Мониторинг поставщика",
        period_kind="quarter",
        sender="provider",
        receiver="uszn",
        due_day=3,
        basis="001:2 — «по утвержденной форме», до 3 числа месяца, следующего за отчётным",
        sections=_PROVIDER_SECTIONS,
    ),
    dict(
        code="uszn-consolidation",
        title="Сводная информация УСЗН о деятельности поставщиков социальных услуг",
        short_title="Свод УСЗН",
        period_kind="quarter",
        sender="uszn",
        receiver="resource_centre",
        due_day=5,
        consolidates="provider-monitoring",
        basis="001:2 — систематизация данных поставщиков, до 5 числа",
        sections=[
            ("1. Поставщики территории (свод)", _numbered(_PROVIDER_SECTIONS, "1")),
            (
                "2. Сведения УСЗН",
                [
                    dict(
                        code="providers_reported",
                        number="2.1",
                        title="Поставщиков, представивших информацию",
                        value_type=INT,
                        unit="ед.",
                        counter="senders_accepted",
                        consolidation="sum",
                    ),
                    dict(code="uszn_comment", number="2.2", title="Комментарий УСЗН", value_type=T),
                ],
            ),
        ],
    ),
    dict(
        code="rc-monitoring",
        title="Мониторинг деятельности поставщиков и ресурсного центра по приоритетному "
        "направлению",
        short_title="Мониторинг РЦ",
        period_kind="quarter",
        sender="resource_centre",
        receiver="department",
        due_day=10,
        consolidates="uszn-consolidation",
        basis="000:3.1.7 — в Департамент, до 10 числа месяца, следующего за отчётным",
        sections=[
            (
                "1. Поставщики направления (свод)",
                _numbered(_PROVIDER_SECTIONS, "1")
                + [
                    dict(
                        code="providers_reported",
                        number="1.10",
                        title="Поставщиков, представивших информацию",
                        value_type=INT,
                        unit="ед.",
                        consolidation="sum",
                    )
                ],
            ),
            ("2. " + _RC_OWN[0], _RC_OWN[1]),
        ],
    ),
    dict(
        code="rc-kpi",
        title="Показатели эффективности деятельности ресурсного центра (раздел 6 Положения)",
        short_title="Показатели РЦ (6.1–6.6)",
        period_kind="quarter",
        sender="resource_centre",
        receiver="methodical_centre",
        due_day=3,
        basis="000:3.1.6 и раздел 6 — в методический центр, до 3 числа",
        sections=[
            (
                "Показатели эффективности",
                [
                    dict(
                        code="kpi_6_1",
                        number="6.1",
                        title="Доступная открытая среда поддержки: раздел ресурсного центра "
                        "на сайте создан и актуален",
                        value_type=B,
                        counter="public_page",
                    ),
                    dict(
                        code="kpi_6_2",
                        number="6.2",
                        title="Количество мероприятий, проводимых ресурсным центром",
                        value_type=INT,
                        unit="ед.",
                        counter="events_held",
                    ),
                    dict(
                        code="kpi_6_3",
                        number="6.3",
                        title="Количество организаций, получивших консультационно-"
                        "методическую поддержку",
                        value_type=INT,
                        unit="ед.",
                        counter="consulted_organisations",
                    ),
                    dict(
                        code="kpi_6_4",
                        number="6.4",
                        title="Количество публикаций",
                        value_type=INT,
                        unit="ед.",
                        counter="publications",
                    ),
                    dict(
                        code="kpi_6_4_media",
                        number="6.4.1",
                        title="в том числе в СМИ",
                        value_type=INT,
                        unit="ед.",
                        counter="publications_mass_media",
                        part_of="kpi_6_4",
                    ),
                    dict(
                        code="kpi_6_5_participants",
                        number="6.5.1",
                        title="Реестр участников: внесено записей",
                        value_type=INT,
                        unit="ед.",
                        counter="registry_participants",
                    ),
                    dict(
                        code="kpi_6_5_acts",
                        number="6.5.2",
                        title="Нормативные правовые акты: внесено",
                        value_type=INT,
                        unit="ед.",
                        counter="registry_legal_acts",
                    ),
                    dict(
                        code="kpi_6_5_technologies",
                        number="6.5.3",
                        title="Инновационные технологии и методики: внесено",
                        value_type=INT,
                        unit="ед.",
                        counter="registry_technologies",
                    ),
                    dict(
                        code="kpi_6_5_articles",
                        number="6.5.4",
                        title="Статьи «Из опыта работы»: внесено",
                        value_type=INT,
                        unit="ед.",
                        counter="registry_articles",
                    ),
                    dict(
                        code="kpi_6_5_practices",
                        number="6.5.5",
                        title="Социальные практики: внесено",
                        value_type=INT,
                        unit="ед.",
                        counter="registry_social_practices",
                    ),
                    dict(
                        code="kpi_6_5_products",
                        number="6.5.6",
                        title="Методические продукты, рекомендованные экспертным советом",
                        value_type=INT,
                        unit="ед.",
                        counter="products_approved",
                    ),
                    dict(
                        code="kpi_6_5",
                        number="6.5",
                        title="Сформированность информационно-методической базы (всего)",
                        value_type=INT,
                        unit="ед.",
                        formula="kpi_6_5_participants + kpi_6_5_acts + kpi_6_5_technologies"
                        " + kpi_6_5_articles + kpi_6_5_practices + kpi_6_5_products",
                    ),
                    dict(
                        code="kpi_6_6",
                        number="6.6",
                        title="Количество социальных партнёров",
                        value_type=INT,
                        unit="ед.",
                        counter="social_partners",
                    ),
                ],
            ),
        ],
    ),
    dict(
        code="roadmap-annual",
        title="Информационно-аналитический отчёт об исполнении плана мероприятий "
        "(«дорожной карты»)",
        short_title="Годовой отчёт по дорожной карте",
        period_kind="year",
        sender="resource_centre",
        receiver="department",
        due_day=20,
        basis="003 — до 20 января года, следующего за отчётным",
        sections=[
            (
                "Исполнение плана",
                [
                    dict(
                        code="execution",
                        number="1",
                        title="Исполнение дорожной карты",
                        value_type=D,
                        unit="%",
                        counter="roadmap_execution",
                        required=True,
                    ),
                    dict(
                        code="checkpoints_done",
                        number="2",
                        title="Контрольные точки выполнены",
                        value_type=INT,
                        unit="ед.",
                        counter="roadmap_checkpoints_done",
                    ),
                    dict(
                        code="checkpoints_overdue",
                        number="3",
                        title="Контрольные точки без отметки об исполнении",
                        value_type=INT,
                        unit="ед.",
                        counter="roadmap_checkpoints_overdue",
                    ),
                    dict(
                        code="conclusions",
                        number="4",
                        title="Выводы и предложения",
                        value_type=T,
                        required=True,
                    ),
                ],
            ),
        ],
    ),
]

# The in-service chain (004 app. 2 §5.3–5.4): the seed asks for «информация о результатах
# работы в рамках деятельности Службы» without a layout. What the facts know is counted
# (§4.9: every service is written down by the specialist — recipients, services, of them the
# social-legal §4.3 and social-labour §4.4 ones); the families accompanied (§4.5–4.8) and the
# results are typed until the social contracts are in the system.
_SPECIALIST_SERVICES = [
    dict(
        code="service_recipients",
        number="1.1",
        title="Получатели социальных услуг",
        value_type=INT,
        unit="чел.",
        counter="service_recipients",
        help_text="Разные люди, которым специалист оказал услуги в квартале (по фактам).",
    ),
    dict(
        code="services_given",
        number="1.2",
        title="Оказано социальных услуг, всего",
        value_type=INT,
        unit="ед.",
        counter="services_given",
    ),
    dict(
        code="services_legal",
        number="1.3",
        title="из них социально-правовых (п. 4.3 Положения)",
        value_type=INT,
        unit="ед.",
        counter="services_legal",
        part_of="services_given",
    ),
    dict(
        code="services_labour",
        number="1.4",
        title="из них социально-трудовых (п. 4.4 Положения)",
        value_type=INT,
        unit="ед.",
        counter="services_labour",
        part_of="services_given",
    ),
]
_FAMILIES = [
    dict(
        code="families_supported",
        number="2.1",
        title="Семьи, заключившие социальный контракт, на сопровождении",
        value_type=INT,
        unit="ед.",
        required=True,
        consolidation="sum",
    ),
    dict(
        code="members_employed",
        number="2.2",
        title="Трудоустроено трудоспособных членов семей",
        value_type=INT,
        unit="чел.",
        consolidation="sum",
    ),
    dict(
        code="support_ended",
        number="2.3",
        title="Сопровождение прекращено (п. 4.8 Положения)",
        value_type=INT,
        unit="ед.",
        consolidation="sum",
        part_of="families_supported",
    ),
]
_RESULTS = [
    dict(
        code="results",
        number="3.1",
        title="Результаты работы в рамках деятельности Службы",
        value_type=T,
        required=True,
        consolidation="list",
    ),
    dict(
        code="difficulties",
        number="3.2",
        title="Трудности и предложения",
        value_type=T,
        consolidation="list",
    ),
]


def _renumbered(indicators, section: int, **changes):
    return [
        dict(indicator, number=f"{section}.{order}", **changes)
        for order, indicator in enumerate(indicators, start=1)
    ]


FORMS.extend(
    [
        dict(
            code="inservice-specialist",
            title="Отчёт специалиста о работе за квартал",
            short_title="Отчёт специалиста за квартал",
            period_kind="quarter",
            sender="specialist",
            receiver="unit_head",
            due_day=1,
            basis="004 прил. 2 п. 5.3 — руководителю структурного подразделения, до 1 числа "
            "месяца, следующего за отчётным периодом",
            sections=[
                ("1. Социальные услуги (по фактам оказания)", _SPECIALIST_SERVICES),
                ("2. Сопровождение семей", _FAMILIES),
                ("3. Результаты", _RESULTS),
            ],
        ),
        dict(
            code="inservice-head",
            title="Отчёт заведующего отделением за квартал",
            short_title="Отчёт заведующего за квартал",
            period_kind="quarter",
            sender="unit_head",
            receiver="director",
            due_day=3,
            consolidates="inservice-specialist",
            basis="004 прил. 2 п. 5.4 — директору (заместителю директора) организации, до 3 "
            "числа месяца, следующего за отчётным периодом",
            sections=[
                (
                    "1. Отчёты специалистов",
                    [
                        dict(
                            code="specialists_reported",
                            number="1.1",
                            title="Принято отчётов специалистов",
                            value_type=INT,
                            unit="ед.",
                            counter="senders_accepted",
                        )
                    ],
                ),
                (
                    "2. Социальные услуги отделения (по фактам оказания)",
                    _renumbered(
                        _SPECIALIST_SERVICES,
                        2,
                        help_text="Считается по всем фактам отделения: человек, которому "
                        "услуги оказали два специалиста, учтён один раз.",
                    ),
                ),
                ("3. Сопровождение семей (свод отчётов специалистов)", _renumbered(_FAMILIES, 3)),
                (
                    "4. Результаты работы Службы",
                    _renumbered(_RESULTS, 4)
                    + [
                        dict(
                            code="proposals",
                            number="4.3",
                            title="Предложения заведующего по организации работы Службы",
                            value_type=T,
                        )
                    ],
                ),
            ],
        ),
    ]
)

COEFFICIENT_DEFAULTS = [
    # component, weight, norm for a quarter
    ("public_page", "1.00", "1"),
    ("events", "1.00", "6"),
    ("consulted", "1.00", "10"),
    ("publications", "1.00", "6"),
    ("registry", "1.00", "5"),
    ("partners", "1.00", "10"),
    ("roadmap", "2.00", "100"),
]


def install(apps=None) -> int:
    """Creates the shipped forms that are missing (by code) with version 1 and the default
    coefficient weights; returns how many forms were created. Works with the migration's
    historical models (``apps``) and with the real ones."""
    from django.utils import timezone

    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    ReportForm = apps.get_model("reporting", "ReportForm")
    FormVersion = apps.get_model("reporting", "FormVersion")
    FormSection = apps.get_model("reporting", "FormSection")
    Indicator = apps.get_model("reporting", "Indicator")
    CoefficientWeight = apps.get_model("reporting", "CoefficientWeight")
    created = 0
    for order, spec in enumerate(FORMS, start=1):
        if ReportForm.objects.filter(code=spec["code"]).exists():
            continue
        consolidates = (
            ReportForm.objects.get(code=spec["consolidates"]) if spec.get("consolidates") else None
        )
        form = ReportForm.objects.create(
            code=spec["code"],
            title=spec["title"],
            short_title=spec["short_title"],
            period_kind=spec["period_kind"],
            sender=spec["sender"],
            receiver=spec["receiver"],
            due_day=spec["due_day"],
            consolidates=consolidates,
            basis=spec["basis"],
            order=order,
        )
        version = FormVersion.objects.create(
            form=form, number=1, note="Форма при поставке", published_at=timezone.now()
        )
        for s_order, (title, indicators) in enumerate(spec["sections"], start=1):
            section = FormSection.objects.create(form_version=version, order=s_order, title=title)
            # A migration's historical model may not have every field a later one added.
            known = {f.name for f in Indicator._meta.get_fields()}
            for i_order, indicator in enumerate(indicators, start=1):
                Indicator.objects.create(
                    form_version=version,
                    section=section,
                    order=i_order,
                    **{name: value for name, value in indicator.items() if name in known},
                )
        created += 1
    for component, weight, norm in COEFFICIENT_DEFAULTS:
        CoefficientWeight.objects.get_or_create(
            component=component, defaults={"weight": weight, "norm": norm}
        )
    return created
