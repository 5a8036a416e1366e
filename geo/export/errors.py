"""The one error an export raises when the selection cannot be written in the asked format."""


class ExportError(ValueError):
    """The message says what is wrong with the selection or the options, for the user."""
