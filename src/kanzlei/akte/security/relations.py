"""Relations are shown only where the viewer may View their target.

z3c.relationfield resolves ``RelationValue.to_object`` without any security
check, so plone.restapi's relation serialisers (and every export walking
``attachments``) would hand out the title, URL and UID of a document the
viewer may not see (withdrawn, internal, another mandate). ``viewable_targets``
is the one filter; the serialisers below and the "Meine Daten" export use it.
"""

from AccessControl import getSecurityManager
from kanzlei.akte.interfaces import IKanzleiAkteLayer
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import IJsonCompatible
from plone.restapi.serializer.relationfield import RelationChoiceFieldSerializer
from plone.restapi.serializer.relationfield import RelationListFieldSerializer
from plone.restapi.serializer.relationfield import relationvalue_converter
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from z3c.relationfield.relation import RelationValue
from zope.component import adapter
from zope.interface import implementer


def viewable_target(relation):
    """The related object if the current user may View it, else None."""
    if relation is None or relation.isBroken():
        return None
    target = relation.to_object
    if target is None or not getSecurityManager().checkPermission("View", target):
        return None
    return target


def viewable_targets(relations):
    """The related objects (in order) the current user may View."""
    targets = (viewable_target(relation) for relation in relations or ())
    return [target for target in targets if target is not None]


def viewable_relations(relations):
    return [r for r in relations or () if viewable_target(r) is not None]


@adapter(RelationValue)
@implementer(IJsonCompatible)
def viewable_relationvalue_converter(value):
    """Any RelationValue turned into JSON: its summary only if viewable.

    Registered for the class, so it is more specific than plone.restapi's
    converter for ``IRelationValue`` and wins wherever a relation is serialised.
    """
    if viewable_target(value) is None:
        return None
    return relationvalue_converter(value)


@adapter(IRelationList, IDexterityContent, IKanzleiAkteLayer)
@implementer(IFieldSerializer)
class ViewableRelationListSerializer(RelationListFieldSerializer):
    def get_value(self, default=None):
        return viewable_relations(super().get_value(default))


@adapter(IRelationChoice, IDexterityContent, IKanzleiAkteLayer)
@implementer(IFieldSerializer)
class ViewableRelationChoiceSerializer(RelationChoiceFieldSerializer):
    def get_value(self, default=None):
        value = super().get_value(default)
        return value if viewable_target(value) is not None else None
