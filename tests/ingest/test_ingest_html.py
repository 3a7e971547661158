"""HTML pages: visible text only, metadata from the head, broken markup tolerated."""

import pytest

from allegiance.ingest.readers import ReadProblem, html_to_text, read_path

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Deal | Some Site</title>
  <meta property="og:title" content="Why did ISIS and al-Nusra Front Strike a Deal?">
  <meta property="article:published_time" content="2017-04-12T09:30:00+02:00">
  <link rel="canonical" href="https://example.org/deal">
  <style>p { color: red }</style>
  <script>var secret = "do not read me";</script>
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/about">About us</a></nav></header>
  <article>
    <header><h1>Why did ISIS and   al-Nusra Front
      Strike a Deal?</h1></header>
    <p>The recent agreement between <b>ISIS</b> and <i>Hay'at Tahrir al-Sham</i>
       came as a surprising step.</p>
    <p>Line one<br>Line two</p>
    <!-- a comment that is not text -->
    <ul><li>First point</li><li>Second point</li></ul>
    <table><tr><td>Raqqa</td><td>2014</td></tr></table>
    <pre>code  keeps
  its lines</pre>
    <noscript>Enable JavaScript</noscript>
    <script>document.write("tracking")</script>
  </article>
  <aside>Related: ten other stories</aside>
  <footer>Copyright 2017</footer>
</body>
</html>"""


def read_one(path):
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


def test_html_text_keeps_article_and_drops_scripts_navigation_and_chrome(write):
    doc = read_one(write("deal.html", PAGE))
    assert doc.fmt == "html"
    assert doc.text == (
        "Why did ISIS and al-Nusra Front Strike a Deal?\n\n"
        "The recent agreement between ISIS and Hay'at Tahrir al-Sham came as a surprising step."
        "\n\nLine one\nLine two\n\nFirst point\n\nSecond point\n\nRaqqa 2014"
        "\n\ncode keeps\nits lines"
    )
    for noise in ("do not read me", "tracking", "Enable JavaScript", "Home", "Related",
                  "Copyright", "color: red", "a comment"):
        assert noise not in doc.text


def test_html_metadata_from_head(write):
    doc = read_one(write("deal.htm", PAGE))
    assert doc.title == "Why did ISIS and al-Nusra Front Strike a Deal?"
    assert doc.url == "https://example.org/deal"
    assert doc.published == "2017-04-12"
    assert doc.lang == "en"
    assert doc.meta["lang_source"] == "metadata"


def test_title_tag_when_no_og_title_and_time_element_for_date(write):
    html = ("<html><head><title> Rivals </title></head><body>"
            "<p>Posted <time datetime='2014-12-15'>15 Dec</time></p><p>The two groups clashed."
            "</p></body></html>")
    doc = read_one(write("r.html", html))
    assert doc.title == "Rivals"
    assert doc.published == "2014-12-15"


def test_itemprop_and_json_ld_dates(write):
    itemprop = ('<html><body><span itemprop="datePublished" content="2015-06-01"></span>'
                '<p>Text of the report.</p></body></html>')
    ld = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
          '"datePublished": "2016-02-03T10:00:00Z"}</script></head>'
          '<body><p>Text of the report.</p></body></html>')
    assert read_one(write("i.html", itemprop)).published == "2015-06-01"
    assert read_one(write("l.html", ld)).published == "2016-02-03"


def test_broken_markup_does_not_raise(write):
    html = ("<html><body><div><p>Jabhat al-Nusra <b>attacked <i>the checkpoint</p>"
            "<p>unclosed <a href='x>link</div></table></td>"
            "<script>if (a < b) { alert('x') }")
    doc = read_one(write("broken.html", html))
    assert "Jabhat al-Nusra attacked the checkpoint" in doc.text
    assert "alert" not in doc.text


def test_html_with_only_scripts_and_navigation_is_e111(write):
    html = "<html><body><nav>Home | About</nav><script>x()</script>  </body></html>"
    item = read_one(write("empty.html", html))
    assert isinstance(item, ReadProblem)
    assert item.error.code == "E111"


def test_declared_windows_1256_charset_is_honoured(write):
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1256"></head><body><p>قالت جبهة النصرة</p></body></html>')
    doc = read_one(write("ar.html", html, encoding="cp1256"))
    assert doc.text == "قالت جبهة النصرة"
    assert doc.lang == "ar"


def test_declared_iso_8859_1_is_read_as_windows_1252(write):
    html = ('<html><head><meta charset="iso-8859-1"></head>'
            '<body><p>\u201cCaf\u00e9\u201d</p></body></html>')
    doc = read_one(write("q.html", html, encoding="cp1252"))
    assert doc.text == "\u201cCaf\u00e9\u201d"


@pytest.mark.parametrize("parser", ["lxml", "html.parser"])
def test_html_to_text_gives_the_same_text_with_either_parser(parser):
    bs4 = pytest.importorskip("bs4")
    if parser == "lxml":
        pytest.importorskip("lxml")
    soup = bs4.BeautifulSoup("<div>a <b>b</b></div><p>c&nbsp; d</p>x<br/>y", parser)
    assert html_to_text(soup) == "a b\n\nc d\n\nx\ny"


def test_deeply_nested_markup_is_read_without_recursion_errors(write):
    html = "<div>" * 3000 + "deep <b>text</b>" + "</div>" * 3000
    doc = read_one(write("deep.html", html))
    assert doc.text == "deep text"


def test_text_file_named_html_is_read_as_text(write):
    assert read_one(write("plain.html", "No tags at all, just a line.")).text == (
        "No tags at all, just a line.")


def test_page_labelled_latin1_but_written_in_utf8_is_read_as_utf8(write):
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>هيئة تحرير الشام</p></body>'
    doc = read_one(write("mislabelled.html", html, encoding="utf-8"))
    assert doc.text == "هيئة تحرير الشام"
