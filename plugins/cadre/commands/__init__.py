"""``zhidu cadre`` subcommands, one module per part; :mod:`plugins.cadre.cli` adds them."""
