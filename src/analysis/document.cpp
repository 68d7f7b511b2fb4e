// Tokenizer and sentence splitter shared by every analysis component.
// One pass over each field's bytes; vectors are reused so steady state does not allocate.
// A token's first byte is classified through a 256-entry table; only bytes of multi-byte UTF-8
// sequences take the decoding path. Word ends come from the field's word-byte bits
// (document_scan.hpp). Each word token also gets its folded key and hash here, once, for every
// table that looks it up later.
#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "char_class.hpp"
#include "document_scan.hpp"
#include "joint_slot.hpp"
#include "herald/analysis/document.hpp"
#include "quantities_words.hpp"

namespace herald::analysis {

namespace {

// The class of every byte; `utf8` marks bytes >= 0x80, decoded by classify_utf8.
constexpr std::array<CharClass, 256> kClass = [] {
    std::array<CharClass, 256> t{};
    for (int c = 0; c < 256; ++c) {
        CharClass k = CharClass::punct;
        if (c >= 0x80) k = CharClass::utf8;
        else if (c == '\n') k = CharClass::newline;
        else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') k = CharClass::space;
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') k = CharClass::letter;
        else if (c >= '0' && c <= '9') k = CharClass::digit;
        else if (scan::is_symbol_byte(c)) k = CharClass::symbol;
        t[static_cast<size_t>(c)] = k;
    }
    return t;
}();

// The class of the character at s[i] and its byte length.
inline CharClass class_at(std::string_view s, size_t i, size_t& len) {
    const CharClass k = kClass[static_cast<unsigned char>(s[i])];
    len = 1;
    return k == CharClass::utf8 ? classify_utf8(s, i, len) : k;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_letter_or_digit(CharClass k) { return k == CharClass::letter || k == CharClass::digit; }

// Up to 8 bytes packed little-endian: abbreviations compare as one integer.
constexpr uint64_t pack(std::string_view w) {
    uint64_t v = 0;
    for (size_t i = 0; i < w.size() && i < 8; ++i) v |= uint64_t{static_cast<unsigned char>(w[i])} << (8 * i);
    return v;
}

// Tokens after which a period does not end a sentence, packed and sorted for binary search.
constexpr std::string_view kAbbrevList[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Inc", "Corp", "Co", "Ltd", "Plc", "Bros", "vs", "etc", "approx", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "St", "Jr", "Sr",
    "Mt", "est", "incl", "e.g", "i.e", "U.S", "U.K", "U.N", "E.U", "S.A", "N.V", "A.G", "p.m", "a.m", "Oyj",
    "Abp", "fig", "cf", "Gen", "Gov", "Sen", "Rep", "Rev", "Hon", "Cos"};
constexpr auto kAbbrev = [] {
    std::array<uint64_t, std::size(kAbbrevList)> a{};
    for (size_t i = 0; i < a.size(); ++i) a[i] = pack(kAbbrevList[i]);
    std::sort(a.begin(), a.end());
    return a;
}();

bool is_abbreviation(std::string_view w) {
    // Single capital initials ("J. P. Morgan").
    if (w.size() == 1) return w[0] >= 'A' && w[0] <= 'Z';
    if (w.size() > 6) return false;  // the longest abbreviation has 6 bytes
    return std::binary_search(kAbbrev.begin(), kAbbrev.end(), pack(w));
}

// The tokenizer of one field: tokens, keys, figure words and sentences appended to the
// document's vectors. The main loop (run) dispatches on the first byte's class and keeps its
// state in locals; each kind of token has its own step.
class FieldTokenizer {
public:
    FieldTokenizer(Document& d, Field f, std::string_view s, uint32_t& paragraph)
        : d_(d), f_(f), s_(s), n_(s.size()), paragraph_(paragraph),
          sentence_start_(static_cast<uint32_t>(d.tokens.size())) {}

    // Tokenizes the field; returns the bytes tokenized (all of them unless the token cap stopped it).
    size_t run(bool& capped);

private:
    size_t join_word(size_t i, bool& ascii) const;
    size_t number(size_t i) const;
    bool utf8_token(size_t i, size_t& end, TokenKind& kind, uint32_t count);
    void figure_word(const Token* out);
    bool typographic_stop(const Token* out) const;
    void end_of_stop(const Token* out, size_t i, uint32_t count);
    void newline(uint32_t count);
    void close_sentence(uint32_t end_token);

    Document& d_;
    const Field f_;
    const std::string_view s_;
    const size_t n_;
    uint32_t& paragraph_;
    uint32_t sentence_start_;
};

// long because: one loop whose per-token state (position, output slots, word bits, space bit)
// stays in registers only while its hot paths are inline here; the cold steps are calls.
size_t FieldTokenizer::run(bool& capped) {
    const std::string_view s = s_;
    const size_t n = n_;
    scan::WordWindow window;
    const scan::FieldTail tail(s);
    // Slots for the field's worst case, a token per byte, within the event's cap: each token is
    // written once, with no capacity test; the unused slots are trimmed at the end.
    const size_t first = d_.tokens.size();
    const size_t room = Document::kMaxTokens - first;
    const size_t slots = n < room ? n : room;
    d_.tokens.resize(first + slots);
    d_.keys.resize(first + slots);
    d_.slots.resize(first + slots);
    Token* const base = d_.tokens.data();
    Token* out = base + first;
    Token* const limit = out + slots;
    WordKey* kout = d_.keys.data() + first;
    detail::JointIds* sout = d_.slots.data() + first;
    static constexpr detail::JointIds kNoIds{};
    const detail::JointProbe* const probe = d_.probed_by();
    const uint32_t field = static_cast<uint32_t>(f_);
    uint32_t space = scan::kSpaceBefore;  // the next token's space_before bit
    size_t i = 0;
    while (i < n) {
        if (out == limit) {  // the event's cap (a token per byte cannot fill slots before the end)
            capped = true;   // the rest of the text is not analysed (documented, counted by the caller)
            break;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        const scan::Lead lead = scan::kLead[c];
        if (lead <= scan::Lead::upper) {  // an ASCII letter: most tokens
            if (i >= window.end) window.fill(s, i);
            size_t e = window.run_end(s, i + 1);
            scan::After after = e < n ? scan::kAfter[static_cast<unsigned char>(s[e])] : scan::After::ends;
            bool ascii = true;
            if (after == scan::After::may_join) {
                e = join_word(e, ascii);
                after = e < n && s[e] == ' ' ? scan::After::space : scan::After::ends;
            }
            WordKey key;
            const detail::JointIds* ids = &kNoIds;
            if (ascii) {
                key = scan::ascii_word_key(s, tail, i, e);
                if (qwords::trigger_of(key) != qwords::Trigger::none && out != base) figure_word(out);
                // The joint table's probe while the key is in registers; its ids are copied while
                // the slot is in L1 (the joint pass reads them).
                if (probe && key.a != 0) {
                    const detail::JointSlot* slot = probe->find(key, static_cast<uint32_t>(e - i));
                    ids = slot ? slot : &detail::kKeyedNoIds;
                }
            }
            *kout++ = key;
            *sout++ = *ids;
            scan::store_token(out++, i, e, field | space | (lead == scan::Lead::upper ? scan::kCapitalized : 0));
            // One plain space after a token is the common case: stepped over here rather than
            // through another round of the class lookup.
            const bool spaced = after == scan::After::space;
            i = e + spaced;
            space = spaced ? scan::kSpaceBefore : 0;
            continue;
        }
        if (lead == scan::Lead::space || lead == scan::Lead::newline) {
            if (lead == scan::Lead::newline) newline(static_cast<uint32_t>(out - base));
            ++i;
            space = scan::kSpaceBefore;
            continue;
        }
        size_t e = i + 1;
        TokenKind kind = lead == scan::Lead::symbol ? TokenKind::symbol : TokenKind::punct;
        if (lead == scan::Lead::digit) {
            kind = TokenKind::number;
            e = number(i);
        } else if (lead == scan::Lead::utf8 && !utf8_token(i, e, kind, static_cast<uint32_t>(out - base))) {
            i = e;  // a space or line break
            space = scan::kSpaceBefore;
            continue;
        }
        *kout++ = WordKey{};
        *sout++ = kNoIds;
        scan::store_token(out++, i, e, field | space | scan::kind_bits(kind));
        // . ! ? may end a sentence, and so may some three-byte punctuation (…, not a dash).
        if (lead == scan::Lead::stop || (kind == TokenKind::punct && e - i == 3 && c == 0xE2 && typographic_stop(out)))
            end_of_stop(out, e, static_cast<uint32_t>(out - base));
        i = e;
        const bool spaced = i < n && s[i] == ' ';
        i += spaced;
        space = spaced ? scan::kSpaceBefore : 0;
    }
    const size_t count = static_cast<size_t>(out - base);
    d_.tokens.resize(count);
    d_.keys.resize(count);
    d_.slots.resize(count);
    close_sentence(static_cast<uint32_t>(count));
    return i;
}

// The token starting with the UTF-8 sequence at i: sets its end and kind (a word "é..." has no
// key: not ASCII). A space or line break (handled here; `count` tokens so far) is no token:
// false, with `end` after it.
bool FieldTokenizer::utf8_token(size_t i, size_t& end, TokenKind& kind, uint32_t count) {
    size_t len;
    const CharClass k = classify_utf8(s_, i, len);
    end = i + len;
    if (k == CharClass::space || k == CharClass::newline) {
        if (k == CharClass::newline) newline(count);
        return false;
    }
    if (k == CharClass::letter) {
        kind = TokenKind::word;
        bool ascii = len == 1;
        end = join_word(i + len, ascii);
    } else if (k == CharClass::symbol) {
        kind = TokenKind::symbol;
        // Variation selectors (U+FE00-U+FE0F: "⚡️" is ⚡ and VS16) belong to the sign before them.
        while (end + 2 < n_ && static_cast<unsigned char>(s_[end]) == 0xEF &&
               static_cast<unsigned char>(s_[end + 1]) == 0xB8 && (static_cast<unsigned char>(s_[end + 2]) & 0xF0) == 0x80)
            end += 3;
    } else {
        kind = TokenKind::punct;
    }
    return true;
}

// A scale or percent word right after a word of the field may end a figure written in words
// ("five billion"). `out` is where the word goes, after at least one token.
void FieldTokenizer::figure_word(const Token* out) {
    if (out[-1].kind == TokenKind::word && out[-1].field == f_)
        d_.figure_words.push_back(static_cast<uint32_t>(out - d_.tokens.data()));
}

// The rest of a word from i: ASCII letters and digits, UTF-8 letters, and the inner apostrophes,
// hyphens and dots that keep a word whole ("company's", "year-over-year", "U.S"). Clears `ascii`
// when a non-ASCII character is taken in.
size_t FieldTokenizer::join_word(size_t i, bool& ascii) const {
    for (;;) {
        i = scan::skip_word_bytes(s_, i);  // the common case: ASCII letters and digits
        if (i >= n_) break;
        const unsigned char c = static_cast<unsigned char>(s_[i]);
        size_t l2 = 1;
        if (c >= 0x80) {
            if (is_letter_or_digit(classify_utf8(s_, i, l2))) {  // "é" inside a word
                ascii = false;
                i += l2;
                continue;
            }
            const auto b3 = l2 == 3 && c == 0xE2 && static_cast<unsigned char>(s_[i + 1]) == 0x80
                                 ? static_cast<unsigned char>(s_[i + 2])
                                 : 0;
            if (b3 != 0x99 && b3 != 0x90 && b3 != 0x91) break;  // ’ joins like ', ‐ and ‑ like -
        } else if (c != '\'' && c != '-' && c != '.') {
            break;
        }
        if (i + l2 >= n_) break;
        size_t l3;
        const CharClass k3 = class_at(s_, i + l2, l3);
        const bool ok = c == '.' ? (k3 == CharClass::letter && i + l2 + l3 < n_ && s_[i + l2 + l3] == '.')
                                 : is_letter_or_digit(k3);
        if (!ok) break;
        // Only a character taken into the word makes it non-ASCII: "eyes’ " keeps its key.
        ascii &= c < 0x80;
        i += l2;
    }
    return i;
}

// A number starting with the digit at i: digits, decimals, and thousands separators followed by
// exactly three digits ("1,173"). Returns its end.
size_t FieldTokenizer::number(size_t i) const {
    const std::string_view s = s_;
    const size_t n = n_;
    ++i;
    while (i < n) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            ++i;
        } else if (c == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            i += 2;
        } else if (c == ',' && i + 3 < n && is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
                   (i + 4 >= n || !is_digit(s[i + 4]))) {
            i += 4;  // thousands separator: exactly three digits follow
        } else {
            break;
        }
    }
    return i;
}

// Whether the three-byte punctuation just written (out[-1], starting with 0xE2) ends a sentence
// as . ! ? do: "…", an inline bullet "•" (it separates list items), and a closing quote ” or ’
// right after a stop ("rose.” Next"). Dashes, other quotes and the minus sign never do.
bool FieldTokenizer::typographic_stop(const Token* out) const {
    const Token& t = out[-1];
    if (static_cast<unsigned char>(s_[t.begin + 1]) != 0x80) return false;
    const auto last = static_cast<unsigned char>(s_[t.begin + 2]);
    if (last == 0xA6 || last == 0xA2) return true;  // … •
    if ((last != 0x9D && last != 0x99) || out - 1 == d_.tokens.data()) return false;
    const Token& prev = out[-2];
    if (prev.field != t.field || prev.end != t.begin || prev.kind != TokenKind::punct) return false;
    const char p = s_[prev.begin];
    return p == '.' || p == '!' || p == '?' ||
           (prev.end - prev.begin == 3 && static_cast<unsigned char>(s_[prev.begin + 2]) == 0xA6 &&
            static_cast<unsigned char>(p) == 0xE2);
}

// The token just written (out[-1], the count-th; it ends at i) may end its sentence: it does
// before whitespace (or the field's end), except a period after an abbreviation that a
// capitalised word follows.
void FieldTokenizer::end_of_stop(const Token* out, size_t i, uint32_t count) {
    const Token& t = out[-1];
    const char c = s_[t.begin];
    const bool ws_after = i >= n_ || s_[i] == ' ' || s_[i] == '\n' || s_[i] == '\t' || s_[i] == '\r' ||
                          static_cast<unsigned char>(s_[i]) == 0xC2;
    if (!ws_after) return;  // tokenized text writes "1 .4": a period followed by a digit is not an end
    bool ends = true;
    if (c == '.' && count >= 2) {
        const Token& prev = out[-2];
        if (prev.kind == TokenKind::word && prev.end == t.begin &&
            is_abbreviation(s_.substr(prev.begin, prev.end - prev.begin))) {
            // "Inc." ends a sentence only when a capitalised word does not follow.
            size_t j = i;
            while (j < n_ && (s_[j] == ' ' || s_[j] == '\t')) ++j;
            ends = j >= n_ || s_[j] == '\n';
        }
    }
    if (ends) close_sentence(count);
}

// A line break closes the sentence; it starts a new paragraph when the sentence had content.
void FieldTokenizer::newline(uint32_t count) {
    close_sentence(count);
    const std::vector<Sentence>& ss = d_.sentences;
    if (!ss.empty() && ss.back().paragraph == paragraph_ && ss.back().last_token == count) ++paragraph_;
}

void FieldTokenizer::close_sentence(uint32_t end_token) {
    if (end_token > sentence_start_) {
        Sentence st;
        st.field = f_;
        st.first_token = sentence_start_;
        st.last_token = end_token;
        st.begin = d_.tokens[sentence_start_].begin;
        st.end = d_.tokens[end_token - 1].end;
        st.paragraph = paragraph_;
        d_.sentences.push_back(st);
    }
    sentence_start_ = end_token;
}

}  // namespace

void Document::reserve_max() {
    tokens.reserve(kMaxTokens);
    keys.reserve(kMaxTokens);
    slots.reserve(kMaxTokens);
}

void Document::build(const Event& event, const detail::JointProbe* probe) {
    event_ = &event;
    probe_ = probe;
    tokens.clear();
    keys.clear();
    slots.clear();
    figure_words.clear();
    sentences.clear();
    capped_ = false;
    for (auto& e : extent_) e = 0;
    uint32_t paragraph = 0;
    for (Field f : kTextFields) {
        std::string_view s = event.field(f);
        if (!s.empty() && !capped_) {
            tokenize_field(f, s, paragraph);
            ++paragraph;  // each field is its own paragraph
        }
    }
}

void Document::tokenize_field(Field f, std::string_view s, uint32_t& paragraph) {
    FieldTokenizer tok(*this, f, s, paragraph);
    extent_[static_cast<size_t>(f)] = static_cast<uint32_t>(tok.run(capped_));
}

}  // namespace herald::analysis
