import gzip
import json

from communique.errors import InputRejected
from communique.ingest import articles_from, build_document, ingest_paths
from communique.store import Store

EN = ("Warsaw Meets Berlin on Rail Links\n\nThe transport ministers of Poland and Germany agreed on "
      "Tuesday to add two freight trains a day between Poznan and Frankfurt an der Oder.\n\n"
      "Officials said the first new service would run in spring.")


def _items(name, data):
    return list(articles_from(name, data))


def test_plain_text_title_and_language():
    [article] = _items("a.txt", EN.encode())
    doc = build_document(article, max_chars=10**6)
    assert doc.title == "Warsaw Meets Berlin on Rail Links"
    assert doc.language == "en" and doc.language_supported
    assert doc.text.startswith("Warsaw Meets Berlin") and doc.n_chars == len(doc.text)


def test_jsonl_lines_and_malformed_line_number():
    lines = [json.dumps({"text": EN, "title": "T1", "outlet": "Wire", "published": "2025-02-03",
                         "language": "en", "url": "https://example.org/a"}),
             "{not json",
             json.dumps({"title": "no text"})]
    items = _items("batch.jsonl", "\n".join(lines).encode())
    assert items[0].title == "T1" and items[0].outlet == "Wire" and items[0].url.endswith("/a")
    assert isinstance(items[1], InputRejected) and "batch.jsonl:2" in str(items[1])
    assert isinstance(items[2], InputRejected) and "batch.jsonl:3" in str(items[2])
    doc = build_document(items[0], max_chars=10**6)
    assert doc.published == "2025-02-03" and doc.date_source == "metadata"


def test_gzip_of_jsonl():
    data = gzip.compress(json.dumps({"text": EN}).encode())
    [article] = _items("batch.jsonl.gz", data)
    assert article.text == EN


def test_html_main_text_and_metadata():
    body = "".join(f"<p>{p}</p>" for p in EN.split("\n\n")[1:] * 3)
    html = (f"<html><head><title>Rail links grow</title><meta property='og:site_name' "
            f"content='Oder Post'><meta property='article:published_time' content='2025-02-04'>"
            f"</head><body><nav>Home | World | Sport</nav><article>{body}</article>"
            f"<footer>All rights reserved</footer></body></html>")
    [article] = _items("page.html", html.encode())
    assert "freight trains" in article.text and "All rights reserved" not in article.text
    assert article.title == "Rail links grow"
    assert article.outlet == "Oder Post"


def test_html_without_main_text_is_rejected():
    [item] = _items("empty.html", b"<html><head><title>x</title></head><body><nav>menu</nav></body></html>")
    assert isinstance(item, InputRejected) and "empty.html" in str(item)


def test_rss_feed_items():
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Steppe Wire</title>
    <item><title>Rail deal</title><link>https://example.org/1</link>
    <pubDate>Tue, 04 Feb 2025 10:00:00 GMT</pubDate><description>{EN}</description></item>
    </channel></rss>"""
    [article] = _items("feed.xml", feed.encode())
    assert article.outlet == "Steppe Wire" and article.published == "2025-02-04"
    assert article.url == "https://example.org/1"


def test_malformed_feed_is_rejected():
    [item] = _items("broken.rss", b"<rss><channel><title>x</title>")
    assert isinstance(item, InputRejected) and "broken.rss" in str(item)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 2000)
    with Store.open(str(tmp_path / "s.db")) as store:
        report = ingest_paths([str(path)], store=store, max_chars=1000)
    assert not report.added and "limit" in str(report.rejected[0])


def test_unsupported_language_is_stored_and_flagged(tmp_path):
    path = tmp_path / "uk.txt"
    path.write_text("Міністри закордонних справ двох країн зустрілися у столиці та обговорили "
                    "торгівлю, транзит вантажів і співпрацю в енергетиці.", encoding="utf-8")
    with Store.open(str(tmp_path / "s.db")) as store:
        report = ingest_paths([str(path)], store=store)
        [doc] = store.iter_documents()
    assert report.added and doc.language == "uk" and not doc.language_supported
