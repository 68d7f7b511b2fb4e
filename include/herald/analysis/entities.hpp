#pragma once
// Company detection: the built-in alias table (companies, segments, products) plus names an
// event gives in `entities`, found as whole-word matches over the Document's tokens.
//
//   herald::analysis::AliasTable aliases = herald::analysis::AliasTable::builtin();
//   herald::analysis::EntityFinder finder(aliases);
//   std::vector<Mention> mentions;
//   finder.find(doc, mentions);       // "AWS" -> {entity "AWS", company "Amazon", ticker "AMZN"}
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"

namespace herald::analysis {

class EntitySentiment;

struct Mention {
    std::string_view entity;   // what metrics report: the segment/product ("AWS", "Trainium") or the company
    std::string_view company;  // canonical company name ("Amazon")
    std::string_view ticker;   // "AMZN"; empty for event-named entities without one
    Span span;
    uint32_t sentence = 0;     // index into Document::sentences
    uint32_t token = 0;        // first token of the match
    bool is_segment = false;   // entity names a segment or product, not the company itself
    bool is_reference = false; // "the company", "it": carried to the last named company
};

// Immutable after load; shared by all workers.
class AliasTable {
public:
    static std::shared_ptr<const AliasTable> builtin();
    // Built-in table extended (or overridden) by a file in the same format; throws
    // std::runtime_error with "FILE:LINE: message" on a bad file (start-up only).
    static std::shared_ptr<const AliasTable> load(const std::string& extension_file);
    size_t company_count() const;
    // Is the ticker one of the table's companies? (A binary search over them.)
    bool knows_ticker(std::string_view ticker) const;
    struct Impl;
    const Impl& impl() const { return *impl_; }
    explicit AliasTable(std::unique_ptr<Impl> impl);
    ~AliasTable();

private:
    std::unique_ptr<Impl> impl_;
    std::vector<std::string_view> tickers_;  // sorted, into impl_'s strings
};

class EntityFinder {
public:
    explicit EntityFinder(std::shared_ptr<const AliasTable> aliases);
    ~EntityFinder();
    // Appends the mentions in document order. No allocation once buffers have grown.
    void find(const Document& doc, std::vector<Mention>& out);

private:
    friend class EntitySentiment;  // fills the alias ids itself, then calls match()
    void index(const Document& doc);  // alias id of every token, then read_hints()
    // After the token pass: the names the event gives (`entities`), resolved to a known company
    // by ticker when possible, and the tokens that may start one added to the hits.
    void read_hints(const Document& doc);
    // After the token pass: the cashtags of tickers that are no alias alone ("$NOW"), added to
    // the hits.
    void read_cashtags(const Document& doc);
    void read_hint_names(const Event& event);
    void match(const Document& doc, std::vector<Mention>& out);  // mentions from those ids
    // After match(): a name the event gives with a ticker the table does not know ("Adidas",
    // "ADDYY") that the table knows under another ("ADS.DE") gives that company the event's
    // ticker in this document: the feed's tickers are the ones its rules and golds use.
    void adopt_hint_tickers(const Document& doc, std::vector<Mention>& out) const;
    // The first name the event gives (index into the hints) that is written at token t of
    // sentence s and has more than `longer_than` words, or UINT32_MAX.
    uint32_t first_hint_at(const Document& doc, const Sentence& s, uint32_t t, uint32_t longer_than) const;
    // The steps of match() at token t of sentence si; each appends its mention and returns the
    // tokens it covers, 0 for none. alias_at: the table's alias there, longest first. hint_at:
    // a name the event gives, when longer than the alias matched (`matched` tokens, its mention
    // last in out): "BHP Billiton" over "BHP". cashtag_at: "$NOW" (`next`: first cashtag not yet
    // passed). reference_at: "the company", "it", for the company of out[named].
    uint32_t alias_at(const Document& doc, uint32_t si, uint32_t t, std::vector<Mention>& out) const;
    uint32_t hint_at(const Document& doc, uint32_t si, uint32_t t, uint32_t matched, std::vector<Mention>& out) const;
    uint32_t cashtag_at(const Document& doc, uint32_t si, uint32_t t, size_t& next, std::vector<Mention>& out) const;
    uint32_t reference_at(const Document& doc, uint32_t si, uint32_t t, size_t named, std::vector<Mention>& out) const;
    std::shared_ptr<const AliasTable> aliases_;
    struct Scratch;
    std::unique_ptr<Scratch> scratch_;
};

}  // namespace herald::analysis
