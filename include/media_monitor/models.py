"""Records that cross module boundaries: what extraction produces and loading consumes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class Headline:
    """One editorial story link on a front page, in reading order."""

    title: str
    url: str
    rank: int
    block: str | None = None  # heading of the section the link sits in, if any
    heading_level: int | None = None  # 1..6 when the link sits in <hN>
    is_lead: bool = False
    has_image: bool = False


@dataclass
class SidebarEntry:
    """One entry of a ranked or listed sidebar block ("Most read", "Discussion")."""

    rank: int
    title: str
    url: str | None
    time_text: str | None = None  # as shown, e.g. "16.10 20:44"
    shown_at: datetime | None = None  # time_text parsed in the outlet's timezone
    count: int | None = None  # views / comments shown beside the entry


@dataclass
class SidebarBlock:
    name: str
    kind: str  # "ranked" (ordered by popularity) or "list"
    entries: list[SidebarEntry] = field(default_factory=list)


@dataclass
class FrontPage:
    headlines: list[Headline] = field(default_factory=list)
    blocks: list[SidebarBlock] = field(default_factory=list)
    article_links: list[str] = field(default_factory=list)  # candidate article URLs, best first


@dataclass
class Article:
    url: str
    canonical_url: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    language: str | None = None
    body: str = ""
    views: int | None = None
    comments: int | None = None
    image_credit: str | None = None
    description: str | None = None


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, lists, dates and datetimes to plain JSON values (dates as ISO 8601)."""
    if hasattr(obj, "__dataclass_fields__"):
        obj = asdict(obj)
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, date):  # datetimes too: ISO 8601 with offset
        return obj.isoformat()
    return obj
