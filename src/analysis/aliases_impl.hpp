#pragma once
// In-memory form of the company alias table (data/aliases/companies.tsv): every alias is a
// sequence of word ids keyed by its first word; references ("the company") likewise.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/entities.hpp"
#include "lexicon_vocab.hpp"

namespace herald::analysis {

struct AliasCompany {
    std::string_view name;    // canonical: "Amazon"
    std::string_view ticker;  // "AMZN"
};

struct AliasEntry {
    uint32_t words_begin = 0;  // into AliasTable::Impl::entry_words
    uint8_t length = 0;
    uint32_t company = 0;       // into companies
    std::string_view entity;    // the alias as written in the table ("AWS")
    std::string_view first;     // its first token as written, for case checks
    bool segment = false;       // a segment or product, not the company name
    bool exact_case = false;    // short all-caps alias ("GE", "AWS"): the text must match exactly
    bool needs_capital = false; // "Apple" matches "Apple", not "apple"
    // Names that ordinary text also spells (alias_context.cpp): a common word written "?Target" in
    // the table, and a name that starts with a digit ("3M", also a quantity). They match only as
    // written and where the words around them do not make them a word or a figure.
    bool guarded = false;
    bool digit_lead = false;
    // A ticker that is also an ISO currency code ("NOK" is Nokia and the Norwegian krone): beside a
    // number it is the currency ("NOK 2 billion", "250 NOK"), never the company.
    bool currency_code = false;
    std::string_view written;   // the alias as written, for the exact-case check of digit_lead
};

// Whether the alias entry matched at tokens [t, t + len) of sentence s names its company there
// (alias_context.cpp). Only for guarded, digit-leading and currency-code entries.
bool alias_context_ok(const Document& doc, const Sentence& s, uint32_t t, uint32_t len, const AliasEntry& en);

struct AliasTable::Impl {
    detail::WordTable words;
    std::vector<uint32_t> entry_words;
    std::vector<AliasEntry> entries;
    std::vector<std::vector<uint32_t>> starting;  // by word id: entries starting with it, longest first
    std::vector<AliasCompany> companies;
    std::vector<std::vector<uint32_t>> references;  // word ids of "the company", "it" ...
    std::vector<std::vector<uint32_t>> reference_starting;  // by word id: references starting with it, in order
    // The matcher's flat copy of `starting` and `reference_starting`, per word id: all the lists'
    // indices [all_begin, all_end) in their order, and those of one word [one_begin, one_end).
    // A token whose next token has no alias id can start only an alias or reference of one word
    // (the others fail on their second word): only those are visited.
    struct Starts {
        uint32_t all_begin = 0, all_end = 0, one_begin = 0, one_end = 0;
    };
    std::vector<Starts> entry_starts, reference_starts;
    std::vector<uint32_t> start_lists;  // entry or reference indices, by Starts
    void index_starts();
    // (first byte, length) of every word that can start a match in lowercase ("it", "iPhone",
    // "eBay"): other lowercase words need no lookup unless they continue a match.
    uint64_t lower_start[256] = {};
    bool digit_names = false;  // some alias starts with a digit: number tokens are looked up
    // (first byte, length) of every word of the table, for number tokens: "5" of "$5B" is looked
    // up (it is written against a capital, as "3M") only when some word starts with "5" and has its
    // length. Non-ASCII and long tokens are always looked up (folding may change their length).
    uint64_t word_start[256] = {};
    bool may_be_word(std::string_view token) const {
        const auto first = static_cast<unsigned char>(detail::fold_char(token[0]));
        return first >= 0x80 || token.size() >= 64 || ((word_start[first] >> token.size()) & 1);
    }
    bool may_start_lower(unsigned char folded_first, size_t size) const {
        return size < 64 && ((lower_start[folded_first] >> size) & 1);
    }
    // Tickers that are no alias alone (short or spelling a word: "GE", "NOW"), with their company:
    // they name it only as a cashtag ("$NOW"), a word written against a "$".
    struct Cashtag {
        std::string_view ticker;
        uint32_t company;
    };
    std::vector<Cashtag> cashtags;
    // The company of cashtag text `w` ("NOW" after "$"), or UINT32_MAX.
    uint32_t cashtag_company(std::string_view w) const {
        for (const Cashtag& c : cashtags)
            if (c.ticker == w) return c.company;
        return UINT32_MAX;
    }
    std::deque<std::string> strings;                // owns every string_view above

    // Parses alias-table text ("FILE" names it in errors); throws std::runtime_error "FILE:LINE: message".
    void parse(std::string_view text, std::string_view file);
    // Index of the company with this ticker, or UINT32_MAX.
    uint32_t company_by_ticker(std::string_view ticker) const;
    std::string_view keep(std::string_view s) { return strings.emplace_back(s); }
};

}  // namespace herald::analysis
