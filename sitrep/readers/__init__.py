"""Readers: turn files, directories, stdin and URLs into `Document`s.

The one entry point is `iter_documents`; it never raises for bad input but yields an
`InputFailure` (with the error's stable `code`) and goes on.  Modules, one job each:

    sources   open paths, directories, stdin and URLs; pick and run a reader
    sniff     which format an input is (media type, extension, first bytes)
    streams   byte streams under limits: capped reads, incremental gunzip
    decode    bytes → text: binary refusal, charset detection
    article   a single text or HTML article → one Document
    jsonl     JSON Lines corpora, streamed line by line
    feed      RSS/Atom feeds (feedparser, after a defusedxml entity check)
    warc      WARC archives (warcio), HTML responses only
    fetch     HTTP(S) with limits, redirects and a conditional-GET cache
"""

from sitrep.readers.fetch import FetchedResource, Fetcher, fetch
from sitrep.readers.sources import iter_documents

__all__ = ["FetchedResource", "Fetcher", "fetch", "iter_documents"]
