"""The ZMI add form and add function shared by our PAS plugins.

The setup step adds the plugins; this is what the ZMI's "Add" menu of a user folder
shows, so that adding one by hand works too.
"""

from html import escape
from kanzlei.akte.pas import compat


def add_form(action, default_id):
    def form(dispatcher, REQUEST=None):
        return (
            "<html><body><h2>Add plugin</h2>"
            f'<form action="{escape(action)}" method="post">'
            f'<label>Id <input name="id" value="{escape(default_id)}" /></label> '
            '<label>Title <input name="title" value="" /></label> '
            '<input type="submit" value="Add" /></form></body></html>'
        )

    form.__name__ = f"manage_{action}Form"
    return form


def add_plugin(dispatcher, plugin, request=None):
    compat.add_object(dispatcher, plugin)
    if request is not None:
        request.RESPONSE.redirect(f"{dispatcher.absolute_url()}/manage_workspace")
