// Main text of a web page, for the web sources (SearXNG result pages, MediaWiki's parsed HTML):
// what a reader would read, without scripts, styles, navigation, forms and page furniture, as
// paragraphs separated by blank lines, ready for the passage splitter (sources/passage_splitter.h).
//
// Parsed with gumbo (libgumbo-dev), which follows the HTML5 parsing algorithm, so broken markup is
// read the way browsers read it and entities are decoded. The rules:
// - left out: script, style, noscript, template, nav, aside, form and form controls, iframe, svg,
//   canvas, audio, video, object; `hidden` or aria-hidden="true" elements; landmark roles other
//   than main (navigation, banner, contentinfo, complementary, search, menu, dialog...); elements
//   whose id or class names page furniture (nav, menu, footer, sidebar, breadcrumb, cookie,
//   banner, advert, share, social, related, comments, subscribe, popup, modal); header and
//   footer elements outside the main content;
// - when the page has a <main> element (or role="main"), else an <article>, holding at least 200
//   characters of text, only that is read; else the whole body;
// - block elements (p, div, li, headings, table cells, ...) end paragraphs, <br> ends a line;
//   white space inside a paragraph is collapsed; a short paragraph made mostly of link text (a
//   menu, a list of related links) is dropped.
//
// Pure function, thread-safe, never throws; any input gives some output (empty for no text).
#pragma once

#include <string>
#include <string_view>

namespace fg {

struct HtmlText {
  std::string title;  // <title>, white space collapsed; may be empty
  std::string text;   // paragraphs joined by "\n\n"
};

HtmlText ExtractMainText(std::string_view html);

}  // namespace fg
