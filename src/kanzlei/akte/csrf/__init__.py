"""Cross-site request forgery: one check for every state-changing request."""
