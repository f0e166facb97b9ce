"""E-mail notifications of the Online-Akte.

Content rules (profiles/default/contentrules.xml) call our rule actions, which only
*enqueue* a notification (``queue``) in the transaction of the triggering change. The
``sender`` delivers due notifications through Plone's MailHost; the ``clock`` runs it
with the instance, ``zconsole_tick`` from cron. Clients choose how often they hear
from us (``preferences``, view ``@@benachrichtigungen``).
"""
