"""Sitrep's exceptions, designed rather than accumulated.

    SitrepError
    ├── InputError            one input cannot be read; the batch goes on
    │   ├── EmptyInput        nothing (or only whitespace) in it
    │   ├── BinaryInput       not text: an image, an archive, a PDF …
    │   ├── EncodingError     bytes no encoding makes sense of
    │   ├── TruncatedInput    a compressed stream that ends early
    │   ├── TooLarge          over the configured size limit
    │   ├── MalformedInput    HTML/XML/JSON that cannot be parsed, or hostile XML
    │   ├── UnsupportedInput  a path or scheme no reader handles
    │   └── FetchError        an HTTP(S) fetch that failed (status, timeout, network)
    └── StoreError            the database refused or failed a write

Each `InputError` has a short stable `code` (used in `ingest` summaries and the
`error` field of a failure record) and a human sentence as its message.
"""

from __future__ import annotations


class SitrepError(Exception):
    code = "error"


class InputError(SitrepError):
    code = "input"


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class EncodingError(InputError):
    code = "encoding"


class TruncatedInput(InputError):
    code = "truncated"


class TooLarge(InputError):
    code = "too-large"


class MalformedInput(InputError):
    code = "malformed"


class UnsupportedInput(InputError):
    code = "unsupported"


class FetchError(InputError):
    code = "fetch"


class StoreError(SitrepError):
    code = "store"
