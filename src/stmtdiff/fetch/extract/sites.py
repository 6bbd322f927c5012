"""Per-publisher rules: where the statement body sits on each official site's pages.

Written from the publishers' page layouts as known when this was written; they could not be
checked against the live sites from the build machine. A page no rule fits goes to the generic
extractor (trafilatura).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["RULES", "SiteRule", "rule_for"]


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@dataclass(frozen=True)
class SiteRule:
    """Where one publisher puts the statement body."""

    name: str
    """The rule's name, recorded in the provenance ("html:<name>")."""
    hosts: tuple[str, ...]
    """Host names it applies to; sub-domains included (archive sites like 2009-2017.state.gov)."""
    content: tuple[str, ...]
    """XPath expressions for the body's container, tried in order; the first match wins."""

    def applies_to(self, url: str) -> bool:
        """Whether the URL is on one of the rule's hosts."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == h or host.endswith("." + h) for h in self.hosts)


RULES: tuple[SiteRule, ...] = (
    SiteRule("state.gov", ("state.gov", "dosfan.lib.uic.edu"), (
        f"//div[{_cls('entry-content')}]",  # WordPress site and 2017-2021, 2021-2025 archives
        "//div[@id='centerblock']",  # 2001-2009 and 2009-2017 archives
        "//div[@id='body-row']//div[@id='content']",
        "//main",
    )),
    SiteRule("defense.gov", ("defense.gov", "defenselink.mil"), (
        "//div[@itemprop='articleBody']",
        f"//article//div[{_cls('body')}]",
        "//div[@id='content']//div[@class='article']",
        "//article",
    )),
    SiteRule("mofa.go.jp", ("mofa.go.jp",), (
        "//div[@id='maincontents']",
        f"//div[{_cls('main-contents')}]",
        "//div[@id='main']",
        "//main",
    )),
    SiteRule("mod.go.jp", ("mod.go.jp",), (
        f"//div[{_cls('article-body')}]",
        "//div[@id='main']",
        "//div[@id='contents']",
        "//main",
        "//article",
    )),
    SiteRule("usembassy.gov", ("usembassy.gov", "usembassy-china.org.cn"), (
        f"//div[{_cls('entry-content')}]",
        "//article",
        "//main",
    )),
)
"""The publisher rules, tried by host name."""


def rule_for(url: str) -> SiteRule | None:
    """The publisher rule for a URL, or None."""
    return next((rule for rule in RULES if rule.applies_to(url)), None)
