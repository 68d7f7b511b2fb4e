// Tokenizer and sentence splitter shared by every analysis component.
// One pass over each field's bytes; vectors are reused so steady state does not allocate.
#include <string_view>

#include "herald/analysis/document.hpp"

namespace herald::analysis {

namespace {

enum class CharClass : uint8_t { space, newline, letter, digit, symbol, punct };

// Decodes the UTF-8 sequence at s[i]: its length and the class herald gives it.
// Currency signs are symbols; typographic quotes, dashes and ellipses are punctuation;
// other non-ASCII characters are letters (é, ü, ø ... in company names).
CharClass classify(std::string_view s, size_t i, size_t& len) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    len = 1;
    if (c < 0x80) {
        if (c == '\n') return CharClass::newline;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return CharClass::space;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CharClass::letter;
        if (c >= '0' && c <= '9') return CharClass::digit;
        switch (c) {
            case '$': case '%': case '&': case '+': case '=': case '#': case '@': case '*': case '/':
            case '<': case '>': case '~': case '^': case '|': case '\\': case '_': case '`':
                return CharClass::symbol;
            default: return CharClass::punct;
        }
    }
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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_letter_or_digit(CharClass k) { return k == CharClass::letter || k == CharClass::digit; }

// Tokens after which a period does not end a sentence.
bool is_abbreviation(std::string_view w) {
    static constexpr std::string_view kAbbrev[] = {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Inc", "Corp", "Co", "Ltd", "Plc", "Bros", "vs", "etc", "approx", "Jan",
        "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "St", "Jr", "Sr",
        "Mt", "est", "incl", "e.g", "i.e", "U.S", "U.K", "U.N", "E.U", "S.A", "N.V", "A.G", "p.m", "a.m", "Oyj",
        "Abp", "fig", "cf", "Gen", "Gov", "Sen", "Rep", "Rev", "Hon", "Cos"};
    for (auto a : kAbbrev)
        if (a == w) return true;
    // Single capital initials ("J. P. Morgan").
    return w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z';
}

}  // namespace

void Document::build(const Event& event) {
    event_ = &event;
    tokens.clear();
    sentences.clear();
    uint32_t paragraph = 0;
    for (Field f : kTextFields) {
        std::string_view s = event.field(f);
        if (!s.empty()) {
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

    while (i < n) {
        size_t len;
        CharClass k = classify(s, i, len);
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
        if (k == CharClass::letter) {
            t.kind = TokenKind::word;
            i += len;
            while (i < n) {
                size_t l2;
                CharClass k2 = classify(s, i, l2);
                if (is_letter_or_digit(k2)) {
                    i += l2;
                    continue;
                }
                // Inner apostrophes, hyphens and dots keep a word whole: "company's", "year-over-year", "U.S".
                char c = s[i];
                bool joiner = c == '\'' || c == '-' || c == '.' ||
                              (l2 == 3 && static_cast<unsigned char>(s[i]) == 0xE2 &&
                               static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                               static_cast<unsigned char>(s[i + 2]) == 0x99);  // ’
                if (joiner && i + l2 < n) {
                    size_t l3;
                    CharClass k3 = classify(s, i + l2, l3);
                    bool ok = c == '.' ? (k3 == CharClass::letter && i + l2 + l3 < n &&
                                          (s[i + l2 + l3] == '.' || i + l2 + l3 == n))
                                       : is_letter_or_digit(k3);
                    if (ok) {
                        i += l2;
                        continue;
                    }
                }
                break;
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
    }
    close_sentence(static_cast<uint32_t>(tokens.size()));
}

}  // namespace herald::analysis
