#pragma once
// The split of the finance-news tweets (../shared/data/tfns-train.tsv) shared by eval-sentiment
// and train-sentiment: a quarter is held out (measured, never trained on or looked at), the rest
// is the development part. FNV-1a 64 of the text bytes, held out when divisible by 4:
// deterministic, and a tweet stays on its side when the file is reordered or extended.
#include <cstdint>
#include <string_view>

namespace herald::bench {

inline uint64_t tfns_hash(std::string_view text) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

inline bool tfns_held_out(std::string_view text) { return tfns_hash(text) % 4 == 0; }

// The fifth of the development part on which train-sentiment chooses its regularisation (a second
// hash): with a model trained without it (train-sentiment --without-validation), an honest measure
// of a change to how the layer is used, without touching the held-out quarter.
inline bool tfns_validation(std::string_view text) { return !tfns_held_out(text) && (tfns_hash(text) >> 2) % 5 == 0; }

}  // namespace herald::bench
