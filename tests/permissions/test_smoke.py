from kanzlei.akte.testing import add_document
from kanzlei.akte.testing import make_client
from plone import api


def test_client_sees_only_own(portal):
    a, ma = make_client(portal, "Anna A", "1001", "1/26", userid="clienta")
    b, mb = make_client(portal, "Bert B", "1002", "2/26", userid="clientb")
    da = add_document(ma)
    db = add_document(mb)
    assert api.content.get_state(da) == "freigegeben"
    with api.env.adopt_user(username="clienta"):
        found = [x.getPath() for x in api.content.find(portal_type="Dokument")]
        assert found == ["/".join(da.getPhysicalPath())]
        assert api.user.has_permission("View", obj=da)
        assert not api.user.has_permission("View", obj=db)
        assert not api.user.has_permission("View", obj=portal["mandanten"])
        assert not api.user.has_permission("Modify portal content", obj=da)
        assert api.user.has_permission("kanzlei.akte: Add Dokument", obj=ma)
        assert not api.user.has_permission("kanzlei.akte: Add Dokument", obj=mb)
