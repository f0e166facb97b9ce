"""The firm's own look for clients and visitors (control panel "Erscheinungsbild").

Staff keep Plone's UI; everyone else gets the firm's header (logo, name, "Meine Akten",
"Meine Daten", "Abmelden") and footer (Impressum, Datenschutz, Barrierefreiheit,
contact) through viewlet manager overrides for our browser layer (``viewlets.py``).
"""
