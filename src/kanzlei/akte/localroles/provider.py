"""The computed local role ``Mandant`` on a client's Mandant."""

from borg.localrole.interfaces import ILocalRoleProvider
from kanzlei.akte.accounts.links import active_userids
from kanzlei.akte.content.mandant import IMandant
from zope.component import adapter
from zope.interface import implementer


ROLE = "Mandant"


@adapter(IMandant)
@implementer(ILocalRoleProvider)
class MandantRoleProvider:
    def __init__(self, context):
        self.context = context

    def getRoles(self, principal_id):
        if principal_id in active_userids(self.context):
            return (ROLE,)
        return ()

    def getAllRoles(self):
        for userid in active_userids(self.context):
            yield userid, (ROLE,)
