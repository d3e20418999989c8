"""Sitrep's storage layer: analysed articles in SQLite or PostgreSQL.

    with open_store("~/sitrep.db") as store:           # or a postgresql:// URL
        result = store.save(article)                    # SaveResult("new", id)
        again = store.get(result.article_id[:8])        # id, id prefix or input label

See `sitrep.store.store` for the API, `sitrep.store.schema` for the tables and
`sitrep.store.engine` for URL rules (including the PostgreSQL `schema` option).
"""

from sitrep.store.store import ArticleSummary, SaveResult, Store, open_store

__all__ = ["ArticleSummary", "SaveResult", "Store", "open_store"]
