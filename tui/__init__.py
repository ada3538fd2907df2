"""The Textual interface. It reads and changes data only through core.services."""
