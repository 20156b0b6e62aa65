#include "sources/html_text.h"

#include <gtest/gtest.h>

namespace fg {
namespace {

constexpr const char* kNewsPage = R"(<!doctype html>
<html><head><title>  Eiffel   Tower &amp; Paris </title>
<style>body { color: red }</style>
<script>var tracking = "do not read me";</script></head>
<body>
<header class="site-header"><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></header>
<nav><ul><li><a href="/a">Section A</a></li><li><a href="/b">Section B</a></li></ul></nav>
<div id="cookie-banner">We use cookies. <button>Accept</button></div>
<main>
  <article>
    <h1>The Eiffel Tower</h1>
    <p>The Eiffel Tower is a wrought-iron lattice tower in Paris.
       It was completed in   1889.</p>
    <p>It is named after the engineer Gustave Eiffel, whose company designed
       and built the tower &eacute;l&eacute;gantly.<br>It is 330 metres tall.</p>
    <div class="share-buttons"><a href="/tw">Tweet</a><a href="/fb">Share</a></div>
    <ul><li>First visitors climbed it in 1889.</li><li>It was the tallest structure until 1930.</li></ul>
  </article>
  <aside>Related: <a href="/x">Other towers</a></aside>
</main>
<footer><p>Copyright 2024 Example News. <a href="/privacy">Privacy</a></p></footer>
</body></html>)";

TEST(HtmlTextTest, KeepsTheArticleAndDropsTheFurniture) {
  HtmlText page = ExtractMainText(kNewsPage);
  EXPECT_EQ(page.title, "Eiffel Tower & Paris");
  EXPECT_EQ(
      page.text,
      "The Eiffel Tower\n\n"
      "The Eiffel Tower is a wrought-iron lattice tower in Paris. It was completed in 1889.\n\n"
      "It is named after the engineer Gustave Eiffel, whose company designed and built the "
      "tower \xC3\xA9l\xC3\xA9gantly.\nIt is 330 metres tall.\n\n"
      "First visitors climbed it in 1889.\n\n"
      "It was the tallest structure until 1930.");
  for (const char* absent : {"tracking", "color", "Home", "Section A", "cookies", "Tweet",
                             "Other towers", "Copyright"}) {
    EXPECT_EQ(page.text.find(absent), std::string::npos) << absent;
  }
}

TEST(HtmlTextTest, WithoutMainContentTheBodyIsRead) {
  HtmlText page = ExtractMainText(
      "<html><body><div id='menu'><a href='/'>Home</a></div>"
      "<p>Mount Everest is 8,849 metres high.</p><div><span>It lies on the border of Nepal"
      "</span> and Tibet.</div><footer>Site footer</footer></body></html>");
  EXPECT_EQ(page.title, "");
  EXPECT_EQ(page.text,
            "Mount Everest is 8,849 metres high.\n\nIt lies on the border of Nepal and Tibet.");
}

TEST(HtmlTextTest, AShortMainIsNotTrustedAlone) {
  // A <main> with a few words (a heading) is not the content: the body is read instead.
  HtmlText page = ExtractMainText(
      "<body><main><h1>Nile</h1></main><div><p>The Nile is a river in Africa. It flows north "
      "into the Mediterranean Sea, and it is about 6,650 kilometres long, which makes it one of "
      "the longest rivers in the world; its basin covers eleven countries.</p></div></body>");
  EXPECT_NE(page.text.find("Nile\n\nThe Nile is a river"), std::string::npos) << page.text;
}

TEST(HtmlTextTest, HiddenRolesAndFurnitureNames) {
  HtmlText page = ExtractMainText(
      "<body><p>Kept paragraph.</p><p hidden>Hidden paragraph.</p>"
      "<div aria-hidden='true'>Aria hidden.</div><div role='navigation'>Role nav.</div>"
      "<div class='sidebar-left'>Sidebar.</div><div class='canvas-area'>Canvas is not nav.</div>"
      "<div id='unavailable-note'>Unavailable is not nav.</div><noscript>No script.</noscript>"
      "<form><label>Search</label><input name=q></form></body>");
  EXPECT_EQ(page.text, "Kept paragraph.\n\nCanvas is not nav.\n\nUnavailable is not nav.");
}

// A wiki's parsed page (MediaWiki's action=parse): reference markers and lists are not text.
TEST(HtmlTextTest, WikiReferencesAreDropped) {
  HtmlText page = ExtractMainText(
      "<div class='mw-parser-output'><p>It was built in 1871.<sup id='cite_ref-1' "
      "class='reference'><a href='#cite_note-1'>[1]</a></sup> It is 38 metres tall.</p>"
      "<div class='mw-references-wrap'><ol class='references'><li id='cite_note-1'>"
      "Lights of the coast, 1970.</li></ol></div><div class='reflist'>More notes.</div>"
      "<p>Referenced by many.</p></div>");
  EXPECT_EQ(page.text, "It was built in 1871. It is 38 metres tall.\n\nReferenced by many.");
}

TEST(HtmlTextTest, BrokenMarkupAndOddInputs) {
  EXPECT_EQ(ExtractMainText("<p>Unclosed <b>bold<p>Second").text, "Unclosed bold\n\nSecond");
  EXPECT_EQ(ExtractMainText("").text, "");
  EXPECT_EQ(ExtractMainText("just text, no tags").text, "just text, no tags");
  EXPECT_EQ(ExtractMainText(std::string("a\0b", 3)).text.size() > 0, true);
  // A long paragraph with links in it is prose, not a menu.
  std::string prose = "<p>";
  for (int i = 0; i < 20; ++i) prose += "Some words <a href='/x'>a link</a> more words. ";
  prose += "</p>";
  EXPECT_NE(ExtractMainText(prose).text.find("a link"), std::string::npos);
}

}  // namespace
}  // namespace fg
