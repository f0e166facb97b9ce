"""axe-core (bundled in axe-playwright-python, no download) on a Playwright page."""

from axe_playwright_python.sync_playwright import Axe


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def violations(page):
    """The WCAG 2.1 A/AA violations axe finds on the page, as readable lines."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            "resultTypes": ["violations"],
        },
    )
    found = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        found.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"– {'; '.join(targets)}\n    "
            + violation["nodes"][0]["failureSummary"].replace("\n", " ")
        )
    return found
