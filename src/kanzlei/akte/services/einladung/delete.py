"""DELETE /@akte-einladung?client_number=...[&contact=<uid>]: revoke; GET: the state."""

from kanzlei.akte.accounts import invitations
from kanzlei.akte.services.base import IntegrationService
from kanzlei.akte.services.einladung.common import describe
from kanzlei.akte.services.einladung.common import target_from


class EinladungDelete(IntegrationService):
    def reply(self):
        data = dict(self.request.form)
        data.update(self.body())
        target = target_from(data)
        invitation = invitations.current_invitation(target)
        if invitation is not None:
            invitations.revoke(invitation)
        return describe(target, invitation)


class EinladungGet(IntegrationService):
    def reply(self):
        target = target_from(self.request.form)
        return describe(target, invitations.current_invitation(target))
