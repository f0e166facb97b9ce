"""Issue 12 §3, the questionnaire path: a file attached to an answer is scanned too.

Files attached to answers become Dokumente of the mandate (``questionnaires/store.py``),
through the one upload guard: EICAR in a questionnaire's file field is refused with
the German message and nothing of the submission is stored; a clean PDF is stored.
"""

from plone import api
from tests.questionnaires.conftest import akte_web  # noqa: F401 - fixture
from tests.questionnaires.helpers import authenticator
from tests.questionnaires.helpers import CLIENT_PASSWORD
from tests.questionnaires.test_flow import documents
from tests.questionnaires.test_flow import FILE_MODEL
from tests.questionnaires.test_flow import session
from tests.uploads.conftest import EICAR

import transaction


def test_questionnaire_file_field_is_scanned(akte_web, clamd):  # noqa: F811
    mandat = akte_web["mandat_a"]
    with api.env.adopt_user(username="anwalt"):
        form = api.content.create(
            container=mandat, type="EasyForm", title="Belege", fields_model=FILE_MODEL
        )
    transaction.commit()
    client = session("mandant-a", CLIENT_PASSWORD)

    def submit(filename, data):
        page = client.get(form.absolute_url())
        return client.post(
            form.absolute_url(),
            data={
                "form.widgets.name": "Erika Muster",
                "form.buttons.submit": "Absenden",
                "_authenticator": authenticator(page.text),
            },
            files={"form.widgets.beleg": (filename, data, "application/pdf")},
        )

    refused = submit("rechnung.pdf", EICAR)
    assert refused.status_code == 422, refused.text[:500]
    assert "enthält Schadsoftware" in refused.text
    assert documents(mandat) == {}

    stored = submit("rechnung.pdf", b"%PDF-1.4 Rechnung Werkstatt")
    assert stored.status_code == 200, stored.text[:500]
    assert "rechnung.pdf" in {
        b.getObject().file.filename for b in documents(mandat).values()
    }
