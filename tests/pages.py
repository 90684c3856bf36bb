"""Saved news pages built around an article's text, in the shapes real outlets' pages take.

Three page shapes, none the markup of one site: a wire service (semantic <article>, meta
tags, cookie banner, related list), a portal (div soup, JSON-LD, breadcrumbs, most-read box,
share widgets, a "Read more" link and an advert between paragraphs), a magazine (<time> in
the byline only, teaser grids, newsletter form, comments). Every shape carries numbers
outside the article (teasers, comments, scripts), which a reader of the main text must not
see. Used by the tests and benchmarks/html_parity.py.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape

SHAPES = ("wire", "portal", "magazine")

NAV = """<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/world">World</a></li><li><a href="/sports">Sports</a></li></ul></nav>"""
COOKIES = """<div id="cookie-consent" class="cookie-banner" role="dialog"><p>We use cookies and similar technologies to improve
your experience and for advertising. By clicking Accept you agree to 12 partners processing your data.</p>
<button>Accept all</button> <button>Settings</button></div>"""
TEASERS = [
    ("Samsung pledges another $3.3 billion for a display plant", "/business/samsung-display"),
    ("Rice exports to rise 15% this year, ministry says", "/business/rice-exports"),
    ("Over 40,000 fans expected at Saturday's final", "/sports/final"),
    ("Ho Chi Minh City metro carries 2 million riders in first month", "/city/metro"),
]
SCRIPT = """<script>window.dataLayer = window.dataLayer || []; dataLayer.push({"pageType": "article", "adSlots": 4,
"price": "$1.99"}); function loadAds(){ return 300000; }</script>"""
COMMENTS = """<section id="comments" class="comments"><h3>3 comments</h3>
<div class="comment"><p class="comment-author">reader_88</p><p>They said $50 billion last year, now 200 billion? I doubt it.</p></div>
<div class="comment"><p class="comment-author">hanoi_local</p><p>Over 5 million people will benefit, great news.</p></div></section>"""
FOOTER = """<footer><p>© 2026 The Outlet Media Group. All rights reserved.</p><p>Licence No. 123/GP-BTTTT.
Hotline: 1900 1234</p><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li></ul></footer>"""


INLINE = [  # what portals put between an article's paragraphs
    '<div class="related-inline"><span>Read more:</span> <a href="/business/samsung-display">Samsung pledges another $3.3 billion for a display plant</a></div>',
    '<div class="ad-container"><div class="ad-label">Advertisement</div><ins class="adsbygoogle" data-ad-slot="1234567"></ins></div>',
]


def _paragraphs(text: str, inline: bool = False) -> str:
    paragraphs = [f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip()]
    if inline:
        for at, block in zip((3, 1), reversed(INLINE)):
            paragraphs.insert(min(at, len(paragraphs)), block)
    return "\n".join(paragraphs)


def _teasers(tag: str = "li") -> str:
    return "\n".join(f'<{tag} class="teaser"><a href="{href}">{escape(title)}</a></{tag}>' for title, href in TEASERS)


def build_page(text: str, title: str, shape: str, published: date | None = None, url: str | None = None) -> str:
    """A page in `shape` whose main text is `text`; `published` goes where that shape keeps dates."""
    canonical = f'<link rel="canonical" href="{escape(url)}">' if url else ""
    stamp = published.isoformat() if published else ""
    body = _paragraphs(text)
    if shape == "wire":
        meta = f'<meta property="article:published_time" content="{stamp}T08:30:00+07:00">' if published else ""
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Wire</title>
{meta}<meta property="og:title" content="{escape(title)}">{canonical}{SCRIPT}</head>
<body>{COOKIES}<header><a class="logo" href="/">WIRE</a>{NAV}</header>
<main><article><h1>{escape(title)}</h1><div class="byline">By Staff Reporter</div>
<div class="article-body">{body}</div></article>
<aside class="related"><h2>Related stories</h2><ul>{_teasers()}</ul></aside></main>
{FOOTER}<script src="/static/app.js" defer></script></body></html>"""
    if shape == "portal":
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": f"{stamp}T09:15:00+07:00"}
        ld = f'<script type="application/ld+json">{json.dumps(data)}</script>' if published else ""
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
{canonical}{ld}{SCRIPT}</head><body><div id="wrapper"><div class="top-bar"><span>Hotline 1900 1234</span>
<a href="/login">Log in</a></div><div class="header">{NAV}</div>
<div class="breadcrumb"><a href="/">Home</a> » <a href="/business">Business</a></div>
<div class="container"><div class="col-left"><div class="detail-title">{escape(title)}</div>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <span class="views">1,024 views</span></div>
<div class="detail-content">{_paragraphs(text, inline=True)}</div>
<div class="tags">Tags: <a href="/tag/trade">trade</a> <a href="/tag/korea">Korea</a></div></div>
<div class="col-right"><div class="box most-read"><div class="box-title">Most read</div><ul>{_teasers()}</ul></div>
<div class="ad-slot">Advertisement</div></div></div>{FOOTER}</div></body></html>"""
    if shape == "magazine":
        time = f'<time datetime="{stamp}">{published:%B} {published.day}, {published.year}</time>' if published else ""
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} – The Magazine</title>
{canonical}{SCRIPT}<noscript><img src="/pixel.gif" alt=""></noscript></head><body>{COOKIES}
<header class="site-header">{NAV}<form class="search"><input name="q" placeholder="Search"></form></header>
<div class="teaser-grid">{_teasers("div")}</div>
<article class="post"><header class="post-header"><h1 class="post-title">{escape(title)}</h1>
<p class="meta">By Correspondent {time}</p></header><div class="post-content">{body}</div></article>
<div class="newsletter"><h3>Get the morning briefing</h3><p>Join 250,000 readers.</p><form><input type="email"><button>Sign up</button></form></div>
{COMMENTS}<div class="teaser-grid more">{_teasers("div")}</div>{FOOTER}</body></html>"""
    raise ValueError(f"unknown page shape {shape!r}")
