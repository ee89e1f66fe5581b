"""The one error and the one warning the library raises about its input."""

from __future__ import annotations


class CorpusError(Exception):
    """Bad input that cannot be loaded: the message names the file and says what to do."""

    def __init__(self, path: object, problem: str, advice: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.advice = advice
        message = f"{self.path}: {problem}"
        if advice:
            message += f" ({advice})"
        super().__init__(message)


class CorpusWarning(UserWarning):
    """Input that loads, but with something the user should know (inferred or repaired)."""
