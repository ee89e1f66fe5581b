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


# Two values within this fraction of the larger one are a tie: a claim never names one "largest" on a
# lead of a few hundredths (33.6% against 33.0% of tokens flips with the tokenisation; 7.5% against 7.3%
# of codes is one code). The one place the tolerance is set; every builder naming a maximum uses `tied`.
TIE = 0.05


def leaders(values, largest: bool = True, tolerance: float = 0.0) -> list:
    """Index labels holding the maximum (or minimum) value of a Series: ties are all returned, and with
    `tolerance` also every value within that fraction of the extreme (of the larger of the two values)."""
    target = values.max() if largest else values.min()
    return [i for i, v in values.items() if abs(v - target) <= tolerance * max(abs(v), abs(target))]


def tied(values, largest: bool = True) -> list:
    """`leaders` with the project's tie tolerance (TIE): the values a claim may call the largest (smallest)."""
    return leaders(values, largest, TIE)


UNKNOWN = ("", "unknown")  # values that mean nobody recorded the field


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """'1 document', '3 documents' ('1 city', '2 cities' with plural_form='cities')."""
    return f"{n} {noun if n == 1 else plural_form or noun + 's'}"


def subject(items, singular: str = "is", plural_verb: str = "are") -> str:
    """'a is' or 'a and b are': a listing with its verb in agreement."""
    items = list(items)
    return f"{listing(items)} {singular if len(items) == 1 else plural_verb}"


def origins(counts) -> str:
    """'4 from Chongqing, 1 from Chengdu and 1 with no region recorded' from region counts (a Series or dict).

    An empty or 'unknown' region is said as 'no region recorded' and counted last.
    """
    known = [(r, n) for r, n in dict(counts).items() if str(r) not in UNKNOWN]
    unknown = sum(n for r, n in dict(counts).items() if str(r) in UNKNOWN)
    parts = [f"{n} from {r}" for r, n in known]
    if unknown:
        parts.append(f"{unknown} with no region recorded")
    return listing(parts)


def aside(*values) -> str:
    """' (a, b)': the known values in brackets, with a leading space; '' when none is known (never '(, )')."""
    known = [str(v) for v in values if str(v).strip() and str(v) not in UNKNOWN]
    return f" ({', '.join(known)})" if known else ""
