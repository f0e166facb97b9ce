"""Client onboarding: invitations, activation codes, registration, password policy.

- ``codes``: activation codes and invitation tokens (generation, normalizing, hashing)
- ``invitations``: the persistent invitations (create, renew, revoke, look up, state)
- ``autoinvite``: invitations made automatically when a client with e-mail gets access
- ``mail``: the invitation e-mail
- ``registration``: the checks and the work of the registration page
- ``throttle``: failures per IP address
- ``passwords``: the password policy (also used by password change and reset)
"""
