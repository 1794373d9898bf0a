"""Plain-text articles: splitting, scraped-page noise, and offsets back into the input."""

from __future__ import annotations

from timeline.api import articles_from_text
from timeline.ingest.text import is_page_furniture, read_text_articles

SCRAPED = (
    "Storm Hits Coast\n\n"
    "Waves crash on the pier, Monday. (Photo)\n"
    "Waves crash on the pier, Monday. (Photo)\n"
    "TT\n\n"
    "Storm Hits Coast\n\n"
    "The storm reached the coast on Sunday, officials said.\n\n"
    '"It was the worst in decades," the mayor said.\n\n'
    '"It was the worst in decades," the mayor said.\n\n'
    "Earlier on Saturday, the mayor met with Governor Ada\n\n"
    "to discuss evacuations.\n"
    "\n\n\n"
    "Second Story Title\n\n"
    "A second article starts here.\n"
)


def test_several_articles_split_on_blank_lines() -> None:
    articles = read_text_articles(SCRAPED, "file.txt")
    assert [a.title for a in articles] == ["Storm Hits Coast", "Second Story Title"]
    assert articles[1].text == "A second article starts here."


def test_repeats_and_furniture_are_dropped_without_losing_text() -> None:
    body = read_text_articles(SCRAPED, "file.txt")[0].text
    assert body.count("Waves crash on the pier") == 1
    assert body.count("worst in decades") == 1
    assert "Storm Hits Coast" not in body
    assert "TT" not in body.split()
    assert "The storm reached the coast on Sunday, officials said." in body


def test_sentence_broken_by_a_blank_line_is_joined() -> None:
    body = read_text_articles(SCRAPED, "file.txt")[0].text
    assert "met with Governor Ada to discuss evacuations." in body


def test_cleaned_offsets_map_back_to_the_input() -> None:
    for article in read_text_articles(SCRAPED, "file.txt"):
        for word in ("Sunday", "evacuations", "mayor", "second"):
            at = article.text.find(word)
            if at >= 0:
                source_at = article.source_offset(at)
                assert SCRAPED[source_at : source_at + len(word)] == word


def test_page_furniture() -> None:
    assert is_page_furniture("TT")
    assert is_page_furniture("Advertisement")
    assert is_page_furniture("* * *")
    assert not is_page_furniture("Yes.")
    assert not is_page_furniture("The storm reached the coast.")


def test_text_without_a_headline_keeps_its_first_line() -> None:
    articles = articles_from_text(
        "The storm reached the coast on Sunday, officials said.\nMore later."
    )
    assert articles[0].title is None
    assert articles[0].text.startswith("The storm reached")
