"""Page timings: the client's mandate page and overview against Plone's own listings."""

from benchlib import bulk_documents
from benchlib import fmt_ms
from benchlib import median_ms
from benchlib import PASSWORD
from benchlib import ratio
from benchlib import STAFF_PASSWORD
from datetime import date
from datetime import timedelta
from kanzlei.akte.testing import make_client
from kanzlei.akte.testing import make_staff
from plone import api

import requests
import time
import transaction


CATEGORIES = ("Schriftsatz", "Korrespondenz", "Sonstiges")
PAGE = 100  # the client page shows 100 documents; the peers are asked for as many


def fill(mandat, count, prefix):
    start = date(2026, 1, 1)
    bulk_documents(
        mandat,
        (
            (
                f"{prefix.lower()}-{i:05d}",
                f"{prefix} Schriftsatz {i:05d}",
                f"{prefix.lower()}-{i:05d}.pdf",
                b"%PDF-1.4 bench " + str(i).encode(),
                start - timedelta(days=i % 700),
            )
            for i in range(count)
        ),
    )


def sessions():
    client = requests.Session()
    client.auth = ("bench-client", PASSWORD)
    staff = requests.Session()
    staff.auth = ("anwalt", STAFF_PASSWORD)
    return client, staff


def test_mandate_page(functional, table):
    portal = functional["portal"]
    started = time.perf_counter()
    make_staff()
    mandant, small = make_client(
        portal, "Bench Mandant", "B-1", "500/26", userid="bench-client"
    )
    with api.env.adopt_roles(["Manager"]):
        large = api.content.create(
            container=mandant, type="Mandat", title="Große Akte", file_number="501/26"
        )
    fill(small, 200, "Klein")
    fill(large, 2000, "Gross")
    transaction.commit()
    took = time.perf_counter() - started
    print(f"\n[bench] mandate data: 2,200 documents in {took:.0f} s")
    client, staff = sessions()

    ours, tabular, search = {}, {}, {}
    for label, mandat in (("200", small), ("2000", large)):
        url = mandat.absolute_url()
        ours[label] = median_ms(client, url + "/@@akte-mandat")
        tabular[label] = median_ms(staff, f"{url}/tabular_view?b_size={PAGE}")
        search[label] = median_ms(
            staff,
            f"{portal.absolute_url()}/++api++/@search",
            params={
                "path.query": "/".join(mandat.getPhysicalPath()),
                "path.depth": 1,
                "portal_type": "Dokument",
                "sort_on": "document_date",
                "sort_order": "descending",
                "b_size": PAGE,
                "metadata_fields": "_all",
            },
            headers={"Accept": "application/json"},
        )
    last = f"b_start={2000 - PAGE}"
    large_url = large.absolute_url()
    ours_last = median_ms(client, f"{large_url}/@@akte-mandat?{last}")
    tabular_last = median_ms(staff, f"{large_url}/tabular_view?b_size={PAGE}&{last}")

    peer = "tabular_view b_size=100 (staff)"
    for label in ("200", "2000"):
        table.append(
            (
                f"@@akte-mandat, {label} Dok., Seite 1",
                fmt_ms(ours[label]),
                peer,
                fmt_ms(tabular[label]),
                ratio(ours[label], tabular[label]),
                "median of 15",
            )
        )
    table.append(
        (
            "@@akte-mandat, 2000 Dok., letzte Seite",
            fmt_ms(ours_last),
            peer,
            fmt_ms(tabular_last),
            ratio(ours_last, tabular_last),
            last,
        )
    )
    for label in ("200", "2000"):
        table.append(
            (
                f"@@akte-mandat, {label} Dok., Seite 1",
                fmt_ms(ours[label]),
                "@search b_size=100 _all (staff)",
                fmt_ms(search[label]),
                ratio(ours[label], search[label]),
                "JSON only, no page",
            )
        )
    grow_ours = ours["2000"] / ours["200"]
    grow_tabular = tabular["2000"] / tabular["200"]
    grow_search = search["2000"] / search["200"]
    table.append(
        (
            "Wachstum 200→2000 Dok.",
            f"x{grow_ours:.2f}",
            "tabular_view / @search",
            f"x{grow_tabular:.2f} / x{grow_search:.2f}",
            ratio(grow_ours, grow_tabular),
            "1.00 = flat",
        )
    )


def test_overview(functional, table):
    portal = functional["portal"]
    make_staff()
    mandant, first = make_client(
        portal, "Bench Viele", "B-20", "600/26", userid="bench-client"
    )
    mandates = [first]
    with api.env.adopt_roles(["Manager"]):
        for n in range(1, 20):
            mandates.append(
                api.content.create(
                    container=mandant,
                    type="Mandat",
                    title=f"Angelegenheit {n}",
                    file_number=f"{600 + n}/26",
                    opposing_party=f"Gegner {n}",
                    responsible_lawyer="anwalt",
                )
            )
    for mandat in mandates:
        fill(mandat, 5, mandat.file_number.replace("/", "-"))
    transaction.commit()
    client, staff = sessions()
    ours = median_ms(client, f"{portal.absolute_url()}/@@meine-akte")
    peer = median_ms(staff, f"{mandant.absolute_url()}/tabular_view")
    table.append(
        (
            "@@meine-akte, 20 Mandate à 5 Dok.",
            fmt_ms(ours),
            "tabular_view of the Mandant (staff)",
            fmt_ms(peer),
            ratio(ours, peer),
            "median of 15",
        )
    )
