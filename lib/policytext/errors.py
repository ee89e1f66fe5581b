"""The one error and the one warning the library raises about its input."""

from __future__ import annotations

import sys
import warnings


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


def _one_line(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a warning as one line: 'warning: <message>' for CorpusWarning, '<Category>: <message>' otherwise."""
    prefix = "warning" if issubclass(category, CorpusWarning) else category.__name__
    text = " ".join(str(message).split())
    try:
        print(f"{prefix}: {text}", file=sys.stderr if file is None else file)
    except OSError:  # pragma: no cover - stderr closed, as warnings.showwarning itself tolerates
        pass


def show_warnings_plainly() -> None:
    """Show every warning as one readable line, without the library's source path and line.

    Python's default shows '/path/to/policytext/corpus.py:88: CorpusWarning: …' and the source line
    that raised it; a reader of a notebook or of the command line needs only what happened to which file.
    """
    warnings.showwarning = _one_line
