"""Findings: the notebooks' numbered claims with their guards, quotes and rendering, and the helpers that
compute and word them. `core` holds the parts of a finding (Finding, Number, Group, Guard), their rendering,
`collect` and the guards; the builders live by theme (`rates`, and `on_corpus` ... `on_evaluation`, one per
notebook); `summaries`, `compare`, `narrative`, `evidence`, `plotting` and `verification` are their helpers.
Builds on the pipeline's tables. Every builder and part is importable from here: `findings.theme_rate(...)`."""

from .core import (  # noqa: F401 -- the public face of the findings
    MIME,
    RARE,
    Finding,
    Group,
    Guard,
    Number,
    at_least,
    clause_quote,
    collect,
    doc_name,
    enough_documents,
    enough_regions,
    group,
    known_regions,
    literal,
    not_stated,
    per_group,
    quote_dict,
    quote_from,
    thin_note,
    unsupported,
    who,
)
from .on_cooperation import (  # noqa: F401 -- the public face of the findings
    keyness_contrast,
    shared_initiatives,
)
from .on_corpus import (  # noqa: F401 -- the public face of the findings
    cleaning_share,
    genre_confound,
    own_vocabulary,
)
from .on_ecosystems import (  # noqa: F401 -- the public face of the findings
    ecosystem_coverage,
    shared_platforms,
)
from .on_evaluation import (  # noqa: F401 -- the public face of the findings
    instrument_stage_pair,
    length_adjusted_gap,
    permutation_p,
    pmc_ranking,
    pmc_tiers,
    stage_agreement,
)
from .on_finance import (  # noqa: F401 -- the public face of the findings
    money_kinds,
    one_region_instruments,
)
from .on_instruments import (  # noqa: F401 -- the public face of the findings
    demand_share,
    instrument_theme_pair,
    report_or_promise,
)
from .on_reuse import (  # noqa: F401 -- the public face of the findings
    cross_city_reuse,
    vertical_reuse,
)
from .on_talent import (  # noqa: F401 -- the public face of the findings
    people_counts,
    talent_programmes,
)
from .rates import (  # noqa: F401 -- the public face of the findings
    rate_in_range,
    theme_rate,
)
