"""Breadcrumbs only for staff: a client's path runs through the firm's client area,
which is none of the client's business; clients and visitors have the firm's header
(``kanzlei.akte.branding``)."""

from kanzlei.akte.accounts.staff import is_staff
from plone.app.layout.viewlets.common import PathBarViewlet


class StaffPathBar(PathBarViewlet):
    def update(self):
        self.visible = is_staff(self.context)
        if self.visible:
            super().update()

    def render(self):
        return super().render() if self.visible else ""
