"""Statement pages written for the tests in the layouts of the publishers' sites.

The statement is invented for these tests. Each page wraps the same body in one publisher's
site chrome (navigation, titles, share bars, footers); extraction must give back EXPECTED.
"""

from __future__ import annotations

from html import escape

HEADINGS = ("I. Overview", "II. Shared Goals")
PARAGRAPHS = (
    "The Ministers of the two countries met today and reviewed the progress of their "
    "cooperation since the previous meeting.",
    "They affirmed that the partnership remains the cornerstone of peace and stability in "
    "the region, and that it continues to adapt to a changing security environment.",
)
INTRO = "The Ministers decided to:"
ITEMS = (
    "deepen consultation on emerging technologies;",
    "expand joint exercises and training at shared facilities; and",
    "improve the resilience of supply chains for critical materials.",
)
CLOSING = ("The Ministers welcomed the plan to relocate the training facility by 2030, and "
           "asked officials to report on its progress at the next meeting.")

EXPECTED = "\n\n".join([
    HEADINGS[0], PARAGRAPHS[0], PARAGRAPHS[1], HEADINGS[1], INTRO,
    "\n".join(f"- {item}" for item in ITEMS), CLOSING,
]) + "\n"
"""The statement as extraction must return it."""

TITLE = "Joint Statement of the Example Consultative Committee"


def _body(heading_tag: str = "h3") -> str:
    items = "".join(f"<li>{escape(i)}</li>\n" for i in ITEMS)
    return (f"<{heading_tag}>{HEADINGS[0]}</{heading_tag}>\n<p>{escape(PARAGRAPHS[0])}</p>\n"
            f"<p>{escape(PARAGRAPHS[1])}</p>\n<{heading_tag}>{HEADINGS[1]}</{heading_tag}>\n"
            f"<p>{INTRO}</p>\n<ul>\n{items}</ul>\n<p>{escape(CLOSING)}</p>\n")


def _wrap(head: str, body: str, lang: str = "en", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="{charset}">\n'
            f"<title>{TITLE}</title>\n{head}</head>\n<body>\n{body}</body>\n</html>\n")


def state_gov() -> str:
    """state.gov (2017-2025 WordPress sites): entry-content, text framed by Begin/End Text."""
    return _wrap('<link rel="stylesheet" href="/wp-content/themes/state/style.css">\n', f"""
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><nav class="menu"><ul><li><a href="/">Home</a></li>
<li><a href="/policy-issues/">Policy Issues</a></li><li><a href="/countries/">Countries</a></li>
</ul></nav></header>
<main id="main">
<div class="featured-content__header"><p class="article-meta__content-type">Media Note</p>
<h1 class="featured-content__headline">{TITLE}</h1>
<p class="article-meta__author-bureau">Office of the Spokesperson</p>
<p class="article-meta__publish-date">March 16, 2021</p></div>
<div class="entry-content">
<p>The text of the following statement was released by the Governments of the two countries
on the occasion of the Committee meeting.</p>
<p>Begin Text:</p>
{_body()}<p>End Text.</p>
<div class="share-tools"><a href="#">Share on Twitter</a> <a href="#">Email</a></div>
</div>
<div class="related-tags"><a href="/tags/alliance">Alliance</a></div>
</main>
<footer class="site-footer"><p>Official website of the Department of State</p></footer>
""")


def state_gov_archive() -> str:
    """2001-2009 / 2009-2017.state.gov archives: a centerblock with <br>-separated lines."""
    items = "".join(f"<li>{escape(i)}</li>" for i in ITEMS)
    return _wrap("", f"""
<div id="tier1-header"><a href="/">U.S. Department of State</a>
<div id="nav"><a href="/r/pa/">Press Releases</a> | <a href="/r/pa/prs/ps/">2015</a></div></div>
<div id="centerblock">
<h2 id="page-title">{TITLE}</h2>
<span class="date">Media Note<br>Office of the Spokesperson<br>Washington, DC<br>
April 27, 2015</span>
<div id="tier3-landing-content-wrapper">
<p>Begin Text<br></p>
<p><b>{HEADINGS[0]}</b></p>
<p>{escape(PARAGRAPHS[0])}<br><br>{escape(PARAGRAPHS[1])}</p>
<p><b>{HEADINGS[1]}</b></p>
<p>{INTRO}</p><ul>{items}</ul>
<p>{escape(CLOSING)}</p>
<p>End Text</p>
</div>
<div class="print"><a href="#">Print</a></div>
</div>
<div id="footer">This site is managed by the Bureau of Public Affairs.</div>
""")


def defense_gov() -> str:
    """defense.gov news releases: an article with a body div, no framing."""
    return _wrap('<meta name="viewport" content="width=device-width">\n', f"""
<header><nav class="nav-main"><a href="/News/">News</a> <a href="/Spotlights/">Spotlights</a>
</nav></header>
<div id="dnn_ContentPane">
<article class="article-view">
<h1 class="maintitle">{TITLE}</h1>
<div class="info"><span class="date">Aug. 17, 2017</span></div>
<div class="article-share social"><a href="#">Facebook</a><a href="#">Twitter</a></div>
<div class="body" itemprop="articleBody">
{_body("h2")}</div>
<div class="footer-links"><a href="/Contact/">Contact</a></div>
</article></div>
<footer><p>Department of Defense</p></footer>
""")


def mofa_go_jp(charset: str = "utf-8") -> str:
    """mofa.go.jp English pages: #maincontents, headings as <h2>, a breadcrumb, page-top link."""
    return _wrap("", f"""
<div id="header"><a href="/index.html">Ministry of Foreign Affairs of Japan</a>
<ul id="gnav"><li><a href="/policy/">Foreign Policy</a></li></ul></div>
<div id="breadcrumbs"><a href="/">Home</a> &gt; <a href="/region/">Countries</a></div>
<div id="maincontents">
<h1>{TITLE}</h1>
<p class="rightalign">March 16, 2021</p>
{_body("h2")}<p class="pagetop"><a href="#top">Back to Top</a></p>
</div>
<div id="footer"><p>Ministry of Foreign Affairs of Japan</p></div>
""", charset=charset)


def mod_go_jp() -> str:
    """mod.go.jp English articles: #main with an article body."""
    return _wrap("", f"""
<div id="header"><p class="logo">Ministry of Defense</p>
<nav><ul><li><a href="/en/">Top</a></li><li><a href="/en/article/">Press</a></li></ul></nav></div>
<div id="main">
<h1 class="title">{TITLE}</h1>
<div class="article-body">
{_body("h3")}</div>
<ul class="sns-share"><li>Share</li></ul>
</div>
<div id="footer">Ministry of Defense, Japan</div>
""")


def usembassy_gov() -> str:
    """usembassy.gov (WordPress): entry-content with a print link and share buttons."""
    return _wrap("", f"""
<header id="masthead"><nav class="main-navigation"><a href="/">U.S. Embassy</a></nav></header>
<article class="post"><h1 class="entry-title">{TITLE}</h1>
<div class="entry-meta">Home | News | March 16, 2021</div>
<div class="entry-content">
<div class="mo-print"><a href="#">Print</a></div>
{_body("h3")}<div class="sharedaddy sd-sharing-enabled">Share:</div>
</div></article>
<footer id="colophon">U.S. Embassy and Consulates</footer>
""")


PUBLISHERS = {
    "http://2021-2025.state.gov/joint-statement-of-the-committee/": (state_gov, "state.gov"),
    "http://2009-2017.state.gov/r/pa/prs/ps/2015/04/241125.htm": (state_gov_archive, "state.gov"),
    "http://www.defense.gov/News/Releases/Release/Article/1282045/": (defense_gov, "defense.gov"),
    "http://www.mofa.go.jp/region/n-america/us/security/scc/joint2021.html":
        (mofa_go_jp, "mofa.go.jp"),
    "http://www.mod.go.jp/en/article/2021/03/example.html": (mod_go_jp, "mod.go.jp"),
    "http://jp.usembassy.gov/joint-statement-example/": (usembassy_gov, "usembassy.gov"),
}
"""Each publisher's URL: the page and the rule that must extract it."""
