"""``timeline review``: a local web editor to check, fix and export a timeline.

``edits`` and ``dates`` are pure (a timeline in, a timeline out); ``server`` is the thin
ASGI edge that holds the one editing session and writes files.
"""
