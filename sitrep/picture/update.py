"""Keeping the situation picture up to date as articles arrive: the store-side edge.

`PictureUpdater.add(article)` runs after an article is saved and, in one
transaction, stores its fingerprint, decides its origin (copy / rewrite / declared /
original) and its story, and files each of its claims under a figure key. Nothing
already stored is recomputed except what the new article changes: the df counts, the
story it joins (dates, size, title) and, when it turns out to be the earlier report
of stored copies, their origin links.

The decisions themselves are pure functions (`origins`, `stories`, `figures`); this
module only reads their inputs from the store and writes their results back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from sitrep.model import Article, day_of
from sitrep.picture.figures import counted_head, figure_key
from sitrep.picture.fingerprint import Fingerprint, band_keys, fingerprint
from sitrep.picture.origins import OriginLink, decide_origin
from sitrep.picture.similarity import ArticleView, Similarity, compare, weigh
from sitrep.picture.stories import WINDOW_DAYS, decide_story
from sitrep.store import schema as s
from sitrep.store.rows import kb_key
from sitrep.store.store import Store

# The most recent articles of the window compared with a new one: on a feed of
# hundreds of articles a day the window would otherwise grow without bound.
MAX_WINDOW_CANDIDATES = 600
# Entity keys share the document-frequency table with words, under this prefix.
ENTITY_PREFIX = "@"
# Types whose entities say what an article is about (weapons and "other" do not).
TOPICAL_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # "http://[bad/x": a malformed URL names no host
        return None
    return host.removeprefix("www.") if host else None


def entity_counts(article: Article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entity in article.entities:
        if entity.type in TOPICAL_TYPES:
            key = kb_key(entity)
            counts[key] = counts.get(key, 0) + max(1, len(entity.mentions))
    return counts


class PictureUpdater:
    """Adds articles to the picture of one store; keeps df counts cached between calls.

    One updater per writing process. The cached document frequencies are the store's
    at the time they were loaded plus this process's own additions; another process
    writing at the same time makes them slightly stale, which shifts idf weights by
    a hair and changes no decision worth the cost of re-reading them.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._df: dict[str, int] | None = None
        self._n_docs = 0
        self._seq = 0

    # -- cached counts -----------------------------------------------------------------

    def _load_counts(self, conn: Connection) -> dict[str, int]:
        if self._df is None:
            self._df = dict(conn.execute(select(s.term_df.c.term, s.term_df.c.df)).all())
            self._n_docs = conn.execute(select(func.count()).select_from(s.fingerprints)).scalar_one()
            self._seq = conn.execute(select(func.coalesce(func.max(s.fingerprints.c.seq), 0))).scalar_one()
        return self._df

    def _count(self, conn: Connection, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        stmt = dialect_insert(s.term_df)
        conn.execute(
            stmt.on_conflict_do_update(index_elements=[s.term_df.c.term], set_={"df": s.term_df.c.df + 1}),
            # In one order for every writer: two writers upserting the same terms in
            # different orders could deadlock on PostgreSQL.
            [{"term": key, "df": 1} for key in sorted(keys)],
        )

    def has(self, article_id: str) -> bool:
        """Whether the article is in the picture already."""
        with self.store.snapshot("look up the picture") as conn:
            return conn.execute(select(s.fingerprints.c.article_id)
                                .where(s.fingerprints.c.article_id == article_id)).first() is not None

    # -- the update ----------------------------------------------------------------------

    def add(self, article: Article) -> dict[str, Any]:
        """Put one saved article into the picture; returns what was decided, for logs."""
        try:
            with self.store.transaction("update the situation picture") as conn:
                if conn.execute(select(s.fingerprints.c.article_id).where(
                        s.fingerprints.c.article_id == article.id)).first():
                    return {"article": article.id, "status": "already in the picture"}
                return self._add(conn, article, self._load_counts(conn))
        except Exception:
            self._df = None  # the transaction rolled back (or failed to commit): so must the cache
            raise

    def _add(self, conn: Connection, article: Article, df: dict[str, int]) -> dict[str, Any]:
        print_ = fingerprint(article.text)
        entities = entity_counts(article)
        meta = article.metadata
        original = meta.original_source
        view = ArticleView(
            id=article.id, published=day_of(meta.published), terms=print_.terms, entities=entities,
            numbers=print_.numbers, minhash=print_.minhash, site=meta.site, host=host_of(meta.url),
            declared_domain=original.domain if original else None,
            declared_name=original.name if original else None,
            title=meta.title, ingested_order=self._seq + 1, n_words=print_.n_words,
        )
        candidates = self._candidates(conn, view, print_)
        n_docs = self._n_docs + 1  # idf as if the new article were already counted
        entity_df = {k: df.get(ENTITY_PREFIX + k, 0) for k in entities}
        mine_t = weigh(view.terms, df, n_docs)
        mine_e = weigh(view.entities, entity_df, n_docs)
        compared: list[tuple[ArticleView, Similarity]] = []
        for other in candidates:
            other_e = weigh(other.entities, {k: df.get(ENTITY_PREFIX + k, 0) for k in other.entities}, n_docs)
            compared.append((other, compare(view, other, mine_t, weigh(other.terms, df, n_docs), mine_e, other_e)))

        origin_of, key_of = self._origins(conn, [c.id for c in candidates])
        decision = decide_origin(view, compared, origin_of, key_of)
        story_of = {c.id: c.story_id for c in candidates}
        link = decision.link
        origin_story = None
        if link.origin_id is not None:
            origin_story = story_of.get(link.origin_id) or self._story_of(conn, link.origin_id)
        elif decision.relinked:
            origin_story = story_of.get(decision.relinked[0][0])
        story = decide_story(view, compared, origin_story, link.origin_id or
                             (decision.relinked[0][0] if decision.relinked else None))

        self._seq += 1
        self._write_fingerprint(conn, view, print_)
        self._count(conn, [*view.terms, *(ENTITY_PREFIX + k for k in entities)])
        for key in view.terms:
            df[key] = df.get(key, 0) + 1
        for key in entities:
            df[ENTITY_PREFIX + key] = df.get(ENTITY_PREFIX + key, 0) + 1
        self._n_docs += 1
        self._write_origin(conn, article.id, link)
        for other_id, other_link in decision.relinked:
            self._relink(conn, other_id, other_link)
        story_id = self._write_story(conn, view, story)
        self._write_figures(conn, article, story_id)
        return {"article": article.id, "origin": link.to_record(), "story": story_id,
                "story_reason": story.reason}

    # -- reads -------------------------------------------------------------------------

    def _candidates(self, conn: Connection, view: ArticleView, print_: Fingerprint) -> list[ArticleView]:
        f, a, sa = s.fingerprints, s.articles, s.story_articles
        ids: set[str] = set(conn.execute(
            select(s.minhash_bands.c.article_id).where(s.minhash_bands.c.band_key.in_(band_keys(print_.minhash)))
        ).scalars())
        window = select(f.c.article_id).order_by(f.c.seq.desc()).limit(MAX_WINDOW_CANDIDATES)
        if view.published is not None:
            low = (view.published - timedelta(days=WINDOW_DAYS)).isoformat()
            high = (view.published + timedelta(days=WINDOW_DAYS)).isoformat()
            # Undated articles may belong to any window: they stay candidates.
            window = window.where(or_(f.c.day.is_(None), and_(f.c.day >= low, f.c.day <= high)))
        ids.update(conn.execute(window).scalars())
        if not ids:
            return []
        views = []
        for chunk in _chunks(sorted(ids), 500):
            rows = conn.execute(
                select(f.c.article_id, f.c.seq, f.c.day, f.c.terms, f.c.entities, f.c.numbers, f.c.minhash,
                       a.c.site, a.c.url, a.c.original_source_domain, a.c.original_source_name, a.c.title,
                       sa.c.story_id)
                .join(a, a.c.id == f.c.article_id)
                .outerjoin(sa, sa.c.article_id == f.c.article_id)
                .where(f.c.article_id.in_(chunk))
            ).all()
            for row in rows:
                views.append(ArticleView(
                    id=row.article_id, published=day_of(row.day), terms=row.terms, entities=row.entities,
                    numbers=tuple(row.numbers), minhash=bytes(row.minhash), site=row.site, host=host_of(row.url),
                    declared_domain=row.original_source_domain, declared_name=row.original_source_name,
                    title=row.title, story_id=row.story_id, ingested_order=row.seq,
                ))
        return views

    def _origins(self, conn: Connection, ids: list[str]) -> tuple[dict[str, str | None], dict[str, str]]:
        origin_of: dict[str, str | None] = {}
        key_of: dict[str, str] = {}
        for chunk in _chunks(ids, 500):
            for row in conn.execute(select(s.origins.c.article_id, s.origins.c.origin_id, s.origins.c.origin_key)
                                    .where(s.origins.c.article_id.in_(chunk))):
                origin_of[row.article_id] = row.origin_id
                key_of[row.article_id] = row.origin_key
        return origin_of, key_of

    @staticmethod
    def _story_of(conn: Connection, article_id: str) -> int | None:
        return conn.execute(select(s.story_articles.c.story_id)
                            .where(s.story_articles.c.article_id == article_id)).scalar_one_or_none()

    # -- writes ------------------------------------------------------------------------

    def _write_fingerprint(self, conn: Connection, view: ArticleView, print_: Fingerprint) -> None:
        conn.execute(insert(s.fingerprints).values(
            article_id=view.id, seq=self._seq, day=view.published.isoformat() if view.published else None,
            terms=dict(view.terms), entities=dict(view.entities), numbers=list(view.numbers),
            minhash=print_.minhash,
        ))
        conn.execute(insert(s.minhash_bands), [{"band_key": k, "article_id": view.id}
                                               for k in band_keys(print_.minhash)])

    @staticmethod
    def _write_origin(conn: Connection, article_id: str, link: OriginLink) -> None:
        conn.execute(insert(s.origins).values(
            article_id=article_id, relation=link.relation, origin_id=link.origin_id,
            origin_key=link.origin_key, similarity=link.similarity, reason=link.reason,
        ))

    @staticmethod
    def _relink(conn: Connection, other_id: str, link: OriginLink) -> None:
        """`other_id` and everything derived from it now derive from the new article."""
        o = s.origins
        conn.execute(update(o).where(o.c.article_id == other_id).values(
            relation=link.relation, origin_id=link.origin_id, origin_key=link.origin_key,
            similarity=link.similarity, reason=link.reason))
        conn.execute(update(o).where(o.c.origin_id == other_id).values(
            origin_id=link.origin_id, origin_key=link.origin_key))

    def _write_story(self, conn: Connection, view: ArticleView, story: Any) -> int:
        st, sa = s.stories, s.story_articles
        day = view.published.isoformat() if view.published else None
        now = datetime.now(UTC)
        if story.story_id is None:
            story_id = conn.execute(insert(st).values(
                title=view.title, title_article=view.id, first_day=day, last_day=day,
                n_articles=0, updated_at=now).returning(st.c.id)).scalar_one()
        else:
            story_id = story.story_id
        centrality = sum(score for _, score in story.links)
        conn.execute(insert(sa).values(article_id=view.id, story_id=story_id, score=story.score,
                                       centrality=centrality, reason=story.reason))
        for other_id, score in story.links:
            conn.execute(update(sa).where(sa.c.article_id == other_id)
                         .values(centrality=sa.c.centrality + score))
        # The member most like the others titles the story (its medoid, kept incrementally).
        central = conn.execute(
            select(sa.c.article_id, s.articles.c.title).join(s.articles, s.articles.c.id == sa.c.article_id)
            .where(sa.c.story_id == story_id, s.articles.c.title.is_not(None))
            .order_by(sa.c.centrality.desc(), sa.c.article_id).limit(1)
        ).first()
        values: dict[str, Any] = {"n_articles": st.c.n_articles + 1, "updated_at": now}
        if central is not None:
            values.update(title=central.title, title_article=central.article_id)
        if day is not None:
            values["first_day"] = func.coalesce(func.min(st.c.first_day, day), day) \
                if conn.dialect.name == "sqlite" else func.coalesce(func.least(st.c.first_day, day), day)
            values["last_day"] = func.coalesce(func.max(st.c.last_day, day), day) \
                if conn.dialect.name == "sqlite" else func.coalesce(func.greatest(st.c.last_day, day), day)
        conn.execute(update(st).where(st.c.id == story_id).values(**values))
        return story_id

    @staticmethod
    def _write_figures(conn: Connection, article: Article, story_id: int) -> None:
        keys = {e.id: kb_key(e) for e in article.entities}
        rows = []
        for claim in article.claims:
            subject = keys.get(claim.subject) if claim.subject else None
            head = counted_head(claim.counted)
            rows.append({"article_id": article.id, "claim_id": claim.id, "story_id": story_id,
                         "subject_key": subject, "counted_head": head,
                         "figure_key": figure_key(story_id, claim.measure, head, claim.unit)})
        if rows:
            conn.execute(insert(s.figure_claims), rows)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rebuild(store: Store, on_progress: Callable[[int, int], None] | None = None) -> tuple[int, list[str]]:
    """Recompute the whole picture from the stored articles, in their ingest order.

    Returns how many articles were placed and the errors of those that could not be
    (each article is its own transaction: one that fails is reported and the rest go on).
    """
    with store.transaction("clear the situation picture") as conn:
        for table in reversed(s.PICTURE_TABLES):
            conn.execute(delete(table))
    with store.snapshot("list articles") as conn:
        ids = list(conn.execute(select(s.articles.c.id).order_by(s.articles.c.ingested_at, s.articles.c.id)).scalars())
    updater = PictureUpdater(store)
    placed, errors = 0, []
    for done, article_id in enumerate(ids, 1):
        try:
            article = store.get(article_id)
            if article is not None:
                updater.add(article)
                placed += 1
        except Exception as error:  # noqa: BLE001 - reported per article, the rebuild goes on
            errors.append(f"{article_id[:12]}: {type(error).__name__}: {error}")
        if on_progress:
            on_progress(done, len(ids))
    return placed, errors
