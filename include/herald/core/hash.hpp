#pragma once
// Stable 64-bit hashing for identifiers that must not change across builds or machines
// (alert_id is a hash of rule id, key and event id).
//
//   uint64_t h = herald::core::fnv1a64("cloud-growth");
//   h = herald::core::fnv1a64("AMZN", h);
//   char id[17]; herald::core::to_hex16(h, id);   // "9f2c4e01a7b3d5c8"
#include <cstdint>
#include <string_view>

namespace herald::core {

inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

constexpr uint64_t fnv1a64(std::string_view s, uint64_t h = kFnvOffset) {
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// A final avalanche so ids of similar inputs do not share prefixes.
constexpr uint64_t mix64(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// Writes 16 lowercase hex digits and a terminating NUL into out[17].
inline void to_hex16(uint64_t v, char* out) {
    static constexpr char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i) {
        out[i] = hex[v & 15];
        v >>= 4;
    }
    out[16] = '\0';
}

}  // namespace herald::core
