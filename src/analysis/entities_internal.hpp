#pragma once
// EntityFinder's per-document buffers, shared with EntitySentiment, which fills the alias ids
// in its joint pass over the tokens before EntityFinder::match reads them.
#include <cstdint>
#include <string_view>
#include <vector>

#include "aliases_impl.hpp"

namespace herald::analysis {

struct EntityFinder::Scratch {
    std::vector<uint32_t> ids;   // word id of each token in the alias table
    std::vector<uint32_t> hits;  // tokens with an id, in order, then a sentinel past the end
    struct Hint {
        uint32_t words_begin = 0, words_end = 0;  // into words
        std::string_view company, ticker;
        bool needs_capital = false;
        bool foreign_ticker = false;  // a ticker the table does not know ("ADDYY" for Adidas)
    };
    // An event's names are looked for at every token that may start one, through their keys
    // (names, prefixes below): the first kMaxHints names of up to kMaxHintWords words are
    // indexed (the rest are not looked for).
    static constexpr size_t kMaxHints = 128;
    static constexpr size_t kMaxHintWords = 16;
    static uint64_t fold_hash(std::string_view w) {
        uint64_t h = 0xcbf29ce484222325ull;
        for (char c : w) h = (h ^ static_cast<unsigned char>(detail::fold_char(c))) * 0x100000001b3ull;
        return h;
    }
    std::vector<Hint> hints;
    // The names indexed by their words, so a token that starts many names ("Acme Holdings 1",
    // "Acme Holdings 2" ...) costs a few lookups instead of a compare with each of them: a name's
    // key chains its words' hashes (chain_key); `names` holds (key of the whole name, hint) sorted,
    // without repeats of the same words and needs_capital, and `prefixes` the keys of every
    // name's first 1 .. n-1 words, so a walk along the text stops at the first word no name
    // continues with.
    struct NameKey {
        uint64_t key;
        uint32_t hint;
    };
    std::vector<NameKey> names;
    std::vector<uint64_t> prefixes;
    static uint64_t chain_key(uint64_t prev, uint64_t word_hash) {
        uint64_t k = (prev ^ word_hash) * 0x9E3779B97F4A7C15ull;
        return k ^ (k >> 29);
    }
    static constexpr uint64_t kChainSeed = 0x243F6A8885A308D3ull;
    void index_names();  // names and prefixes from hints and words
    // Cashtags of tickers that are no alias alone ("$NOW"): token and company, in token order.
    struct Cashtag {
        uint32_t token, company;
    };
    std::vector<Cashtag> cashtags;
    std::vector<std::string_view> words;
    // (folded first byte, length) of the first word of every hint, as AliasTable::Impl's
    // lower_start: a token that fails cannot start a hint, and match() skips it.
    uint64_t hint_start[256] = {};
    std::vector<unsigned char> hint_start_set;  // entries to clear for the next document

    bool may_start_hint(std::string_view field, const Token& t) const {
        const size_t len = t.end - t.begin;
        return len < 64 && ((hint_start[static_cast<unsigned char>(detail::fold_char(field[t.begin]))] >> len) & 1);
    }
};

// The tokenizer keeps possessives whole ("Amazon's", "Amazon’s"): the alias-table id of the name
// without them, for a capitalised word token `t` that has no id of its own (kNoWord: none).
[[gnu::always_inline]] inline uint32_t possessive_alias(const AliasTable::Impl& tab, std::string_view field,
                                                        const Token& t) {
    // One test of both (a mask, not a branch on the capital, which is data-dependent).
    if (!(t.capitalized & (field[t.end - 1] == 's'))) [[likely]]
        return detail::kNoWord;
    const std::string_view w = field.substr(t.begin, t.end - t.begin);
    const size_t cut = w.size() > 2 && w.substr(w.size() - 2) == "'s"                 ? 2
                       : w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s" ? 4
                                                                                   : 0;
    return cut ? tab.words.find(w.substr(0, w.size() - cut)) : detail::kNoWord;
}

// The alias-table id of token `t`, `prev` being that of the token before it. Only tokens that
// can start or continue an alias count: capitalised words, words that may start one in
// lowercase, and anything right after a token of the table. `keyed()` gives the id of a word
// token the tokenizer gave a key: EntityFinder probes the alias table for the tokens that count;
// EntitySentiment returns what its joint lookup found, already filtered by the same rule.
// Keyless words go through the text.
template <class KeyedLookup>
[[gnu::always_inline]] inline uint32_t alias_token_id(const AliasTable::Impl& tab, std::string_view field, const Token& t,
                                                      const WordKey& key, uint32_t prev, KeyedLookup keyed) {
    uint32_t id = detail::kNoWord;
    if (t.kind == TokenKind::word) {
        const uint32_t len = t.end - t.begin;
        if (key.a != 0 && keyed.kFiltered) {
            id = keyed();
        } else {
            // The key's low byte is the folded first letter: no trip to the text for most words.
            const unsigned char first = key.a != 0 ? static_cast<unsigned char>(key.a)
                                                   : static_cast<unsigned char>(detail::fold_char(field[t.begin]));
            if (t.capitalized || prev != detail::kNoWord || tab.may_start_lower(first, len))
                id = key.a != 0 ? keyed() : tab.words.find(field.substr(t.begin, len));
        }
        if (id == detail::kNoWord) id = possessive_alias(tab, field, t);
    } else if (t.kind != TokenKind::number ? prev != detail::kNoWord : tab.digit_names) {
        // A number starts a name only written against its next word ("3M"): others cost nothing.
        if (t.kind != TokenKind::number ||
            (t.end < field.size() && field[t.end] >= 'A' && field[t.end] <= 'Z' &&
             tab.may_be_word(field.substr(t.begin, t.end - t.begin))))
            id = tab.words.find_in(field, t.begin, t.end);
    }
    return id;
}

// "$NOW", "$GE": the company of word token i when it is written against a "$" and is one of the
// tickers that are no alias alone, else UINT32_MAX.
inline uint32_t cashtag_company(const AliasTable::Impl& tab, std::string_view field, const Token* toks, size_t i) {
    if (i == 0 || tab.cashtags.empty()) return UINT32_MAX;
    const Token& p = toks[i - 1];
    if (p.kind != TokenKind::symbol || p.end != toks[i].begin || p.field != toks[i].field || field[p.begin] != '$')
        return UINT32_MAX;
    return tab.cashtag_company(field.substr(toks[i].begin, toks[i].end - toks[i].begin));
}

}  // namespace herald::analysis
