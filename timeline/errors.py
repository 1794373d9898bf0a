"""Errors a user can fix, each carrying the exit code the CLI reports."""

from __future__ import annotations


class TimelineError(Exception):
    """A problem with the user's input or options: reported in one line, never a traceback."""

    exit_code = 2


class InputError(TimelineError):
    """Unreadable, missing or malformed input, or a bad option value (exit 2)."""


class InvalidDocumentError(TimelineError):
    """A document does not satisfy its schema (exit 1)."""

    exit_code = 1
