"""zhidu (制度): the core — organizations, people, posts, terms, rule primitives,
the plugin host, the database and its migrations, services and the command line.

Plugins reach the core only through :mod:`core.api`.
"""

__version__ = "0.1.0"
