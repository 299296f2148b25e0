"""A DataFrame read as a file is: the same columns, checks, cleaning and rejects.

Analysts often hold their comments in pandas already (``pd.read_csv`` with
their own options, a database query). :func:`load_frame` gives such a frame
the reader's treatment, so ``PassionMap().fit(df)`` and ``fit(path)`` agree.
"""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..errors import InputError
from .chunks import assemble
from .columns import map_columns, need_time
from .dates import window
from .ids import Seen
from .loaded import Loaded, within_dates
from .privacy import read_key
from .readers import Table

__all__ = ["load_frame"]


def load_frame(
    frame: pd.DataFrame,
    config: Config = Config(),  # noqa: B008 - frozen, immutable
) -> Loaded:
    """A DataFrame read as a file is: same columns, checks, cleaning and rejects.

    Its columns are found by ``config``'s names (``text_col`` ...) as a file's
    are, rows without text or customer id go to ``rejects`` with their reason,
    HTML entities are decoded, timestamps parsed (``dayfirst``), ages outside
    1-119 made unknown, ``since``/``until`` applied; record numbers are the
    1-based row positions. A frame already as :func:`load_comments` returns
    its ``comments`` is read the same way.

    Raises
    ------
    InputError
        No rows, or no text or customer column (naming the setting to change).

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap.config import Config
    >>> df = pd.DataFrame({"user": ["ann", None, "cy"], "body": ["Vonnegut &amp; tea", "hi", None],
    ...                    "age": [34, 40, 999]})
    >>> loaded = load_frame(df, Config(customer_col="user", text_col="body"))
    >>> loaded.comments[["customer_id", "text", "age"]].values.tolist()
    [['ann', 'Vonnegut & tea', 34.0]]
    >>> loaded.rejects[["record", "reason"]].values.tolist()
    [[2, 'no customer id'], [3, 'empty text']]
    >>> load_frame(df)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    passionmap.errors.InputError: DataFrame: no text column 'text' (columns: user, body, age); ...
    """
    name = "DataFrame"
    frame = frame.reset_index(drop=True)
    columns = [str(c) for c in frame.columns]
    frame.columns = columns
    if len(set(columns)) < len(columns):
        twice = sorted({c for c in columns if columns.count(c) > 1})
        raise InputError(name, f"columns named twice: {', '.join(twice)}")
    if frame.empty:
        raise InputError(name, "no rows")
    mapping = map_columns(columns, config, name, api=True)
    if config.since or config.until:
        window(config.since, config.until)
        need_time(mapping, config, name)
    table = Table(columns=columns, records=list(range(1, len(frame) + 1)), rejects=[],
                  fmt="dataframe", encoding=None, getter=frame.__getitem__)  # fmt: skip
    key = read_key(config.key_file) if config.pseudonymize else None
    loaded = assemble(table, mapping, config, Seen(), key)
    return within_dates(loaded, config) if config.since or config.until else loaded
