"""Events of the two-factor login (for the audit log; fired with ``zope.event``).

Each carries ``userid`` (whose second factor); ``SecondFactorReset`` also ``by``
(the staff user who reset it), ``SecondFactorFailed`` the ``reason``
(``"wrong_code"`` or ``"locked"``). No event carries a code or secret.
"""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface


class ISecondFactorEvent(Interface):
    userid = Attribute("The user whose second factor this is about")


class ISecondFactorEnabled(ISecondFactorEvent):
    """The user set up a second factor (confirmed with a current code)."""


class ISecondFactorDisabled(ISecondFactorEvent):
    """The user switched the second factor off (password and code)."""


class ISecondFactorReset(ISecondFactorEvent):
    """Staff removed a client's second factor."""

    by = Attribute("User id of the staff member")


class ISecondFactorFailed(ISecondFactorEvent):
    """A wrong or refused code at the second step of a login."""

    reason = Attribute('"wrong_code" or "locked"')


class ISecondFactorUsed(ISecondFactorEvent):
    """A login completed with the second factor."""

    kind = Attribute('"totp" or "recovery"')


@implementer(ISecondFactorEvent)
class SecondFactorEvent:
    def __init__(self, userid):
        self.userid = userid


@implementer(ISecondFactorEnabled)
class SecondFactorEnabled(SecondFactorEvent):
    pass


@implementer(ISecondFactorDisabled)
class SecondFactorDisabled(SecondFactorEvent):
    pass


@implementer(ISecondFactorReset)
class SecondFactorReset(SecondFactorEvent):
    def __init__(self, userid, by):
        super().__init__(userid)
        self.by = by


@implementer(ISecondFactorFailed)
class SecondFactorFailed(SecondFactorEvent):
    def __init__(self, userid, reason="wrong_code"):
        super().__init__(userid)
        self.reason = reason


@implementer(ISecondFactorUsed)
class SecondFactorUsed(SecondFactorEvent):
    def __init__(self, userid, kind):
        super().__init__(userid)
        self.kind = kind
