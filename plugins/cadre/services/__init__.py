"""The cadre plugin's services: every write authorized through the core, in one
transaction, audited (``cadre.*`` actions); every read limited to the caller's
organizations. One module per part."""
