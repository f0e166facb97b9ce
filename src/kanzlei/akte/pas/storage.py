"""Write to the ZODB in a transaction of our own.

Failed logins must be remembered even when the request that saw them ends in an
error (HTTP Basic auth: a wrong password ends in ``Unauthorized`` and the request's
transaction is aborted). So lockout bookkeeping and hash upgrades are committed in a
separate connection with its own transaction manager, retried on conflicts.
"""

from ZODB.POSException import ConflictError

import transaction


RETRIES = 5


def write(obj, change):
    """Apply ``change(fresh_obj)`` to ``obj`` in its own committed transaction."""
    jar = getattr(obj, "_p_jar", None)
    if jar is None:
        return change(obj)
    path = obj.getPhysicalPath()
    db = jar.db()
    for attempt in range(RETRIES):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            tm.begin()
            fresh = conn.root()["Application"].unrestrictedTraverse(path)
            result = change(fresh)
            tm.commit()
            return result
        except ConflictError:
            tm.abort()
            if attempt == RETRIES - 1:
                raise
        except BaseException:
            tm.abort()
            raise
        finally:
            conn.close()
