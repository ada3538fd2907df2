"""The election engine's schema migrations (component ``elections``)."""
