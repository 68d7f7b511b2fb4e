// Tokenizer and sentence splitter shared by every analysis component.
// One pass over each field's bytes; vectors are reused so steady state does not allocate.
// ASCII bytes (nearly all of English news) are classified through a 256-entry table; only bytes
// of multi-byte UTF-8 sequences take the decoding path. Each word token also gets its folded key
// and hash here, once, for every table that looks it up later.
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <string_view>

#include "herald/analysis/document.hpp"
#include "lexicon_vocab.hpp"
#include "quantities_words.hpp"

namespace herald::analysis {

namespace {

enum class CharClass : uint8_t { space, newline, letter, digit, symbol, punct, utf8 };

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
        else {
            for (char s : std::string_view("$%&+=#@*/<>~^|\\_`"))
                if (c == s) k = CharClass::symbol;
        }
        t[static_cast<size_t>(c)] = k;
    }
    return t;
}();

// ASCII letters and digits: the bytes that continue a word without a second look.
constexpr std::array<bool, 256> kWordByte = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<size_t>(c)] = kClass[static_cast<size_t>(c)] == CharClass::letter ||
                                                              kClass[static_cast<size_t>(c)] == CharClass::digit;
    return t;
}();

// Decodes the UTF-8 sequence at s[i] (a byte >= 0x80): its length and the class herald gives it.
// Currency signs are symbols; typographic quotes, dashes and ellipses are punctuation;
// other non-ASCII characters are letters (é, ü, ø ... in company names).
CharClass classify_utf8(std::string_view s, size_t i, size_t& len) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > s.size()) n = s.size() - i;
    len = n;
    uint32_t cp = 0;
    if (n == 2) cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    if (n == 3)
        cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    switch (cp) {
        case 0xA0: case 0x2009: case 0x202F: case 0x2002: case 0x2003: return CharClass::space;  // no-break, thin
        case 0x2028: case 0x2029: return CharClass::newline;
        case 0xA3: case 0xA5: case 0x20AC: case 0x20B9: case 0x20A9: case 0x20BD: case 0x20BA: case 0xA2:
            return CharClass::symbol;  // £ ¥ € ₹ ₩ ₽ ₺ ¢
        case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x2013: case 0x2014: case 0x2026:
        case 0xAB: case 0xBB: case 0x2022: case 0xB7:
            return CharClass::punct;
        default: break;
    }
    if (n == 1) return CharClass::symbol;  // stray continuation byte
    return CharClass::letter;
}

// The class of the character at s[i] and its byte length.
inline CharClass class_at(std::string_view s, size_t i, size_t& len) {
    const CharClass k = kClass[static_cast<unsigned char>(s[i])];
    len = 1;
    return k == CharClass::utf8 ? classify_utf8(s, i, len) : k;
}

// Skips ASCII letters and digits from s[i]: 8 bytes at a time while 8 can be read (words are
// mostly 3-10 bytes), then byte by byte. Returns the first other byte's index.
inline size_t skip_word_bytes(std::string_view s, size_t i) {
    const size_t n = s.size();
    constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    while (i + 8 <= n) {
        uint64_t x;
        std::memcpy(&x, s.data() + i, 8);
        // Per byte, high bit set when the byte is in a range: (b + 0x80 - lo) and not (b + 0x80 - hi - 1).
        const uint64_t low7 = x & ~high;
        const uint64_t l = low7 | (ones * 0x20);  // letters fold to lowercase; others stay out of a-z
        const uint64_t letter = ((l + ones * (0x80 - 'a')) & ~(l + ones * (0x80 - 'z' - 1))) & high;
        const uint64_t digit = ((low7 + ones * (0x80 - '0')) & ~(low7 + ones * (0x80 - '9' - 1))) & high;
        const uint64_t stop = (~(letter | digit) & high) | (x & high);  // other bytes, and non-ASCII ones
        if (stop) return i + static_cast<size_t>(std::countr_zero(stop) >> 3);
        i += 8;
    }
    while (i < n && kWordByte[static_cast<unsigned char>(s[i])]) ++i;
    return i;
}

// The bytes of a word of n <= 16 bytes within the two 8-byte halves of its key.
struct WordMask {
    uint64_t a, b;
};
constexpr auto kWordMask = [] {
    std::array<WordMask, 17> m{};
    for (size_t n = 0; n <= 16; ++n) {
        m[n].a = n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
        m[n].b = n <= 8 ? 0 : n >= 16 ? ~uint64_t{0} : (uint64_t{1} << (8 * (n - 8))) - 1;
    }
    return m;
}();

// The folded key of an ASCII word token s[b, e). Its bytes are letters, digits and ' - . only,
// and all but the capitals already have bit 0x20 set: OR-ing 0x20 into each byte lowercases it,
// the same key detail::short_key builds for the tables.
inline WordKey ascii_word_key(std::string_view s, size_t b, size_t e) {
    const size_t n = e - b;
    if (n > 16) return {};
    uint64_t a = 0, c = 0;
    if (b + 16 <= s.size()) {
        std::memcpy(&a, s.data() + b, 8);
        std::memcpy(&c, s.data() + b + 8, 8);
    } else {
        unsigned char buf[16] = {};
        std::memcpy(buf, s.data() + b, n);
        std::memcpy(&a, buf, 8);
        std::memcpy(&c, buf + 8, 8);
    }
    // Masks from a table, not from shifts chosen by the length: word lengths are data the
    // branch predictor cannot learn, and the compiler branches on such a choice.
    detail::ShortKey k;
    k.a = (a | 0x2020202020202020ull) & kWordMask[n].a;
    k.b = (c | 0x2020202020202020ull) & kWordMask[n].b;
    k.len = static_cast<uint32_t>(n);
    return {k.a, k.b, detail::key_hash(k)};
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

}  // namespace

void Document::reserve_max() {
    tokens.reserve(kMaxTokens);
    keys.reserve(kMaxTokens);
}

void Document::build(const Event& event) {
    event_ = &event;
    tokens.clear();
    keys.clear();
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
    const size_t n = s.size();
    size_t i = 0;
    bool space_before = true;
    uint32_t sentence_start_token = static_cast<uint32_t>(tokens.size());

    auto close_sentence = [&](uint32_t end_token) {
        if (end_token > sentence_start_token) {
            Sentence st;
            st.field = f;
            st.first_token = sentence_start_token;
            st.last_token = end_token;
            st.begin = tokens[sentence_start_token].begin;
            st.end = tokens[end_token - 1].end;
            st.paragraph = paragraph;
            sentences.push_back(st);
        }
        sentence_start_token = end_token;
    };

    size_t room = kMaxTokens - tokens.size();  // tokens this event may still have
    while (i < n) {
        if (room == 0) {
            capped_ = true;  // the rest of the text is not analysed (documented, counted by the caller)
            break;
        }
        size_t len;
        CharClass k = class_at(s, i, len);
        if (k == CharClass::space) {
            i += len;
            space_before = true;
            continue;
        }
        if (k == CharClass::newline) {
            close_sentence(static_cast<uint32_t>(tokens.size()));
            // A line break starts a new paragraph when the sentence had content.
            if (!sentences.empty() && sentences.back().paragraph == paragraph &&
                sentences.back().last_token == tokens.size())
                ++paragraph;
            i += len;
            space_before = true;
            continue;
        }
        Token t;
        t.begin = static_cast<uint32_t>(i);
        t.field = f;
        t.space_before = space_before;
        t.capitalized = s[i] >= 'A' && s[i] <= 'Z';
        WordKey key;
        if (k == CharClass::letter) {
            t.kind = TokenKind::word;
            i += len;
            bool ascii = len == 1;
            for (;;) {
                i = skip_word_bytes(s, i);  // the common case: ASCII letters and digits
                if (i >= n) break;
                const unsigned char c = static_cast<unsigned char>(s[i]);
                size_t l2 = 1;
                if (c >= 0x80) {
                    if (is_letter_or_digit(classify_utf8(s, i, l2))) {  // "é" inside a word
                        ascii = false;
                        i += l2;
                        continue;
                    }
                    if (!(l2 == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                          static_cast<unsigned char>(s[i + 2]) == 0x99))  // ’ joins like '
                        break;
                } else if (c != '\'' && c != '-' && c != '.') {
                    break;
                }
                // Inner apostrophes, hyphens and dots keep a word whole: "company's", "year-over-year", "U.S".
                if (i + l2 >= n) break;
                size_t l3;
                const CharClass k3 = class_at(s, i + l2, l3);
                const bool ok = c == '.' ? (k3 == CharClass::letter && i + l2 + l3 < n && s[i + l2 + l3] == '.')
                                         : is_letter_or_digit(k3);
                if (!ok) break;
                // Only a character taken into the word makes it non-ASCII: "eyes’ " keeps its key.
                ascii &= c < 0x80;
                i += l2;
            }
            if (ascii) {
                key = ascii_word_key(s, t.begin, i);
                // A scale or percent word after a word may end a figure written in words ("five billion").
                if (qwords::trigger_of(key) != qwords::Trigger::none && !tokens.empty() &&
                    tokens.back().kind == TokenKind::word && tokens.back().field == f)
                    figure_words.push_back(static_cast<uint32_t>(tokens.size()));
            }
        } else if (k == CharClass::digit) {
            t.kind = TokenKind::number;
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
        } else {
            t.kind = k == CharClass::symbol ? TokenKind::symbol : TokenKind::punct;
            i += len;
        }
        t.end = static_cast<uint32_t>(i);
        tokens.push_back(t);
        keys.push_back(key);
        --room;
        space_before = false;

        if (t.kind == TokenKind::punct) {
            char c = s[t.begin];
            bool ellipsis = t.end - t.begin == 3 && static_cast<unsigned char>(c) == 0xE2;
            if (c == '!' || c == '?' || (c == '.' || ellipsis)) {
                // A period ends a sentence only before whitespace (or the end) and not after an abbreviation.
                bool at_end = i >= n;
                bool ws_after = at_end || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ||
                                static_cast<unsigned char>(s[i]) == 0xC2;
                bool ends = ws_after;
                if (ends && c == '.' && tokens.size() >= 2) {
                    const Token& prev = tokens[tokens.size() - 2];
                    if (prev.kind == TokenKind::word && prev.end == t.begin &&
                        is_abbreviation(s.substr(prev.begin, prev.end - prev.begin))) {
                        // "Inc." ends a sentence only when a capitalised word does not follow.
                        size_t j = i;
                        while (j < n && (s[j] == ' ' || s[j] == '\t')) ++j;
                        ends = j >= n || s[j] == '\n';
                    }
                    // Tokenized text writes "1 .4": a period followed by a digit is not an end.
                }
                if (ends) {
                    // Keep closing quotes/brackets with the sentence they close.
                    close_sentence(static_cast<uint32_t>(tokens.size()));
                }
            }
        }
        // One plain space between tokens is the common case: step over it here rather than
        // through another round of the class lookup.
        if (i < n && s[i] == ' ') {
            ++i;
            space_before = true;
        }
    }
    close_sentence(static_cast<uint32_t>(tokens.size()));
    extent_[static_cast<size_t>(f)] = static_cast<uint32_t>(capped_ ? i : n);
}

}  // namespace herald::analysis
