// Company mentions: longest alias match at each token, then names the event gives, then
// references ("the company", "it") carried to the last company named in the paragraph.
#include <algorithm>
#include <utility>

#include "entities_internal.hpp"

namespace herald::analysis {

namespace {

// Exact-case aliases ("BYD", "AWS") also match their possessive ("BYD's", "BYD’s"), which the
// tokenizer keeps whole.
bool same_or_possessive(std::string_view text, std::string_view word) {
    if (text.size() < word.size() || text.substr(0, word.size()) != word) return false;
    const std::string_view rest = text.substr(word.size());
    return rest.empty() || rest == "'s" || rest == "\xE2\x80\x99s";
}

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (detail::fold_char(a[i]) != detail::fold_char(b[i])) return false;
    return true;
}

bool is_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           static_cast<unsigned char>(c) >= 0x80;
}

// Splits an event-given name as the tokenizer splits text: numbers, words (with inner ' - .), single
// punctuation characters. Appends views into `name`.
void split_name(std::string_view name, std::vector<std::string_view>& out) {
    size_t i = 0;
    while (i < name.size()) {
        char c = name[i];
        if (c == ' ' || c == '\t') {
            ++i;
            continue;
        }
        size_t j = i + 1;
        if (auto digit = [&](size_t k) { return k < name.size() && name[k] >= '0' && name[k] <= '9'; }; digit(i)) {  // as the tokenizer splits: a number, then the word glued to it ("89bio")
            while (digit(j) || (j < name.size() && (name[j] == '.' || name[j] == ',') && digit(j + 1))) ++j;
        } else if (is_word_byte(c)) {
            while (j < name.size() &&
                   (is_word_byte(name[j]) || ((name[j] == '\'' || name[j] == '-') && j + 1 < name.size() &&
                                              is_word_byte(name[j + 1]))))
                ++j;
        }
        out.push_back(name.substr(i, j - i));
        i = j;
    }
}

// Legal forms that close a company name ("Tesla Inc", "JPMorgan Chase & Co.", "Glencore plc"):
// an event-given name matches the text with or without them.
bool is_legal_suffix(std::string_view w) {
    static constexpr std::string_view kSuffixes[] = {
        "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "ag", "sa", "se", "nv", "bv",
        "ltd", "limited", "llc", "lp", "oyj", "oy", "ab", "asa", "spa", "gmbh", "kgaa", "holdings", "&", ".", ","};
    for (auto s : kSuffixes)
        if (iequal(w, s)) return true;
    return false;
}

// The text token equals a name's word, or its possessive when it is the name's last word.
bool hint_word_matches(std::string_view text, std::string_view word, bool last) {
    if (iequal(text, word)) return true;
    if (!last || text.size() <= word.size() || !iequal(text.substr(0, word.size()), word)) return false;
    const std::string_view rest = text.substr(word.size());
    return rest == "'s" || rest == "\xE2\x80\x99s";
}

// Looks a keyed token up in the alias table (for the tokens that count).
struct AliasProbe {
    static constexpr bool kFiltered = false;
    const AliasTable::Impl& tab;
    std::string_view field;
    const Token& t;
    const WordKey& key;
    uint32_t operator()() const { return tab.words.find_token(field, t, key); }
};

}  // namespace

// The names' keys (Scratch::names, Scratch::prefixes). Names with the same words and the same
// needs_capital as an earlier one can never be the first match: they are left out.
void EntityFinder::Scratch::index_names() {
    Scratch& sc = *this;
    sc.names.clear();
    sc.prefixes.clear();
    for (uint32_t i = 0; i < sc.hints.size(); ++i) {
        const Scratch::Hint& h = sc.hints[i];
        uint64_t k = Scratch::kChainSeed;
        for (uint32_t w = h.words_begin; w < h.words_end; ++w) {
            if (w > h.words_begin) sc.prefixes.push_back(k);
            k = Scratch::chain_key(k, Scratch::fold_hash(sc.words[w]));
        }
        sc.names.push_back({k, i});
    }
    std::sort(sc.names.begin(), sc.names.end(),
              [](const Scratch::NameKey& a, const Scratch::NameKey& b) { return a.key != b.key ? a.key < b.key : a.hint < b.hint; });
    std::sort(sc.prefixes.begin(), sc.prefixes.end());
    sc.prefixes.erase(std::unique(sc.prefixes.begin(), sc.prefixes.end()), sc.prefixes.end());
    auto same_words = [&](const Scratch::Hint& a, const Scratch::Hint& b) {
        if (a.words_end - a.words_begin != b.words_end - b.words_begin || a.needs_capital != b.needs_capital) return false;
        for (uint32_t k = 0; k < a.words_end - a.words_begin; ++k)
            if (!iequal(sc.words[a.words_begin + k], sc.words[b.words_begin + k])) return false;
        return true;
    };
    size_t kept = 0;
    for (size_t i = 0, run = 0; i < sc.names.size(); ++i) {
        if (i == 0 || sc.names[i].key != sc.names[i - 1].key) run = kept;  // first kept entry of this key
        bool repeat = false;
        for (size_t j = run; j < kept && !repeat; ++j) repeat = same_words(sc.hints[sc.names[j].hint], sc.hints[sc.names[i].hint]);
        if (!repeat) sc.names[kept++] = sc.names[i];
    }
    sc.names.resize(kept);
}

void EntityFinder::read_hint_names(const Event& event) {
    const AliasTable::Impl& tab = aliases_->impl();
    Scratch& sc = *scratch_;
    for (unsigned char c : sc.hint_start_set) sc.hint_start[c] = 0;
    sc.hint_start_set.clear();
    sc.hints.clear();
    sc.words.clear();
    for (const EntityHint& h : event.entities) {
        if (sc.hints.size() >= Scratch::kMaxHints) break;
        if (h.name.empty()) continue;
        Scratch::Hint hint;
        hint.words_begin = static_cast<uint32_t>(sc.words.size());
        split_name(h.name, sc.words);
        // Legal forms at the end are optional in the text: keep at least one word.
        while (sc.words.size() > hint.words_begin + 1 && is_legal_suffix(sc.words.back())) sc.words.pop_back();
        hint.words_end = static_cast<uint32_t>(sc.words.size());
        if (hint.words_end - hint.words_begin > Scratch::kMaxHintWords) sc.words.resize(hint.words_begin);
        if (hint.words_begin >= sc.words.size()) continue;
        uint32_t known = h.ticker.empty() ? UINT32_MAX : tab.company_by_ticker(h.ticker);
        hint.company = known != UINT32_MAX ? tab.companies[known].name : h.name;
        hint.ticker = known != UINT32_MAX ? tab.companies[known].ticker : h.ticker;
        hint.needs_capital = h.name[0] >= 'A' && h.name[0] <= 'Z';
        hint.foreign_ticker = !h.ticker.empty() && known == UINT32_MAX;
        sc.hints.push_back(hint);
        const std::string_view first = sc.words[hint.words_begin];
        const auto c = static_cast<unsigned char>(detail::fold_char(first[0]));
        if (first.size() + 4 < 64) {
            if (sc.hint_start[c] == 0) sc.hint_start_set.push_back(c);
            sc.hint_start[c] |= uint64_t{1} << first.size();
            // A one-word name may stand in its possessive ("Glencore's", "Glencore’s").
            if (hint.words_end - hint.words_begin == 1) sc.hint_start[c] |= (uint64_t{1} << (first.size() + 2)) | (uint64_t{1} << (first.size() + 4));
        }
    }
    sc.index_names();
}

EntityFinder::EntityFinder(std::shared_ptr<const AliasTable> aliases)
    : aliases_(std::move(aliases)), scratch_(std::make_unique<Scratch>()) {}
EntityFinder::~EntityFinder() = default;

void EntityFinder::find(const Document& doc, std::vector<Mention>& out) {
    index(doc);
    match(doc, out);
}

void EntityFinder::index(const Document& doc) {
    const AliasTable::Impl& tab = aliases_->impl();
    Scratch& sc = *scratch_;
    const auto& toks = doc.tokens;
    sc.ids.resize(toks.size());
    sc.hits.resize(toks.size() + 1);
    std::string_view fields[4];
    for (Field f : kTextFields) fields[static_cast<int>(f)] = doc.event().field(f);
    const Token* tp = toks.data();
    const WordKey* keys = doc.keys.data();
    uint32_t* ids = sc.ids.data();
    uint32_t* hits = sc.hits.data();
    size_t nh = 0;
    uint32_t prev = detail::kNoWord;
    for (size_t i = 0, n = toks.size(); i < n; ++i) {
        const Token& t = tp[i];
        const std::string_view field = fields[static_cast<int>(t.field)];
        const uint32_t id = alias_token_id(tab, field, t, keys[i], prev, AliasProbe{tab, field, t, keys[i]});
        prev = ids[i] = id;
        hits[nh] = static_cast<uint32_t>(i);  // written always, kept only for a hit: no branch
        nh += id != detail::kNoWord;
    }
    hits[nh] = UINT32_MAX;
    read_cashtags(doc);
    read_hints(doc);
}

void EntityFinder::read_cashtags(const Document& doc) {
    const AliasTable::Impl& tab = aliases_->impl();
    Scratch& sc = *scratch_;
    sc.cashtags.clear();
    if (tab.cashtags.empty()) return;
    // memchr finds the rare "$" before a letter; the token pass pays nothing for cashtags (a
    // per-token test there cost 13 instructions a token). Tokens are in field order, then offset.
    const auto before = [](const Token& t, std::pair<Field, uint32_t> at) {
        return t.field != at.first ? t.field < at.first : t.begin < at.second;
    };
    for (Field f : kTextFields) {
        const std::string_view text = doc.event().field(f).substr(0, doc.extent(f));  // tokenized bytes
        for (size_t pos = text.find('$'); pos != std::string_view::npos; pos = text.find('$', pos + 1)) {
            if (pos + 1 >= text.size() || !((text[pos + 1] | 0x20) >= 'a' && (text[pos + 1] | 0x20) <= 'z')) continue;
            const auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(),
                                             std::pair<Field, uint32_t>{f, static_cast<uint32_t>(pos + 1)}, before);
            if (it == doc.tokens.end() || it->field != f || it->begin != pos + 1) continue;
            const uint32_t i = static_cast<uint32_t>(it - doc.tokens.begin());
            const uint32_t c = cashtag_company(tab, text, doc.tokens.data(), i);
            if (c != UINT32_MAX) sc.cashtags.push_back({i, c});
        }
    }
    if (sc.cashtags.empty()) return;
    // Merge them into the hits, both in token order. A cashtag's word may start a longer alias
    // ("$JD" and "JD Sports", "$CF" and "CF Industries"): that token is a hit once.
    size_t nh = 0;
    while (sc.hits[nh] != UINT32_MAX) ++nh;
    size_t dups = 0;
    for (const auto& c : sc.cashtags) dups += std::binary_search(sc.hits.data(), sc.hits.data() + nh, c.token);
    size_t a = nh, b = sc.cashtags.size(), out = nh + b - dups;
    sc.hits[out] = UINT32_MAX;
    while (b > 0) {
        if (a > 0 && sc.hits[a - 1] > sc.cashtags[b - 1].token) sc.hits[--out] = sc.hits[--a];
        else if (a > 0 && sc.hits[a - 1] == sc.cashtags[b - 1].token) --b;
        else sc.hits[--out] = sc.cashtags[--b].token;
    }
}

void EntityFinder::read_hints(const Document& doc) {
    read_hint_names(doc.event());
    if (scratch_->hints.empty()) return;
    // Hits are also the tokens that may start a name the event gives: match() visits only hits.
    Scratch& sc = *scratch_;
    std::string_view fields[4];
    for (Field f : kTextFields) fields[static_cast<int>(f)] = doc.event().field(f);
    size_t nh = 0;
    for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
        const Token& t = doc.tokens[i];
        sc.hits[nh] = i;
        // Branch-free: both tests are cheap and side-effect free, so both run and their bits are ORed.
        nh += static_cast<size_t>(sc.ids[i] != detail::kNoWord) |
              static_cast<size_t>(sc.may_start_hint(fields[static_cast<int>(t.field)], t));
    }
    sc.hits[nh] = UINT32_MAX;
    // Cashtags are hits too (rare: a second pass only when there are some).
    if (!sc.cashtags.empty()) {
        size_t cashtag = 0;
        nh = 0;
        for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
            const Token& t = doc.tokens[i];
            sc.hits[nh] = i;
            const bool tagged = cashtag < sc.cashtags.size() && sc.cashtags[cashtag].token == i;
            cashtag += tagged;
            nh += static_cast<size_t>(sc.ids[i] != detail::kNoWord) |
                  static_cast<size_t>(sc.may_start_hint(fields[static_cast<int>(t.field)], t)) | static_cast<size_t>(tagged);
        }
    }
    sc.hits[nh] = UINT32_MAX;
}

uint32_t EntityFinder::first_hint_at(const Document& doc, const Sentence& s, uint32_t t, uint32_t longer_than) const {
    const Scratch& sc = *scratch_;
    const auto& toks = doc.tokens;
    const bool capital = toks[t].capitalized;
    uint32_t best = UINT32_MAX;
    // Does hint i match the words at t .. t + len (the last one possibly possessive)?
    auto matches = [&](uint32_t i, uint32_t len) {
        const Scratch::Hint& h = sc.hints[i];
        if (h.words_end - h.words_begin != len || (h.needs_capital && !capital)) return false;
        for (uint32_t k = 0; k < len; ++k)
            if (!hint_word_matches(doc.text(toks[t + k]), sc.words[h.words_begin + k], k + 1 == len)) return false;
        return true;
    };
    auto lookup = [&](uint64_t key, uint32_t len) {
        auto it = std::lower_bound(sc.names.begin(), sc.names.end(), key,
                                   [](const Scratch::NameKey& n, uint64_t k) { return n.key < k; });
        for (; it != sc.names.end() && it->key == key && it->hint < best; ++it)
            if (matches(it->hint, len)) best = it->hint;
    };
    uint64_t key = Scratch::kChainSeed;
    const uint32_t limit = std::min<uint32_t>(s.last_token - t, Scratch::kMaxHintWords);
    for (uint32_t len = 1; len <= limit; ++len) {
        const std::string_view x = doc.text(toks[t + len - 1]);
        const uint64_t word = Scratch::fold_hash(x);
        if (len > longer_than) {
            lookup(Scratch::chain_key(key, word), len);
            // The last word may be possessive ("Glencore's", "Glencore’s").
            const size_t cut = x.size() > 2 && x.substr(x.size() - 2) == "'s"                 ? 2
                               : x.size() > 4 && x.substr(x.size() - 4) == "\xE2\x80\x99s" ? 4
                                                                                           : 0;
            if (cut) lookup(Scratch::chain_key(key, Scratch::fold_hash(x.substr(0, x.size() - cut))), len);
        }
        key = Scratch::chain_key(key, word);
        if (!std::binary_search(sc.prefixes.begin(), sc.prefixes.end(), key)) break;
    }
    return best;
}

namespace {

void push_mention(std::vector<Mention>& out, const Document& doc, const Sentence& s, uint32_t si, uint32_t t, uint32_t len,
                  std::string_view entity, std::string_view company, std::string_view ticker, bool segment, bool reference) {
    Mention m;
    m.entity = entity;
    m.company = company;
    m.ticker = ticker;
    m.span = Span{s.field, doc.tokens[t].begin, doc.tokens[t + len - 1].end};
    m.sentence = si;
    m.token = t;
    m.is_segment = segment;
    m.is_reference = reference;
    out.push_back(m);
}

// Whether a clause of sentence `s` starts in tokens [from, to): a comma, semicolon, colon, bracket
// or spaced dash, or "and", "but", "while", "whereas". A reference looks back at most 48 tokens (a
// reference costs no more in a hostile sentence); one farther from the name is in another clause.
bool clause_between(const Document& doc, uint32_t from, uint32_t to) {
    if (to > from + 48) return true;
    for (uint32_t t = from; t < to; ++t) {
        const Token& k = doc.tokens[t];
        const std::string_view w = doc.text(k);
        if (k.kind == TokenKind::punct) {
            if (w == "," || w == ";" || w == ":" || w == "(" || w == ")" || (w == "-" && k.space_before) ||
                w == "\xE2\x80\x93" || w == "\xE2\x80\x94")
                return true;
        } else if (k.kind == TokenKind::word && w.size() >= 3 && w.size() <= 7) {
            for (std::string_view c : {"and", "but", "while", "whereas"})
                if (w.size() == c.size() && std::equal(w.begin(), w.end(), c.begin(), [](char a, char b) {
                        return (a | 0x20) == b;
                    }))
                    return true;
        }
    }
    return false;
}

// Whether the company named at token t is its sentence's subject: named first ("Volvo bought
// ..."), after "The" or after "Shares of / in"; not one named inside a phrase ("Sales of the
// glasses made with Meta tripled, partner EssilorLuxottica said, lifting its revenue").
bool subject_at(const Document& doc, const Sentence& s, uint32_t t) {
    const auto is = [&](uint32_t k, std::string_view w) {
        const std::string_view x = doc.text(doc.tokens[k]);
        return x.size() == w.size() &&
               std::equal(x.begin(), x.end(), w.begin(), [](char a, char b) { return (a | 0x20) == b; });
    };
    if (t == s.first_token) return true;
    if (t == s.first_token + 1) return is(s.first_token, "the");
    return t == s.first_token + 2 && is(s.first_token, "shares") &&
           (is(s.first_token + 1, "of") || is(s.first_token + 1, "in"));
}

// The token after the last one of mention m.
uint32_t end_of(const Document& doc, const Mention& m) {
    uint32_t t = m.token + 1;
    while (t < doc.tokens.size() && doc.tokens[t].field == m.span.field && doc.tokens[t].end <= m.span.end) ++t;
    return t;
}

// The lists of `starts` to visit at token t: those of one word when the next token has no alias id.
std::pair<const uint32_t*, const uint32_t*> starts_at(const AliasTable::Impl& tab, const AliasTable::Impl::Starts& st,
                                                      const uint32_t* ids, uint32_t t, uint32_t last_token) {
    const bool one = t + 1 >= last_token || ids[t + 1] == detail::kNoWord;
    const uint32_t* base = tab.start_lists.data();
    return one ? std::pair{base + st.one_begin, base + st.one_end} : std::pair{base + st.all_begin, base + st.all_end};
}

}  // namespace

uint32_t EntityFinder::alias_at(const Document& doc, uint32_t si, uint32_t t, std::vector<Mention>& out) const {
    const AliasTable::Impl& tab = aliases_->impl();
    const uint32_t* ids = scratch_->ids.data();
    const uint32_t id = ids[t];
    if (id >= tab.entry_starts.size()) return 0;  // kNoWord too
    const Sentence& s = doc.sentences[si];
    const Token& tok = doc.tokens[t];
    const auto [begin, end] = starts_at(tab, tab.entry_starts[id], ids, t, s.last_token);
    for (const uint32_t* e = begin; e != end; ++e) {
        const AliasEntry& en = tab.entries[*e];
        if (t + en.length > s.last_token) continue;
        if (en.exact_case ? !same_or_possessive(doc.text(tok), en.first) : (en.needs_capital && !tok.capitalized)) continue;
        if (!detail::same_ids(tab.entry_words.data() + en.words_begin, ids + t, en.length)) continue;
        if ((en.guarded || en.digit_lead || en.currency_code) && !alias_context_ok(doc, s, t, en.length, en)) continue;
        const AliasCompany& c = tab.companies[en.company];
        push_mention(out, doc, s, si, t, en.length, en.entity, c.name, c.ticker, en.segment, false);
        return en.length;
    }
    return 0;
}

uint32_t EntityFinder::hint_at(const Document& doc, uint32_t si, uint32_t t, uint32_t matched, std::vector<Mention>& out) const {
    const Scratch& sc = *scratch_;
    if (sc.hints.empty()) return matched;
    const Sentence& s = doc.sentences[si];
    const uint32_t h = first_hint_at(doc, s, t, matched);
    if (h == UINT32_MAX) return matched;
    const Scratch::Hint& hint = sc.hints[h];
    if (matched) out.pop_back();
    const uint32_t len = hint.words_end - hint.words_begin;
    push_mention(out, doc, s, si, t, len, hint.company, hint.company, hint.ticker, false, false);
    return len;
}

uint32_t EntityFinder::cashtag_at(const Document& doc, uint32_t si, uint32_t t, size_t& next, std::vector<Mention>& out) const {
    const Scratch& sc = *scratch_;
    while (next < sc.cashtags.size() && sc.cashtags[next].token < t) ++next;
    if (next == sc.cashtags.size() || sc.cashtags[next].token != t) return 0;
    const AliasCompany& c = aliases_->impl().companies[sc.cashtags[next].company];
    push_mention(out, doc, doc.sentences[si], si, t, 1, c.name, c.name, c.ticker, false, false);
    return 1;
}

uint32_t EntityFinder::reference_at(const Document& doc, uint32_t si, uint32_t t, size_t named,
                                    std::vector<Mention>& out) const {
    const AliasTable::Impl& tab = aliases_->impl();
    const uint32_t* ids = scratch_->ids.data();
    const uint32_t id = ids[t];
    if (id >= tab.reference_starts.size()) return 0;
    const Sentence& s = doc.sentences[si];
    const auto [begin, end] = starts_at(tab, tab.reference_starts[id], ids, t, s.last_token);
    for (const uint32_t* r = begin; r != end; ++r) {
        const auto& ref = tab.references[*r];  // its first word is this token's
        const uint32_t len = static_cast<uint32_t>(ref.size());
        if (t + len > s.last_token || !detail::same_ids(ref.data() + 1, ids + t + 1, len - 1)) continue;
        const Mention& l = out[named];  // its views are copied before out grows
        // A reference in a later sentence than a product or unit named last is the company's
        // ("... while Paxlovid brought in $1.1 billion. The drugmaker kept its full-year revenue
        // forecast": Pfizer's); in the product's own sentence it may be the product's.
        if (l.is_segment && l.sentence != si && !l.company.empty())
            push_mention(out, doc, s, si, t, len, l.company, l.company, l.ticker, false, true);
        else
            push_mention(out, doc, s, si, t, len, l.entity, l.company, l.ticker, l.is_segment, true);
        return len;
    }
    return 0;
}

void EntityFinder::match(const Document& doc, std::vector<Mention>& out) {
    const Scratch& sc = *scratch_;
    const uint32_t* next_hit = sc.hits.data();  // first hit at or after the scan position
    bool named = false;     // a company was named in the current paragraph: out[last_named]
    size_t last_named = 0;
    // The subject a reference in a clause naming no company refers to: the company the sentence
    // starts with, else the one the paragraph's last sentence naming a company started with
    // ("Microsoft outsold Sony, and its shares rose": Microsoft's; "Volvo bought trucks from
    // Siemens. It said ...": Volvo's); with neither, the company named last, as in its clause.
    constexpr size_t kNone = SIZE_MAX;
    size_t subject = kNone, prev_subject = kNone;
    uint32_t paragraph = UINT32_MAX;
    size_t cashtag = 0;     // first cashtag not yet passed
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        if (named && out[last_named].sentence + 1 == si) prev_subject = subject;  // the sentence before named one
        subject = kNone;
        if (s.paragraph != paragraph) {
            paragraph = s.paragraph;
            named = false;
            prev_subject = kNone;
        }
        uint32_t t = s.first_token;
        while (t < s.last_token) {
            // Most tokens are in no table and start no name the event gives: nothing can start
            // at them. Jump to the next token that has an id or may start a name.
            while (*next_hit < t) ++next_hit;
            if (*next_hit != t) {
                t = std::min(*next_hit, s.last_token);
                continue;
            }
            uint32_t matched = hint_at(doc, si, t, alias_at(doc, si, t, out), out);
            if (!matched) matched = cashtag_at(doc, si, t, cashtag, out);
            if (matched) {
                if (subject == kNone && subject_at(doc, s, t)) subject = out.size() - 1;
                last_named = out.size() - 1;
                named = true;
                t += matched;
                continue;
            }
            matched = named ? reference_at(doc, si, t, last_named, out) : 0;
            // A reference in the clause of the last company named is that company's ("Apple said
            // it would"); in another clause it is the subject's.
            if (matched && (out[last_named].sentence != si || clause_between(doc, end_of(doc, out[last_named]), t))) {
                const bool here = out[last_named].sentence == si;  // this sentence names a company
                const size_t to = subject != kNone ? subject : !here && prev_subject != kNone ? prev_subject : last_named;
                Mention& r = out.back();
                r.entity = out[to].entity;
                r.company = out[to].company;
                r.ticker = out[to].ticker;
                r.is_segment = out[to].is_segment;
                if (r.is_segment && out[to].sentence != si && !r.company.empty()) r.entity = r.company, r.is_segment = false;
            }
            t += matched ? matched : 1;
        }
    }
    adopt_hint_tickers(doc, out);
}

}  // namespace herald::analysis
