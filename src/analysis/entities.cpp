// Company mentions: longest alias match at each token, then names the event gives, then
// references ("the company", "it") carried to the last company named in the paragraph.
#include <algorithm>

#include "aliases_impl.hpp"

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

// Splits an event-given name the way the tokenizer splits text: words (with inner ' - .) and
// single punctuation characters. Appends views into `name`.
void split_name(std::string_view name, std::vector<std::string_view>& out) {
    size_t i = 0;
    while (i < name.size()) {
        char c = name[i];
        if (c == ' ' || c == '\t') {
            ++i;
            continue;
        }
        size_t j = i + 1;
        if (is_word_byte(c)) {
            while (j < name.size() &&
                   (is_word_byte(name[j]) || ((name[j] == '\'' || name[j] == '-') && j + 1 < name.size() &&
                                              is_word_byte(name[j + 1]))))
                ++j;
        }
        out.push_back(name.substr(i, j - i));
        i = j;
    }
}

}  // namespace

struct EntityFinder::Scratch {
    std::vector<uint32_t> ids;   // word id of each token in the alias table
    std::vector<uint32_t> hits;  // tokens with an id, in order, then a sentinel past the end
    struct Hint {
        uint32_t words_begin = 0, words_end = 0;  // into words
        std::string_view company, ticker;
        bool needs_capital = false;
    };
    std::vector<Hint> hints;
    std::vector<std::string_view> words;
};

EntityFinder::EntityFinder(std::shared_ptr<const AliasTable> aliases)
    : aliases_(std::move(aliases)), scratch_(std::make_unique<Scratch>()) {}
EntityFinder::~EntityFinder() = default;

void EntityFinder::find(const Document& doc, std::vector<Mention>& out) {
    const AliasTable::Impl& tab = aliases_->impl();
    Scratch& sc = *scratch_;
    const auto& toks = doc.tokens;
    sc.ids.resize(toks.size());
    sc.hits.resize(toks.size() + 1);
    std::string_view fields[4];
    for (Field f : kTextFields) fields[static_cast<int>(f)] = doc.event().field(f);
    // Only tokens that can start or continue an alias are looked up: capitalised words, words
    // that may start one in lowercase, and anything right after a token of the table.
    const Token* tp = toks.data();
    const WordKey* keys = doc.keys.data();
    uint32_t* ids = sc.ids.data();
    uint32_t* hits = sc.hits.data();
    size_t nh = 0;
    uint32_t prev = detail::kNoWord;
    for (size_t i = 0, n = toks.size(); i < n; ++i) {
        const Token& t = tp[i];
        uint32_t id = detail::kNoWord;
        if (t.kind == TokenKind::word) {
            const std::string_view field = fields[static_cast<int>(t.field)];
            // The key's low byte is the folded first letter: no trip to the text for most words.
            const WordKey& key = keys[i];
            const unsigned char first = key.a != 0 ? static_cast<unsigned char>(key.a)
                                                   : static_cast<unsigned char>(detail::fold_char(field[t.begin]));
            if (t.capitalized || prev != detail::kNoWord || tab.may_start_lower(first, t.end - t.begin))
                id = tab.words.find_token(field, t, key);
            // The tokenizer keeps possessives whole ("Amazon's", "Amazon’s"): try the name without them.
            if (id == detail::kNoWord && t.capitalized) {
                std::string_view w = field.substr(t.begin, t.end - t.begin);
                size_t cut = w.size() > 2 && w.substr(w.size() - 2) == "'s" ? 2
                             : w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s" ? 4
                                                                             : 0;
                if (cut) id = tab.words.find(w.substr(0, w.size() - cut));
            }
        } else if (t.kind != TokenKind::number && prev != detail::kNoWord) {
            id = tab.words.find_in(fields[static_cast<int>(t.field)], t.begin, t.end);
        }
        prev = ids[i] = id;
        hits[nh] = static_cast<uint32_t>(i);  // written always, kept only for a hit: no branch
        nh += id != detail::kNoWord;
    }
    hits[nh] = UINT32_MAX;

    // Names the event gives: resolved to a known company by ticker when possible.
    sc.hints.clear();
    sc.words.clear();
    for (const EntityHint& h : doc.event().entities) {
        if (h.name.empty()) continue;
        Scratch::Hint hint;
        hint.words_begin = static_cast<uint32_t>(sc.words.size());
        split_name(h.name, sc.words);
        hint.words_end = static_cast<uint32_t>(sc.words.size());
        if (hint.words_begin == hint.words_end) continue;
        uint32_t known = h.ticker.empty() ? UINT32_MAX : tab.company_by_ticker(h.ticker);
        hint.company = known != UINT32_MAX ? tab.companies[known].name : h.name;
        hint.ticker = known != UINT32_MAX ? tab.companies[known].ticker : h.ticker;
        hint.needs_capital = h.name[0] >= 'A' && h.name[0] <= 'Z';
        sc.hints.push_back(hint);
    }

    auto emit = [&](const Sentence& s, uint32_t si, uint32_t t, uint32_t len, std::string_view entity,
                    std::string_view company, std::string_view ticker, bool segment, bool reference) {
        Mention m;
        m.entity = entity;
        m.company = company;
        m.ticker = ticker;
        m.span = Span{s.field, toks[t].begin, toks[t + len - 1].end};
        m.sentence = si;
        m.token = t;
        m.is_segment = segment;
        m.is_reference = reference;
        out.push_back(m);
    };

    const Mention* last = nullptr;  // last named company in the current paragraph
    size_t last_index = 0;
    uint32_t paragraph = UINT32_MAX;
    const uint32_t* next_hit = hits;  // first token with an id at or after the scan position
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        if (s.paragraph != paragraph) {
            paragraph = s.paragraph;
            last = nullptr;
        }
        uint32_t t = s.first_token;
        const bool any_hint = !sc.hints.empty();
        while (t < s.last_token) {
            uint32_t matched = 0;
            const uint32_t id = sc.ids[t];
            // Most tokens are in no table: without names from the event, nothing can start at them.
            if (id == detail::kNoWord && !any_hint) {
                while (*next_hit < t) ++next_hit;  // jump to the next token with an id
                t = std::min(*next_hit, s.last_token);
                continue;
            }
            const Token& tok = toks[t];
            if (id != detail::kNoWord && id < tab.starting.size()) {
                for (uint32_t e : tab.starting[id]) {
                    const AliasEntry& en = tab.entries[e];
                    if (t + en.length > s.last_token) continue;
                    if (en.exact_case ? !same_or_possessive(doc.text(tok), en.first) : (en.needs_capital && !tok.capitalized))
                        continue;
                    if (!detail::same_ids(tab.entry_words.data() + en.words_begin, sc.ids.data() + t, en.length)) continue;
                    const AliasCompany& c = tab.companies[en.company];
                    emit(s, si, t, en.length, en.entity, c.name, c.ticker, en.segment, false);
                    matched = en.length;
                    break;
                }
            }
            if (!matched) {
                for (const Scratch::Hint& h : sc.hints) {
                    uint32_t len = h.words_end - h.words_begin;
                    if (t + len > s.last_token || (h.needs_capital && !tok.capitalized)) continue;
                    bool eq = true;
                    for (uint32_t k = 0; k < len && eq; ++k) eq = iequal(doc.text(toks[t + k]), sc.words[h.words_begin + k]);
                    if (!eq) continue;
                    emit(s, si, t, len, h.company, h.company, h.ticker, false, false);
                    matched = len;
                    break;
                }
            }
            if (matched) {
                last_index = out.size() - 1;
                last = &out[last_index];
                t += matched;
                continue;
            }
            if (last && id != detail::kNoWord && tab.starts_reference[id]) {
                for (const auto& ref : tab.references) {
                    if (t + ref.size() > s.last_token || !detail::same_ids(ref.data(), sc.ids.data() + t, ref.size()))
                        continue;
                    const Mention& l = out[last_index];  // out may have grown: re-read by index
                    emit(s, si, t, static_cast<uint32_t>(ref.size()), l.entity, l.company, l.ticker, l.is_segment, true);
                    last = &out[last_index];
                    matched = static_cast<uint32_t>(ref.size());
                    break;
                }
            }
            t += matched ? matched : 1;
        }
    }
}

}  // namespace herald::analysis
