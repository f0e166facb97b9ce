"""Issue 11: users, transactions, histories and mail forms for staff only.

Re-imports the rolemap ("List portal members", "List undoable changes",
"CMFEditions: Access previous versions", "Allow sendto"), the workflows (guard
of ``review_history``) and the actions (site action "contact").
"""

PROFILE = "profile-kanzlei.akte:default"


def upgrade(setup_tool):
    for step in ("rolemap", "workflow", "actions"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
