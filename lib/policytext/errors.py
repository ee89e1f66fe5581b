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


def one_line_warning(message, category, filename=None, lineno=None, line=None) -> str:
    """A warning as one line: 'warning: <message>' for CorpusWarning, '<Category>: <message>' otherwise
    (a drop-in warnings.formatwarning: no source path, line number or source line)."""
    prefix = "warning" if issubclass(category, CorpusWarning) else category.__name__
    return f"{prefix}: {' '.join(str(message).split())}\n"


def _show(message, category, filename, lineno, file=None, line=None) -> None:
    try:
        (sys.stderr if file is None else file).write(one_line_warning(message, category, filename, lineno, line))
    except (OSError, AttributeError):  # pragma: no cover - stderr closed or gone, as warnings.showwarning tolerates
        pass


def show_warnings_plainly() -> None:
    """Show every warning as one readable line, without the library's source path and line.

    Python's default shows '/path/to/policytext/reading/corpus.py:88: CorpusWarning: …' and then the source line
    that raised it; a reader of a notebook or of the command line needs only what happened to which file.
    The command line, every script and the notebooks' plotting set-up call this one function; it sets both
    warnings.showwarning and warnings.formatwarning (which logging.captureWarnings uses)."""
    warnings.showwarning = _show
    warnings.formatwarning = one_line_warning
