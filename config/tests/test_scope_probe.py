"""The cross-scope probe (issue 11): on the demo region, every record that has an outsider of a
kind — another provider, another territory's УСЗН, another direction's RC — is asked for through
every URL of the project that takes its id (cards, forms, exports, downloads, fragments, the
API), as that outsider. The answer must be the one an id that exists nowhere gets: 404, or the
same refusal given before any record is read. Anything else is a leak.

What a record is and who has a stake in it is `scope_probe` (the model → owner rule); which
URLs exist and which model each opens is found from the URL resolver, so a new URL is probed
without registering it, and a URL whose model has no owner rule fails the probe.
"""

from __future__ import annotations

import datetime
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from config.tests import scope_probe
from config.tests.scope_probe import SENTINEL, IdRoute, Stake, call, model_of_url, stake_of
from conftest import client_for
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from resurs.kernel.contributions import demo_loaders
from resurs.kernel.organisations.demo import load_demo
from resurs.kernel.organisations.models import Organisation, OrganisationKind, ResourceCentreStatus
from tests.factories import member

pytestmark = pytest.mark.django_db

# Records probed per model (spread over the table: the first, the last and between).
PER_MODEL = 6
KINDS = ("provider", "uszn", "rc")


@dataclass
class Outsider:
    kind: str
    membership: Membership
    client: Client
    headers: dict
    territory_id: int | None
    direction_ids: frozenset[int]

    def is_outside(self, stake: Stake) -> bool:
        m = self.membership
        if m.organisation_id in stake.organisations or m.user_id in stake.users:
            return False
        if self.territory_id in stake.territories:
            return False
        return not (self.direction_ids & stake.directions)


def _outsider(kind: str, membership: Membership) -> Outsider:
    _token, raw = api_token_create(membership=membership, name="проба")
    client = client_for(membership)
    # A server error is a finding like any other answer, not the end of the probe.
    client.raise_request_exception = False
    organisation = membership.organisation
    directions = set(organisation.directions.values_list("pk", flat=True))
    if membership.direction_id:
        directions.add(membership.direction_id)
    return Outsider(
        kind=kind,
        membership=membership,
        client=client,
        headers={"Authorization": f"Bearer {raw}"},
        territory_id=organisation.territory_id,
        direction_ids=frozenset(directions),
    )


def _everyone_of_the_demo() -> dict[str, list[Outsider]]:
    """A member of every kind for every demo organisation that can hold one."""
    pool: dict[str, list[Outsider]] = {kind: [] for kind in KINDS}
    statuses = ResourceCentreStatus.objects.active().select_related("organisation")
    rc_orgs = set()
    for status in statuses:
        rc_orgs.add(status.organisation_id)
        pool["rc"].append(
            _outsider(
                "rc",
                member(Role.RESOURCE_CENTRE, status.organisation, direction=status.direction),
            )
        )
    for organisation in Organisation.objects.visible_to(member(Role.DEPARTMENT)).order_by("pk"):
        if organisation.kind == OrganisationKind.USZN:
            pool["uszn"].append(_outsider("uszn", member(Role.USZN, organisation)))
        elif organisation.pk not in rc_orgs and organisation.kind in (
            OrganisationKind.STATE_INSTITUTION,
            OrganisationKind.NON_STATE_PROVIDER,
        ):
            pool["provider"].append(_outsider("provider", member(Role.PROVIDER, organisation)))
    return pool


def _demo_region():
    load_demo()
    for load in demo_loaders():
        load()
    _a_providers_private_rows()


def _a_providers_private_rows():
    """What the demo has none of: a provider's local document with its file, a file attached
    to it, an import it uploaded and a notification to its member."""
    from django.core.files.base import ContentFile

    from resurs.kernel.attachments.models import Attachment
    from resurs.kernel.exchange.models import ImportBatch
    from resurs.kernel.notifications.models import Notification
    from resurs.kernel.organisations.demo import PYT_YAKH_KCSON
    from resurs.kernel.organisations.models import (
        LocalDocument,
        LocalDocumentKind,
        LocalDocumentVersion,
    )

    provider = member(Role.PROVIDER, Organisation.objects.get(name=PYT_YAKH_KCSON))
    document = LocalDocument.objects.create(
        organisation=provider.organisation, kind=LocalDocumentKind.values[0], title="Положение"
    )
    LocalDocumentVersion.objects.create(
        document=document,
        number=1,
        approved_on=datetime.date(2026, 1, 15),
        file=ContentFile(b"%PDF-1.4 probe", name="polozhenie.pdf"),
        original_name="polozhenie.pdf",
    )
    Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(LocalDocument),
        object_id=document.pk,
        file=ContentFile(b"%PDF-1.4 probe", name="prilozhenie.pdf"),
        original_name="prilozhenie.pdf",
    )
    ImportBatch.objects.create(
        importer="organisations",
        file=ContentFile(b"probe", name="import.xlsx"),
        original_name="import.xlsx",
        created_by=provider.user,
        membership=provider,
    )
    Notification.objects.create(recipient=provider.user, title="Срок отчёта")


def _sample(model) -> list:
    manager = getattr(model, "all_records", None) or model._default_manager
    pks = list(manager.order_by("pk").values_list("pk", flat=True))
    if len(pks) > PER_MODEL:
        step = (len(pks) - 1) / (PER_MODEL - 1)
        pks = [pks[round(i * step)] for i in range(PER_MODEL)]
    return list(manager.filter(pk__in=pks))


def _routes_with_models(
    region_wide: Membership, institution: Membership | None = None
) -> tuple[list[tuple[IdRoute, str, str]], list]:
    """The model each id-taking URL opens, as a region-wide role reaches it — or, for a URL
    refused to region-wide roles before any read (an institution's own exports of personal
    data), as the institution's provider role reaches it."""
    client = client_for(region_wide)
    _token, raw = api_token_create(membership=region_wide, name="карта адресов")
    headers = {"Authorization": f"Bearer {raw}"}
    others = None
    if institution is not None:
        _token, own = api_token_create(membership=institution, name="карта адресов")
        others = (client_for(institution), {"Authorization": f"Bearer {own}"})
    mapped, unknown = [], []
    for route in scope_probe.page_routes() + scope_probe.api_routes():
        if route.kwargs[0] == "content_type_id":
            mapped.append((route, "contenttypes.ContentType", "post"))
            continue
        label, method = model_of_url(client, route, headers)
        if label is None and others is not None:
            label, method = model_of_url(*others[:1], route, others[1])
        if label is None or label not in scope_probe.OWNERS:
            unknown.append((route.route, label))
        else:
            mapped.append((route, label, method))
    return mapped, unknown


def test_every_url_with_an_id_is_probed():
    """Every id-taking URL of the resolver is a page route or an API operation of the probe
    (or set aside with a reason in NOT_PROBED)."""
    probed = {route.route for route in scope_probe.page_routes() + scope_probe.api_routes()}
    missing = set(scope_probe.resolver_routes()) - probed - set(scope_probe.NOT_PROBED)
    assert missing == set()


def test_every_url_with_an_id_opens_a_model_with_an_owner_rule():
    """A URL that takes an id must open a model the probe knows the owner of."""
    mapped, unknown = _routes_with_models(member(Role.ADMINISTRATOR), member(Role.PROVIDER))
    assert unknown == [], "\n".join(map(str, unknown))
    assert len(mapped) >= 150
    labels = {label for _route, label, _method in mapped}
    assert {"events.Participation", "events.Nomination", "reporting.Report"} <= labels


def _records_for(label: str) -> list:
    from django.apps import apps

    if label == "contenttypes.ContentType":
        records = []
        for model_label in scope_probe.OWNERS:
            model = apps.get_model(model_label)
            records.extend(_sample(model)[:2])
        return records
    return _sample(apps.get_model(label))


def test_outsiders_of_every_kind_get_404_for_every_record_through_every_url(capsys):
    started = time.monotonic()
    _demo_region()
    pool = _everyone_of_the_demo()
    assert all(pool[kind] for kind in KINDS), {k: len(v) for k, v in pool.items()}
    mapped, unknown = _routes_with_models(member(Role.ADMINISTRATOR), member(Role.PROVIDER))
    assert unknown == []

    tried: Counter = Counter()
    refused_alike: Counter = Counter()
    leaks: list[str] = []
    probed_models: Counter = Counter()
    baseline: dict[tuple[str, str, int], int] = {}
    for route, label, method in mapped:
        for record in _records_for(label):
            stake = stake_of(record)
            if stake is None:
                continue
            for kind in KINDS:
                outsider = next((o for o in pool[kind] if o.is_outside(stake)), None)
                if outsider is None:
                    continue
                if label == "contenttypes.ContentType":
                    content_type = ContentType.objects.get_for_model(record)
                    url = route.url(content_type.pk, record.pk)
                    nowhere = route.url(content_type.pk, SENTINEL)
                else:
                    url, nowhere = route.url(record.pk), route.url(SENTINEL)
                key = (method, nowhere, outsider.membership.pk)
                if key not in baseline:
                    baseline[key] = call(
                        outsider.client, method, nowhere, route=route, headers=outsider.headers
                    ).status_code
                status = call(
                    outsider.client, method, url, route=route, headers=outsider.headers
                ).status_code
                tried[kind] += 1
                probed_models[record._meta.label] += 1
                if status == 404:
                    continue
                if status == baseline[key] and status >= 400:
                    refused_alike[f"{status} {method.upper()} /{route.route}"] += 1
                    continue
                leaks.append(
                    f"{method.upper()} {url} ({record._meta.label} #{record.pk}) as "
                    f"{kind} {outsider.membership.organisation}: {status}, "
                    f"an id that exists nowhere: {baseline[key]}"
                )
    opened = {label for _route, label, _method in mapped} - {"contenttypes.ContentType"}
    public = {label for label, rule in scope_probe.OWNERS.items() if rule is scope_probe.everyone}
    unprobed = sorted(opened - set(probed_models) - public)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\nscope probe: {sum(tried.values())} reads tried ({dict(tried)}), "
            f"{len(leaks)} leaks, refused before the lookup alike: {dict(refused_alike)}, "
            f"{len(mapped)} URLs, {len(probed_models)} models, {elapsed:.0f} s; "
            f"models opened by a URL without a probed record: {unprobed}"
        )
    assert leaks == [], "\n".join(leaks)
    # Every kind of outsider was tried, and the models the issue names were among the probed.
    assert all(tried[kind] > 0 for kind in KINDS)
    assert unprobed == [], "a URL opens these models, but no record of them was asked for"
    assert {"events.Participation", "events.Nomination", "reporting.Report"} <= set(probed_models)
