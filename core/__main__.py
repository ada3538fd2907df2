"""``python -m core`` runs the zhidu command line."""

from core.cli import main

main()
