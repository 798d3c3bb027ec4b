import gzip

import pytest

from communique.errors import InputRejected
from communique.ingest.decode import clean_text, content_key, decode, gunzip

RU = "Министры иностранных дел двух стран встретились в столице и обсудили торговлю и транзит грузов."


def test_utf8_passes_through():
    assert decode(RU.encode("utf-8"), source="a") == RU


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_cyrillic_legacy_encodings_are_detected(encoding):
    text = (RU + " ") * 3
    assert decode(text.encode(encoding), source="a").strip() == text.strip()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_byte_order_marks(encoding):
    assert decode(RU.encode(encoding), source="a") == RU


def test_binary_is_rejected_with_its_name():
    with pytest.raises(InputRejected) as err:
        decode(bytes(range(256)) * 20, source="blob.bin")
    assert "blob.bin" in str(err.value) and "binary" in str(err.value)


def test_empty_is_rejected():
    with pytest.raises(InputRejected, match="empty"):
        decode(b"  \n ", source="empty.txt")


def test_truncated_gzip_is_rejected():
    data = gzip.compress(RU.encode())[:-10]
    with pytest.raises(InputRejected, match="gzip"):
        gunzip(data, source="x.gz")


def test_clean_text_normalises_newlines_and_keeps_words():
    assert clean_text("Title\r\n\r\nBody  \r\n") == "Title\n\nBody"


def test_content_key_ignores_case_and_spacing():
    assert content_key("A  b\nC") == content_key("a b c")
