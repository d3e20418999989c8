"""Where an article comes from: itself, another stored article, or a named outlet.

Relations, strongest evidence first:

* `copy`: the wording itself is shared (MinHash Jaccard of 3-shingles high): a
  syndicated or scraped copy, lightly edited.
* `rewrite`: reworded but the same report: the same topic words, the same entities
  and the same figures; or it names the other article's outlet as its original source
  and covers the same topic.
* `declared`: it names an original source ("Original Source: www.nbcnews.com", a
  wire credit) that is not in the store; the outlet stands for the origin.
* `original`: none of these.

Of two linked articles the one published first is the origin (stored first on a
tie), so a copy stored before its original is re-linked when the original arrives.
`origin_key` is what independence is counted on: articles with one key repeat one
report, and their claims count once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.picture.similarity import ArticleView, Similarity, days_apart

# Calibrated on the rewrite fixtures (tests/fixtures/rewrites/) against the Wikinews
# corpus, whose articles are all distinct reports: a lightly edited copy keeps two
# thirds or more of its 3-shingles; two interviews asking the same set questions, or
# two statements from one template, share up to half.
COPY_WORDING = 0.6
COPY_ENTITIES = 0.5
# A paraphrase keeps the topic words, the names and the numbers, not the wording; and
# it appears within days of its origin. A follow-up report (the next primary, the next
# day of a trial) shares as much topic, names and figures, but comes later.
REWRITE_MAX_DAYS = 2
REWRITE_TOPIC = 0.6
REWRITE_ENTITIES = 0.6
REWRITE_NUMBERS = 0.6
# Naming the other's outlet as the origin lowers the bar on topic.
DECLARED_TOPIC = 0.35


@dataclass(frozen=True)
class OriginLink:
    """The origin decision for one article."""

    relation: str  # original | copy | rewrite | declared
    origin_id: str | None  # the stored article it derives from
    origin_key: str  # independence key: one per underlying report
    similarity: float | None = None
    reason: str = ""

    def to_record(self) -> dict[str, object]:
        return {
            "relation": self.relation,
            "origin": self.origin_id,
            "origin_key": self.origin_key,
            "similarity": None if self.similarity is None else round(self.similarity, 3),
            "reason": self.reason,
        }


def own_key(article: ArticleView) -> str:
    """The independence key of an article with no stored origin."""
    if article.declared_domain and not _same_outlet(article.declared_domain, article.host or article.site):
        return f"outlet:{article.declared_domain}"
    if article.declared_name and not article.declared_domain:
        return f"outlet:{article.declared_name.casefold()}"
    return f"article:{article.id}"


def _same_outlet(domain: str | None, site: str | None) -> bool:
    if not domain or not site:
        return False
    domain, site = domain.lower(), site.lower()
    return site == domain or site.endswith("." + domain) or domain.endswith("." + site)


def relation_to(article: ArticleView, other: ArticleView, sim: Similarity) -> tuple[str, float, str] | None:
    """Whether `article` and `other` are one report (copy or rewrite), and why."""
    # Templates (disaster declarations, notices) share wording too, but name other
    # places and people: a copy must also name the same ones.
    if sim.wording >= COPY_WORDING and (sim.entities >= COPY_ENTITIES or not (article.entities and other.entities)):
        return "copy", sim.wording, f"shares its wording ({sim.explain()})"
    declares_other = _declares(article, other) or _declares(other, article)
    if declares_other and sim.topic >= DECLARED_TOPIC:
        return "rewrite", sim.topic, f"names the other's outlet as its source ({sim.explain()})"
    figures_agree = sim.numbers >= REWRITE_NUMBERS or not (article.numbers or other.numbers)
    gap = days_apart(article.published, other.published)
    soon = gap is None or gap <= REWRITE_MAX_DAYS
    if sim.topic >= REWRITE_TOPIC and sim.entities >= REWRITE_ENTITIES and figures_agree and soon:
        return "rewrite", sim.topic, f"same topic, entities and figures ({sim.explain()})"
    return None


def _declares(a: ArticleView, b: ArticleView) -> bool:
    """Whether `a` names `b`'s outlet as its original source."""
    return _same_outlet(a.declared_domain, b.host or b.site)


def _earlier(a: ArticleView, b: ArticleView) -> bool:
    """Whether `a` came first: the one the other credits, else published earlier,
    else stored earlier (dates unknown or equal)."""
    if _declares(b, a) != _declares(a, b):
        return _declares(b, a)
    if a.published and b.published and a.published != b.published:
        return a.published < b.published
    return a.ingested_order < b.ingested_order


@dataclass(frozen=True)
class OriginDecision:
    """The new article's link, and the stored articles that now derive from it."""

    link: OriginLink
    relinked: tuple[tuple[str, OriginLink], ...] = ()


def decide_origin(
    article: ArticleView,
    candidates: list[tuple[ArticleView, Similarity]],
    origin_of: dict[str, str | None],
    key_of: dict[str, str],
) -> OriginDecision:
    """Link `article` to the stored report it repeats, or make it the origin of those
    that repeat it.

    `origin_of` maps each candidate to its own stored origin (None: it is one) and
    `key_of` to its origin key, so a copy of a copy links to the first report. When
    the new article came first (it is credited by a match, or it predates every
    match's origin), each matched group is re-linked to it instead.
    """
    matches = []
    for other, sim in candidates:
        found = relation_to(article, other, sim)
        if found is not None:
            matches.append((other, found))
    alone = OriginLink("original" if own_key(article).startswith("article:") else "declared",
                       None, own_key(article), reason=_declared_reason(article))
    if not matches:
        return OriginDecision(alone)
    views = {other.id: other for other, _ in candidates}
    groups: dict[str, list[tuple[ArticleView, tuple[str, float, str]]]] = {}
    for other, found in matches:
        groups.setdefault(origin_of.get(other.id) or other.id, []).append((other, found))

    credited = {root for root, members in groups.items() if any(_declares(o, article) for o, _ in members)}

    def came_first(root: str) -> bool:
        """Whether the new article is the first report of this group: a member credits
        its outlet; or it predates the group's origin; or, that origin's date unknown,
        another group credits it (a credited, dated report outranks an undated one)."""
        if root in credited:
            return True
        first = views.get(root)
        if first is None:
            return False
        if first.published is None and article.published is not None and credited:
            return True
        return _earlier(article, first)

    if all(came_first(root) for root in groups):
        # The new article is the first report: every matched group now derives from it,
        # roots and all (their copies follow them in the store).
        relinked = []
        for root, members in sorted(groups.items()):
            relation, score, reason = max((found for _, found in members), key=lambda f: f[1])
            relinked.append((root, OriginLink(relation, article.id, own_key(article), score, reason)))
        return OriginDecision(OriginLink(alone.relation, None, alone.origin_key,
                                         reason="the first report of stored articles"), tuple(relinked))
    # Some matched report came first: the new article repeats the closest such one.
    older = [(other, found) for root, members in groups.items() if not came_first(root) for other, found in members]
    other, (relation, score, reason) = max(older, key=lambda m: (m[1][0] == "copy", m[1][1]))
    root = origin_of.get(other.id) or other.id
    return OriginDecision(OriginLink(relation, root, key_of.get(other.id, f"article:{root}"), score, reason))


def _declared_reason(article: ArticleView) -> str:
    if article.declared_domain or article.declared_name:
        return f"names {article.declared_domain or article.declared_name} as its original source"
    return "no earlier report of it is stored"
