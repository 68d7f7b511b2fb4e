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

// The development part in five folds (a second hash). Fold 0 is the validation fifth on which
// train-sentiment chooses its regularisation. With a model trained without fold k
// (train-sentiment --without-fold k), eval-sentiment --sets tweets-val --fold k measures the whole
// scorer on tweets it was not trained on: the five folds give a cross-validated figure and its
// spread, without touching the held-out quarter.
constexpr int kTfnsFolds = 5;
inline int tfns_fold(std::string_view text) { return static_cast<int>((tfns_hash(text) >> 2) % kTfnsFolds); }
inline bool tfns_validation(std::string_view text, int fold = 0) { return !tfns_held_out(text) && tfns_fold(text) == fold; }

}  // namespace herald::bench
