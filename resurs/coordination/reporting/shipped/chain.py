"""The forms of the reporting chain between organisations: provider → УСЗН → resource
centre → Department and methodological centre; the annual roadmap report."""

from resurs.coordination.reporting.shipped.values import INT, TABLE, B, D, T

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


CHAIN_FORMS = [
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
