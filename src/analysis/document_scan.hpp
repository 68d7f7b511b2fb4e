#pragma once
// The tokenizer's byte-level tools (internal to document.cpp): byte classes by table, the
// word-byte bits of a field computed 16 bytes at a time, and the folded key of a word.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "herald/analysis/document.hpp"
#include "lexicon_vocab.hpp"

namespace herald::analysis::scan {

// What the first byte of a token makes it. Bytes >= 0x80 (`utf8`) are decoded by the caller.
enum class Lead : uint8_t { lower, upper, digit, space, newline, stop, punct, symbol, utf8 };

constexpr bool is_symbol_byte(int c) {
    for (char s : std::string_view("$%&+=#@*/<>~^|\\_`"))
        if (c == s) return true;
    return false;
}

constexpr std::array<Lead, 256> kLead = [] {
    std::array<Lead, 256> t{};
    for (int c = 0; c < 256; ++c) {
        Lead k = Lead::punct;
        if (c >= 0x80) k = Lead::utf8;
        else if (c == '\n') k = Lead::newline;
        else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') k = Lead::space;
        else if (c >= 'a' && c <= 'z') k = Lead::lower;
        else if (c >= 'A' && c <= 'Z') k = Lead::upper;
        else if (c >= '0' && c <= '9') k = Lead::digit;
        else if (c == '.' || c == '!' || c == '?') k = Lead::stop;  // may end a sentence
        else if (is_symbol_byte(c)) k = Lead::symbol;
        t[static_cast<size_t>(c)] = k;
    }
    return t;
}();

// Token's four one-byte fields (field, kind, capitalized, space_before) as one little-endian
// word: the tokenizer composes them with two ORs and writes a token with two stores.
static_assert(std::endian::native == std::endian::little);
static_assert(sizeof(Token) == 12 && offsetof(Token, end) == 4 && offsetof(Token, field) == 8 &&
              offsetof(Token, kind) == 9 && offsetof(Token, capitalized) == 10 && offsetof(Token, space_before) == 11);
inline constexpr uint32_t kCapitalized = 1u << 16, kSpaceBefore = 1u << 24;
constexpr uint32_t kind_bits(TokenKind k) { return static_cast<uint32_t>(k) << 8; }

// Writes token [b, e) with flag bytes `flags` (field | kind_bits | kCapitalized | kSpaceBefore).
inline void store_token(Token* out, size_t b, size_t e, uint32_t flags) {
    const uint64_t span = uint64_t{static_cast<uint32_t>(b)} | uint64_t{static_cast<uint32_t>(e)} << 32;
    std::memcpy(static_cast<void*>(out), &span, 8);
    std::memcpy(reinterpret_cast<char*>(out) + 8, &flags, 4);
}

// What the byte right after a run of ASCII letters and digits does to a word: ends it, ends it
// and is the one plain space the tokenizer steps over, or may join more to it (' - . and bytes
// of UTF-8 sequences: "company's", "year-over-year", "U.S", "café", "company’s").
enum class After : uint8_t { ends, space, may_join };

constexpr std::array<After, 256> kAfter = [] {
    std::array<After, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[static_cast<size_t>(c)] = c == ' '                                          ? After::space
                                    : c >= 0x80 || c == '\'' || c == '-' || c == '.' ? After::may_join
                                                                                     : After::ends;
    return t;
}();

// Skips ASCII letters and digits from s[i]: 8 bytes at a time while 8 can be read, then byte by
// byte. Returns the first other byte's index. (Words are mostly read from WordWindow's bits;
// this serves the words that join several runs and those longer than the window reads.)
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
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (!(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9'))) break;
        ++i;
    }
    return i;
}

// The word-byte bits of 4 KB of a field: bit k of bits[j] says byte base + 64 j + k is an ASCII
// letter or digit. A word's end is then a count of trailing ones, not a test per byte. The
// tokenizer refills it when a token starts at or after `end`; two more blocks than that are kept,
// so a word of up to 64 bytes ends within the window. Bytes at and after the field's end read as 0.
struct WordWindow {
    static constexpr size_t kBlocks = 64;
    size_t base = 0, end = 0;       // bytes; base is a multiple of 64
    uint64_t bits[kBlocks + 2];     // written by fill before any read

    // Covers the bytes from i's block on.
    void fill(std::string_view s, size_t i) {
        const size_t n = s.size();
        base = i & ~size_t{63};
        end = base + 64 * kBlocks;
        const size_t last = n / 64 + 1;  // one past the block holding byte n
        const size_t count = last - base / 64 < kBlocks + 2 ? last - base / 64 : kBlocks + 2;
        for (size_t k = 0; k < count; ++k) {
            const size_t at = base + 64 * k;
            if (at + 64 <= n) {
                bits[k] = block(s.data() + at);
            } else {  // the block holding the field's end: its bytes, then zeros (no word byte)
                char buf[64] = {};
                if (at < n) std::memcpy(buf, s.data() + at, n - at);
                bits[k] = block(buf);
            }
        }
    }

    // The first position at or after i (a token start in the window) whose byte is not an ASCII
    // letter or digit; the field's size at its end.
    size_t run_end(std::string_view s, size_t i) const {
        const size_t k = (i - base) >> 6;
        uint64_t stop = ~bits[k] >> (i & 63);
        if (stop) return i + static_cast<size_t>(std::countr_zero(stop));
        const size_t next = (i | 63) + 1;
        stop = ~bits[k + 1];
        if (stop) return next + static_cast<size_t>(std::countr_zero(stop));
        return skip_word_bytes(s, next + 64);
    }

private:
    static uint64_t block(const char* p) {
        uint64_t m = 0;
        for (size_t k = 0; k < 4; ++k) m |= uint64_t{bits16(p + 16 * k)} << (16 * k);
        return m;
    }

#if defined(__SSE2__)
    // A byte b is a letter when (b | 0x20) - 'a' < 26 and a digit when b - '0' < 10 (unsigned),
    // tested as signed compares after moving each range to the bottom of the signed bytes. Bytes
    // >= 0x80 fall outside both ranges.
    static uint32_t bits16(const char* p) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i l = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(static_cast<char>(0x80 - 'a')));
        const __m128i d = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0')));
        const __m128i letter = _mm_cmplt_epi8(l, _mm_set1_epi8(static_cast<char>(-128 + 26)));
        const __m128i digit = _mm_cmplt_epi8(d, _mm_set1_epi8(static_cast<char>(-128 + 10)));
        return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
    }
#else
    static uint32_t bits16(const char* p) {
        uint32_t m = 0;
        for (size_t k = 0; k < 16; ++k) {
            const auto c = static_cast<unsigned char>(p[k]);
            const bool word = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
            m |= uint32_t{word} << k;
        }
        return m;
    }
#endif
};

// The bytes of a word of n <= 16 bytes within the two 8-byte halves of its key.
struct KeyMask {
    uint64_t a, b;
};
inline constexpr auto kKeyMask = [] {
    std::array<KeyMask, 17> m{};
    for (size_t n = 0; n <= 16; ++n) {
        m[n].a = n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
        m[n].b = n <= 8 ? 0 : n >= 16 ? ~uint64_t{0} : (uint64_t{1} << (8 * (n - 8))) - 1;
    }
    return m;
}();

// The last 16 bytes of a field (all of a shorter one) and 16 zeros: a word's 16 bytes are read
// from the field, or within 16 bytes of its end from here (no read past the field, no copy per word).
struct FieldTail {
    size_t at = 0;  // field offset of bytes[0]
    char bytes[32] = {};
    explicit FieldTail(std::string_view s) {
        at = s.size() >= 16 ? s.size() - 16 : 0;
        std::memcpy(bytes, s.data() + at, s.size() - at);
    }
};

// The key of the ASCII word s[b, e): its bytes are letters, digits and ' - . only, and all but
// the capitals already have bit 0x20 set, so OR-ing 0x20 into each byte lowercases it (the key
// detail::short_key builds for the tables). Words over 16 bytes have none.
inline WordKey ascii_word_key(std::string_view s, const FieldTail& tail, size_t b, size_t e) {
    const size_t n = e - b;
    if (n > 16) return {};
    const char* p = s.data() + b;
    if (b + 16 > s.size()) [[unlikely]]
        p = tail.bytes + (b - tail.at);
    uint64_t a, c;
    std::memcpy(&a, p, 8);
    std::memcpy(&c, p + 8, 8);
    // Masks from a table, not from shifts chosen by the length: word lengths are data the
    // branch predictor cannot learn, and the compiler branches on such a choice.
    detail::ShortKey k;
    k.a = (a | 0x2020202020202020ull) & kKeyMask[n].a;
    k.b = (c | 0x2020202020202020ull) & kKeyMask[n].b;
    k.len = static_cast<uint32_t>(n);
    return {k.a, k.b, detail::key_hash(k)};
}

}  // namespace herald::analysis::scan
