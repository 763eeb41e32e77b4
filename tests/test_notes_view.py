"""Before next shows the last meeting's notes formatted in one widget: the Markdown syntax
becomes bold, bullets, numbers, quotes and indents; everything typed shows as typed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mentortui.widgets.notes_view import notes_text


def styled(text, style: str) -> list[str]:
    return [text.plain[span.start:span.end] for span in text.spans if span.style == style]


def test_markdown_becomes_headings_lists_quotes_code_and_tables():
    text = notes_text("# Portfolio\nForecast done, **README** next\nand _soon_\n\n"
                      "- one\n- two\n  - under two\n\n3. third\n4. fourth\n\n"
                      "> a quote\n\n```\nx = <1>\n```\n\n| who | when |\n|---|---|\n| Priya | Fri |")
    assert text.plain.split("\n") == [
        "Portfolio", "", "Forecast done, README next", "and soon", "",
        " • one", " • two", "    • under two", "", "3. third", "4. fourth", "",
        "▌ a quote", "", "    x = <1>", "", "who │ when", "Priya │ Fri"]
    assert styled(text, "bold") == ["Portfolio", "README", "who", "when"]
    assert styled(text, "italic") == ["soon"]


def test_html_markup_and_escapes_typed_in_notes_show_as_typed():
    typed = "<script>alert(1)</script> [bold red]loud[/] <!-- hidden --> &lt;tag&gt; `[code]`"
    text = notes_text(typed)
    assert text.plain == "<script>alert(1)</script> [bold red]loud[/] <!-- hidden --> <tag> [code]"
    assert styled(text, "bold") == ["[code]"]


@given(st.text(alphabet=st.characters(categories=["L", "N"], include_characters=" \n,;:!?'\""),
               max_size=300))
def test_plain_words_are_all_shown_in_order(typed):
    assert notes_text(typed).plain.split() == typed.split()
