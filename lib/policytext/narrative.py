"""Sentences of a notebook's narrative that are computed from the data, not typed in."""

from __future__ import annotations


def say(text: str) -> None:
    """Show `text` (Markdown) in the notebook: use it for every sentence that states a number."""
    from IPython.display import Markdown, display

    display(Markdown(text))


def pct(part: float, whole: float, digits: int = 0) -> str:
    """'37%' — part of whole as a rounded percentage."""
    return f"{100 * part / whole:.{digits}f}%" if whole else "n/a"


def listing(items, conjunction: str = "and") -> str:
    """'a, b and c'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
