"""Which story a new article belongs to: the one it most resembles, nearby in time.

A story is grown one article at a time (single pass, as in the TDT tracking systems):
the new article is compared with the stored articles published within `WINDOW_DAYS`
of it, and joins the story of its closest match if that match is close enough on
`Similarity.story` (topic words and entities together). Otherwise it opens a story.
The time window is what keeps two alike but separate incidents (two earthquakes a
month apart) apart; entity agreement keeps apart two incidents of the same kind in
the same week but different places. A copy or rewrite always joins its origin's story.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.picture.similarity import ArticleView, Similarity, days_apart

# A development is followed for this long after its last report: later articles
# chain onto it, so a story can span months while each link spans at most this.
# Wikinews covers a story every few weeks, so a shorter window splits them.
WINDOW_DAYS = 30
# The similarity a link needs grows with the days between the two articles: on the
# same day two readouts of one summit are alike at ~0.2; a month apart only the same
# topic *and* the same actors (a second statement on the same missile programme)
# reach 0.35. Calibrated on the soleimani and nk-missiles story gold; the ukraine set
# was kept out of the calibration (see README for the figures on each).
JOIN_SCORE = 0.18
GAP_PENALTY = 0.005  # per day
# How many of a story's members a new article is scored against (their mean).
LINKS = 2


def required_score(gap_days: int | None) -> float:
    """The similarity a link across `gap_days` needs (undated: the same-day bar)."""
    return JOIN_SCORE + GAP_PENALTY * (gap_days or 0)


@dataclass(frozen=True)
class StoryDecision:
    story_id: int | None  # None: open a new story
    score: float | None
    reason: str
    # Members the article was compared with, and the similarity to each: their
    # centrality grows by it (the most central member titles the story).
    links: tuple[tuple[str, float], ...] = ()


def decide_story(
    article: ArticleView,
    candidates: list[tuple[ArticleView, Similarity]],
    origin_story: int | None = None,
    origin_id: str | None = None,
) -> StoryDecision:
    """The story `article` joins (or None for a new one), from its compared neighbours."""
    scored: dict[int, list[tuple[float, ArticleView, Similarity]]] = {}
    for other, sim in candidates:
        if other.story_id is None:
            continue
        gap = days_apart(article.published, other.published)
        if gap is not None and gap > WINDOW_DAYS:
            continue
        # Scored as the margin over the bar for that gap, so a same-day match and a
        # month-old one compete on equal terms.
        scored.setdefault(other.story_id, []).append((sim.story - required_score(gap) + JOIN_SCORE, other, sim))
    best: dict[int, tuple[float, ArticleView, Similarity]] = {}
    for story_id, links in scored.items():
        # A story is joined on its LINKS closest members together, not on one: a single
        # member in common (the DMZ visit that mentions the missile tests) would
        # otherwise chain two storylines into one.
        links.sort(key=lambda link: link[0], reverse=True)
        top = links[:LINKS]
        best[story_id] = (sum(link[0] for link in top) / len(top), top[0][1], top[0][2])
    if origin_story is not None:
        links = _links(origin_story, candidates)
        return StoryDecision(origin_story, None, f"repeats article {origin_id}", links)
    if not best:
        return StoryDecision(None, None, "no stored article nearby in time resembles it")
    story_id, (score, other, sim) = max(best.items(), key=lambda item: item[1][0])
    if score < JOIN_SCORE:
        return StoryDecision(
            None, score,
            f"closest stored article ({other.id[:12]}, score {score:.2f}) is below {JOIN_SCORE}",
        )
    return StoryDecision(
        story_id, score, f"closest to article {other.id[:12]}: {sim.explain()}",
        _links(story_id, candidates),
    )


def _links(story_id: int, candidates: list[tuple[ArticleView, Similarity]]) -> tuple[tuple[str, float], ...]:
    return tuple((other.id, sim.story) for other, sim in candidates if other.story_id == story_id)
