"""The forms of the in-service chain inside an institution (REP-2; 004 app. 2 §5.3–5.4):
specialist → head of the unit → director."""

from resurs.coordination.reporting.shipped.values import INT, T

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


IN_SERVICE_FORMS = [
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
