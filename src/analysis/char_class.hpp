#pragma once
// The class herald gives a character (internal to src/analysis): the tokenizer's for bytes of
// UTF-8 sequences, and the quantity scanner's test of whether a digit follows a letter.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace herald::analysis {

enum class CharClass : uint8_t { space, newline, letter, digit, symbol, punct, utf8 };

// Decodes the UTF-8 sequence at s[i] (a byte >= 0x80): its length and the class herald gives it.
// Typographic quotes, dashes, the ellipsis, bullets and the minus sign are punctuation; currency
// signs and the other signs of Latin-1 and of U+2070-U+2BFF (™ №, arrows, math, shapes, footnote
// superscripts) are symbols, never part of a word ("Acme™", "▲3.2%"); other non-ASCII
// characters are letters (é, ü, ø ... in company names).
inline CharClass classify_utf8(std::string_view s, size_t i, size_t& len) {
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
        case 0xA0: case 0x202F: return CharClass::space;  // no-break spaces
        case 0x2028: case 0x2029: return CharClass::newline;
        case 0xAB: case 0xBB: case 0xB7: case 0xA1: case 0xBF: case 0x2212:
            return CharClass::punct;  // « » · ¡ ¿ and the minus sign, which reads as '-'
        case 0xAA: case 0xAD: case 0xB5: case 0xBA: return CharClass::letter;  // ª, soft hyphen, µ, º
        case 0xD7: case 0xF7: return CharClass::symbol;  // × ÷
        default: break;
    }
    if (n == 1) return CharClass::symbol;  // stray continuation byte
    if (cp >= 0xA1 && cp <= 0xBF)  // £ ¥ ¢ © ® ° ± ¹ ½ ..., but not as the second half of mojibake ("Ã©": é)
        return i >= 2 && static_cast<unsigned char>(s[i - 2]) == 0xC3 &&
                       (static_cast<unsigned char>(s[i - 1]) == 0x82 || static_cast<unsigned char>(s[i - 1]) == 0x83)
                   ? CharClass::letter
                   : CharClass::symbol;
    if (cp >= 0x2000 && cp <= 0x200B) return CharClass::space;    // en quad ... thin, hair, zero width
    if (cp >= 0x2010 && cp <= 0x205E) return CharClass::punct;    // ‐ – — ‘ ’ “ ” • … ‰ ′ ‹ ›
    if (cp >= 0x2070 && cp <= 0x2BFF) return CharClass::symbol;   // ⁴ ₂, € ₹, ™ №, arrows, − aside, ▲ ✓
    return CharClass::letter;
}

// Whether the character ending right before s[i] is a letter or digit (ASCII, or a UTF-8 letter
// such as "é"; not a sign such as "▲" or "™"): a digit after one is inside a word.
inline bool letter_before(std::string_view s, size_t i) {
    if (i == 0) return false;
    const auto c = static_cast<unsigned char>(s[i - 1]);
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
    size_t b = i - 1;  // back over continuation bytes to the sequence's lead byte (at most 3)
    while (b > 0 && i - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    size_t len;
    return classify_utf8(s, b, len) == CharClass::letter && b + len == i;
}

}  // namespace herald::analysis
