"""Event subscribers that write to the audit log, one module per area."""
