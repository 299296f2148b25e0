"""Pseudonymous customer ids: a keyed hash, so outputs can be shared without names.

``--pseudonymize`` replaces every customer id, as soon as it is read, by
``p_`` and the first 16 hex digits of HMAC-SHA256(key, id). The same key gives
the same pseudonym week after week (so reports stay comparable); without the
key nobody can recompute it from a guessed id. The key comes from the file
named by ``--key-file`` (``Config.key_file``), else from the environment
variable ``PASSIONMAP_KEY``; it is never stored in a Config, an output or a
report.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from ..errors import PassionmapError

__all__ = ["KEY_ENV", "PREFIX", "pseudonym", "read_key"]

#: Environment variable holding the key when no key file is given.
KEY_ENV = "PASSIONMAP_KEY"
#: Prefix of every pseudonym.
PREFIX = "p_"
_HEX_DIGITS = 16  # 64 bits: no collision in practice below billions of customers
_MIN_KEY_BYTES = 8


def read_key(key_file: str | os.PathLike[str] | None = None) -> bytes:
    """The pseudonymisation key: the contents of ``key_file``, else ``$PASSIONMAP_KEY``.

    Surrounding whitespace (a trailing newline) is ignored.

    Parameters
    ----------
    key_file : str or path, optional
        A file holding the key.

    Returns
    -------
    bytes
        The key.

    Raises
    ------
    PassionmapError
        When the file cannot be read, no key is given at all, or the key is
        shorter than 8 bytes.

    Examples
    --------
    >>> import os
    >>> os.environ["PASSIONMAP_KEY"] = "correct horse battery staple"
    >>> read_key()
    b'correct horse battery staple'
    >>> del os.environ["PASSIONMAP_KEY"]
    """
    if key_file is not None:
        try:
            key = Path(key_file).expanduser().read_bytes().strip()
        except OSError as exc:
            raise PassionmapError(
                f"{key_file}: cannot read the key file ({exc.strerror or exc})"
            ) from None
        where = f"key file {key_file}"
    else:
        key = os.environ.get(KEY_ENV, "").strip().encode("utf-8")
        where = f"${KEY_ENV}"
        if not key:
            raise PassionmapError(
                f"--pseudonymize needs a key: set the environment variable {KEY_ENV} "
                "or give --key-file PATH"
            )
    if len(key) < _MIN_KEY_BYTES:
        raise PassionmapError(
            f"the key in {where} is too short ({len(key)} bytes; use at least {_MIN_KEY_BYTES})"
        )
    return key


def pseudonym(customer_id: str, key: bytes) -> str:
    """The pseudonym of one customer id under ``key``.

    Examples
    --------
    >>> pseudonym("ann", b"a secret key")
    'p_8fd6226313fc226b'
    >>> pseudonym("ann", b"a secret key") == pseudonym("ann", b"a secret key")
    True
    >>> pseudonym("ann", b"another key!") != pseudonym("ann", b"a secret key")
    True
    """
    digest = hmac.new(key, str(customer_id).encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:_HEX_DIGITS]
