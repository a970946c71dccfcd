"""The one error type a user ever sees: a single readable sentence, never a traceback."""


class QAError(Exception):
    """A problem the user can fix; str(err) is one sentence saying what, what is allowed, how to fix."""
