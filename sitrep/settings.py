"""One typed settings object, built once at the boundary (CLI, API) and passed in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs


def default_data_dir() -> Path:
    """Where Sitrep keeps its database and HTTP cache; SITREP_HOME overrides it."""
    return Path(os.environ.get("SITREP_HOME") or platformdirs.user_data_dir("sitrep"))


def default_db_url() -> str:
    return os.environ.get("SITREP_DB") or f"sqlite:///{default_data_dir() / 'sitrep.db'}"


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    data_dir: Path = field(default_factory=default_data_dir)
    # 25 MB: the largest real news page seen in the extraction benchmark is ~2 MB, so
    # anything far above that is a mistake or an attack, not an article.
    max_input_bytes: int = 25 * 1024 * 1024
    fetch_timeout: float = 20.0
    fetch_max_redirects: int = 10
    user_agent: str = "sitrep/0.1 (+https://example.invalid/sitrep)"
    # Publication date to assume when the input carries none (`--date`).
    default_published: str | None = None

    @property
    def http_cache_dir(self) -> Path:
        return self.data_dir / "http-cache"
