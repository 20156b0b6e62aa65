#include "sources/query_builder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fg {
namespace {

using Strings = std::vector<std::string>;

TEST(QueryBuilderTest, ClassifiesTerms) {
  struct Case {
    std::string claim;
    Strings words, names, numbers;
    std::vector<Strings> phrases;
  };
  const std::vector<Case> cases = {
      {"Abraham Lincoln was assassinated by John Wilkes Booth.",
       {"Zassassin"},
       {"Zabraham", "Zlincoln", "Zjohn", "Zwilk", "Zbooth"},
       {},
       {{"abraham", "lincoln"}, {"john", "wilkes", "booth"}}},
      // A single capitalised word at the start of a sentence is an ordinary word.
      {"Paris is the capital of France.", {"Zpari", "Zcapit"}, {"Zfranc"}, {}, {}},
      // Leading stop words are not part of a name; the possessive is dropped from names.
      {"The Beatles recorded in London's Abbey Road.",
       {"Zrecord"},
       {"Zbeatl", "Zlondon", "Zabbey", "Zroad"},
       {},
       {{"london's", "abbey", "road"}}},
      // Acronyms, dotted or not, and numbers with separators.
      {"In 2020, the U.K. paid NASA 1,500,000 dollars.",
       {"Zpaid", "Zdollar"},
       {"Zuk", "Znasa"},
       {"2020", "1,500,000"},
       {}},
      // Hyphenated words split like the TermGenerator; digit-initial words are exact terms.
      {"covid-19 cases rose in the 19th century.",
       {"Zcovid", "Zcase", "Zrose", "Zcenturi"},
       {},
       {"19", "19th"},
       {}},
      // A word with accents adds its spelling without them; the phrase keeps the accents.
      {"Ricardo Larra\xC3\xADn filmed the caf\xC3\xA9.",
       {"Zfilm", "Zcaf\xC3\xA9", "Zcafe"},
       {"Zricardo", "Zlarra\xC3\xADn", "Zlarrain"},
       {},
       {{"ricardo", "larra\xC3\xADn"}}},
      {"the of and", {}, {}, {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.claim);
    ClaimTerms t = AnalyzeClaim(c.claim);
    EXPECT_EQ(t.words, c.words);
    EXPECT_EQ(t.names, c.names);
    EXPECT_EQ(t.numbers, c.numbers);
    EXPECT_EQ(t.phrases, c.phrases);
  }
}

TEST(QueryBuilderTest, BuildsWeightedOrWithPhrases) {
  struct Case {
    std::string claim;
    std::string description;
  };
  const std::vector<Case> cases = {
      {"Lincoln was born in 1809.", "Query((2 * 1809 OR Zlincoln OR Zborn))"},
      {"In 1809 Lincoln was born.", "Query((2 * Zlincoln OR 2 * 1809 OR Zborn))"},
      {"Whales are mammals.", "Query((Zwhale OR Zmammal))"},
      {"He met John Wilkes Booth.",
       "Query(((2 * Zjohn OR 2 * Zwilk OR 2 * Zbooth OR Zmet) OR "
       "(john PHRASE 3 wilkes PHRASE 3 booth)))"},
      {"the of and", "Query()"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.claim);
    EXPECT_EQ(BuildQuery(c.claim).get_description(), c.description);
  }
}

TEST(QueryBuilderTest, OptionsChangeWeightsAndOperators) {
  QueryOptions options;
  options.name_weight = 3;
  options.number_weight = 1;
  options.word_weight = 0.5;
  options.name_phrases = false;
  EXPECT_EQ(BuildQuery("He met John Booth in 1865.", options).get_description(),
            "Query((3 * Zjohn OR 3 * Zbooth OR 1865 OR 0.5 * Zmet))");

  options = QueryOptions();
  options.elite_set_size = 2;
  EXPECT_EQ(BuildQuery("whales sing long songs", options).get_description(),
            "Query((Zwhale ELITE_SET 2 Zsing ELITE_SET 2 Zlong ELITE_SET 2 Zsong))");

  options = QueryOptions();
  options.max_terms = 2;
  EXPECT_EQ(BuildQuery("whales sing long songs", options).get_description(),
            "Query((Zwhale OR Zsing))");
}

TEST(QueryBuilderTest, LeafFunctionMakesEveryTermsSubquery) {
  // A stand-in leaf that shows the term and its factor in the description.
  TermLeaf leaf = [](const std::string& term, double factor) {
    return Xapian::Query(std::to_string(static_cast<int>(factor * 10)) + ":" + term);
  };
  ClaimTerms terms = AnalyzeClaim("He met John Booth in 1865.");
  terms.synonyms.push_back("Zencount");
  // Each phrase: its words' leaves (AND), filtered by the phrase itself.
  EXPECT_EQ(BuildQuery(terms, QueryOptions(), leaf).get_description(),
            "Query(((20:Zjohn OR 20:Zbooth OR 20:1865 OR 10:Zmet) OR ((10:john AND 10:booth) "
            "FILTER (john PHRASE 2 booth)) OR 4:Zencount))");
  // kAllWords leaves the phrase filter out.
  EXPECT_EQ(BuildQuery(terms, QueryOptions(), leaf, PhraseMatch::kAllWords).get_description(),
            "Query(((20:Zjohn OR 20:Zbooth OR 20:1865 OR 10:Zmet) OR (10:john AND 10:booth) OR "
            "4:Zencount))");
  // No leaf function: the plain query.
  EXPECT_EQ(BuildQuery(terms, QueryOptions(), nullptr).get_description(),
            BuildQuery(terms).get_description());
}

TEST(QueryBuilderTest, DropsFrequentAndAbsentTerms) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator indexer;
  indexer.set_stemmer(Xapian::Stem("english"));
  for (int i = 0; i < 10; ++i) {
    Xapian::Document doc;
    indexer.set_document(doc);
    indexer.index_text(i == 0 ? "whales sing" : "whales swim");
    db.add_document(doc);
  }
  ClaimTerms terms = AnalyzeClaim("whales sing loudly");
  DropFrequentTerms(db, 0.5, &terms);
  EXPECT_EQ(terms.words, (Strings{"Zsing"}));  // whales: 10/10 passages; loudly: absent

  terms = AnalyzeClaim("whales swim");  // both frequent: the rarest stays
  DropFrequentTerms(db, 0.5, &terms);
  EXPECT_EQ(terms.words, (Strings{"Zswim"}));

  terms = AnalyzeClaim("whales swim loudly");
  DropFrequentTerms(db, 0, &terms);  // 0: only absent terms go
  EXPECT_EQ(terms.words, (Strings{"Zwhale", "Zswim"}));
}

}  // namespace
}  // namespace fg
