"""How often a client wants to hear from us (per portal user).

Stored in a site annotation (userid -> {"mode", "minutes"}), read by the sender when it
decides whether a client's pending notifications are due. Public API for other parts
(e.g. "Meine Daten"): ``get_preference(userid)``, ``set_preference(userid, mode,
minutes)``, ``describe(userid)`` and the view ``@@benachrichtigungen``.
"""

from BTrees.OOBTree import OOBTree
from kanzlei.akte import _
from kanzlei.akte.annotations import site_data
from kanzlei.akte.mail import settings
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


KEY = "kanzlei.akte.mail.preferences"

SOFORT = "sofort"
INTERVALL = "intervall"
TAEGLICH = "taeglich"
NIE = "nie"

MODES = SimpleVocabulary(
    [
        SimpleTerm(SOFORT, SOFORT, _("mail_mode_sofort", default="sofort")),
        SimpleTerm(
            INTERVALL,
            INTERVALL,
            _("mail_mode_intervall", default="gesammelt alle N Minuten"),
        ),
        SimpleTerm(TAEGLICH, TAEGLICH, _("mail_mode_taeglich", default="täglich")),
        SimpleTerm(NIE, NIE, _("mail_mode_nie", default="nie")),
    ]
)

MIN_MINUTES = 1
MAX_MINUTES = 1440


def storage(create=False):
    return site_data(KEY, OOBTree if create else None)


def get_preference(userid):
    """{"mode": ..., "minutes": int} for a user; the firm's default if none chosen."""
    default_minutes = settings.get("default_digest_minutes")
    tree = storage()
    stored = tree.get(userid) if (tree is not None and userid) else None
    if not stored:
        return {"mode": INTERVALL, "minutes": default_minutes, "chosen": False}
    return {
        "mode": stored["mode"],
        "minutes": stored.get("minutes") or default_minutes,
        "chosen": True,
    }


def set_preference(userid, mode, minutes=None):
    if mode not in MODES:
        raise ValueError(mode)
    if mode == INTERVALL:
        minutes = int(minutes)
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise ValueError(minutes)
    else:
        minutes = None
    storage(create=True)[userid] = {"mode": mode, "minutes": minutes}


def remove_preference(userid):
    tree = storage()
    if tree is not None and userid in tree:
        del tree[userid]


def describe(userid):
    """A translatable sentence describing the user's choice (for "Meine Daten")."""
    pref = get_preference(userid)
    if pref["mode"] == INTERVALL:
        return _(
            "mail_describe_intervall",
            default="Gesammelt alle ${minutes} Minuten",
            mapping={"minutes": pref["minutes"]},
        )
    return MODES.getTerm(pref["mode"]).title
