from tests.staff.test_start_and_area import clients, get  # noqa
from tests.staff.conftest import STAFF_PASSWORD


def test_dump(clients, base_url, page):
    open("/tmp/x/area.html", "w").write(get(base_url + "/mandanten", auth=("anwalt", STAFF_PASSWORD)).text)
    open("/tmp/x/area_q.html", "w").write(get(base_url + "/mandanten", auth=("anwalt", STAFF_PASSWORD), q="21/26").text)
    open("/tmp/x/start.html", "w").write(get(base_url).text)
    page.goto(base_url)
    page.screenshot(path="/tmp/x/start.png", full_page=True)
    from tests.client.helpers import login
    login(page, base_url, "anwalt", STAFF_PASSWORD)
    page.screenshot(path="/tmp/x/area.png", full_page=True)
    open("/tmp/x/en.html", "w").write(__import__("requests").get(base_url + "/mandanten", auth=("anwalt", STAFF_PASSWORD), headers={"Accept-Language": "en"}).text)
