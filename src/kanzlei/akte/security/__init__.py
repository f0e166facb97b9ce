"""Platform hardening: who may list users, read histories, send mail; relations
filtered by the viewer's permission; security headers of every response."""
