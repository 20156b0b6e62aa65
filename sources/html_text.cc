// Main text of a web page with gumbo: furniture dropped, paragraphs kept, link lists left out.
#include "sources/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace fg {
namespace {

bool IsSkippedTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return false;
  }
}

std::string Attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? "" : a->value;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// An id or class token naming page furniture ("site-nav", "cookie-banner", "footer"), or a wiki's
// reference markers and lists ("reference", "mw-references-wrap", "reflist") and edit links.
bool NamesFurniture(const std::string& names) {
  static constexpr std::array<const char*, 22> kWords = {
      "nav",       "menu",   "footer",  "sidebar",    "breadcrumb", "cookie",
      "banner",    "advert", "share",   "social",     "related",    "comments",
      "subscribe", "popup",  "modal",   "skip-link",  "reference",  "references",
      "reflist",   "navbox", "noprint", "editsection"};
  std::string lower = Lower(names);
  size_t start = 0;
  while (start < lower.size()) {
    size_t end = lower.find_first_of(" \t\n", start);
    if (end == std::string::npos) end = lower.size();
    std::string token = lower.substr(start, end - start);
    for (const char* word : kWords) {
      // Whole words inside the token: "site-nav" and "nav_main", but not "canvas" or "unavailable".
      size_t at = token.find(word);
      while (at != std::string::npos) {
        size_t after = at + std::strlen(word);
        bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(token[at - 1]));
        bool right =
            after >= token.size() || !std::isalpha(static_cast<unsigned char>(token[after]));
        if (left && right) return true;
        at = token.find(word, at + 1);
      }
    }
    start = end + 1;
  }
  return false;
}

bool IsFurniture(const GumboElement& e) {
  if (IsSkippedTag(e.tag)) return true;
  if (gumbo_get_attribute(&e.attributes, "hidden") != nullptr) return true;
  if (Lower(Attribute(e, "aria-hidden")) == "true") return true;
  std::string role = Lower(Attribute(e, "role"));
  static constexpr std::array<const char*, 9> kRoles = {"navigation",    "banner", "contentinfo",
                                                        "complementary", "search", "menu",
                                                        "menubar",       "dialog", "alertdialog"};
  for (const char* r : kRoles) {
    if (role == r) return true;
  }
  return NamesFurniture(Attribute(e, "id")) || NamesFurniture(Attribute(e, "class"));
}

bool IsMainRoot(const GumboElement& e) {
  return e.tag == GUMBO_TAG_MAIN || Lower(Attribute(e, "role")) == "main";
}

void FindFirst(const GumboNode* node, bool (*match)(const GumboElement&), const GumboNode** out) {
  if (*out != nullptr || node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  if (IsFurniture(e) && !IsMainRoot(e)) return;
  if (match(e)) {
    *out = node;
    return;
  }
  for (unsigned i = 0; i < e.children.length; ++i) {
    FindFirst(static_cast<const GumboNode*>(e.children.data[i]), match, out);
  }
}

// Collects paragraphs: text is appended to the open paragraph; blocks close it.
class Collector {
 public:
  void Walk(const GumboNode* node, bool in_link, bool in_main_content) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        AddText(node->v.text.text, in_link);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:
        return;
    }
    const GumboElement& e = node->v.element;
    if (IsFurniture(e)) return;
    // Outside the main content, a page's header and footer are furniture too.
    if (!in_main_content && (e.tag == GUMBO_TAG_HEADER || e.tag == GUMBO_TAG_FOOTER)) return;
    if (e.tag == GUMBO_TAG_BR) {
      current_ += '\n';
      pending_space_ = false;
      return;
    }
    bool block = IsBlockTag(e.tag);
    if (block) Flush();
    bool link = in_link || e.tag == GUMBO_TAG_A;
    bool main = in_main_content || e.tag == GUMBO_TAG_ARTICLE || IsMainRoot(e);
    for (unsigned i = 0; i < e.children.length; ++i) {
      Walk(static_cast<const GumboNode*>(e.children.data[i]), link, main);
    }
    if (block) Flush();
  }

  std::string Text() {
    Flush();
    std::string out;
    for (const std::string& p : paragraphs_) {
      if (!out.empty()) out += "\n\n";
      out += p;
    }
    return out;
  }

 private:
  void AddText(const char* text, bool in_link) {
    for (const char* c = text; *c != '\0'; ++c) {
      unsigned char ch = static_cast<unsigned char>(*c);
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') {
        pending_space_ = !current_.empty() && current_.back() != '\n';
        continue;
      }
      if (pending_space_) {
        current_ += ' ';
        pending_space_ = false;
      }
      current_ += *c;
      ++chars_;
      if (in_link) ++link_chars_;
    }
  }

  void Flush() {
    while (!current_.empty() && (current_.back() == ' ' || current_.back() == '\n')) {
      current_.pop_back();
    }
    // A short paragraph that is mostly links is a menu or a list of links, not prose.
    bool link_list = chars_ > 0 && link_chars_ * 2 > chars_ && chars_ < 300;
    if (!current_.empty() && !link_list) paragraphs_.push_back(current_);
    current_.clear();
    chars_ = link_chars_ = 0;
    pending_space_ = false;
  }

  std::vector<std::string> paragraphs_;
  std::string current_;
  size_t chars_ = 0;
  size_t link_chars_ = 0;
  bool pending_space_ = false;
};

std::string Title(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return "";
  const GumboElement& e = node->v.element;
  if (e.tag == GUMBO_TAG_TITLE) {
    Collector c;
    for (unsigned i = 0; i < e.children.length; ++i) {
      c.Walk(static_cast<const GumboNode*>(e.children.data[i]), false, true);
    }
    return c.Text();
  }
  if (e.tag == GUMBO_TAG_BODY) return "";
  for (unsigned i = 0; i < e.children.length; ++i) {
    std::string t = Title(static_cast<const GumboNode*>(e.children.data[i]));
    if (!t.empty()) return t;
  }
  return "";
}

std::string TextOf(const GumboNode* node, bool in_main_content) {
  Collector c;
  if (node->type == GUMBO_NODE_ELEMENT) {
    const GumboElement& e = node->v.element;
    for (unsigned i = 0; i < e.children.length; ++i) {
      c.Walk(static_cast<const GumboNode*>(e.children.data[i]), false, in_main_content);
    }
  }
  return c.Text();
}

const GumboNode* Body(const GumboNode* root) {
  if (root->type != GUMBO_NODE_ELEMENT) return root;
  const GumboElement& html = root->v.element;
  for (unsigned i = 0; i < html.children.length; ++i) {
    auto* child = static_cast<const GumboNode*>(html.children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_BODY) return child;
  }
  return root;
}

}  // namespace

HtmlText ExtractMainText(std::string_view html) {
  HtmlText out;
  GumboOutput* parsed = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  if (parsed == nullptr) return out;
  out.title = Title(parsed->root);
  const GumboNode* body = Body(parsed->root);
  const GumboNode* main = nullptr;
  FindFirst(body, IsMainRoot, &main);
  if (main == nullptr) {
    FindFirst(
        body, [](const GumboElement& e) { return e.tag == GUMBO_TAG_ARTICLE; }, &main);
  }
  if (main != nullptr) {
    std::string text = TextOf(main, true);
    if (text.size() >= 200) out.text = std::move(text);
  }
  if (out.text.empty()) out.text = TextOf(body, false);
  gumbo_destroy_output(&kGumboDefaultOptions, parsed);
  return out;
}

}  // namespace fg
