"""Breadcrumbs only for staff (and the anonymous login pages): a client's path runs
through the firm's client area, which is none of the client's business; the client
pages have their own navigation."""

from kanzlei.akte.accounts.staff import is_staff
from plone import api
from plone.app.layout.viewlets.common import PathBarViewlet


class StaffPathBar(PathBarViewlet):
    def update(self):
        self.visible = api.user.is_anonymous() or is_staff(self.context)
        if self.visible:
            super().update()

    def render(self):
        return super().render() if self.visible else ""
