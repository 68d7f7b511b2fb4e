#pragma once
// A case-insensitive (ASCII) map from string_view to a small index, for the keys of one event:
// open addressing with generation stamps, so starting a new event is O(1) and, once grown to the
// largest event seen, it allocates nothing. The strings are not copied: they must outlive use.
#include <cstdint>
#include <string_view>
#include <vector>

#include "herald/core/ascii.hpp"

namespace herald::rules::detail {

class KeyIndex {
public:
    // Forget every entry; capacity for at least `n` entries without growing.
    void reset(size_t n) {
        size_t want = 16;
        while (want < 2 * n) want *= 2;
        if (slots_.size() < want) {
            slots_.assign(want, Slot{});
            gen_ = 0;
        }
        if (++gen_ == 0) {  // stamps wrapped: clear for real once every 2^32 events
            for (Slot& s : slots_) s.gen = 0;
            gen_ = 1;
        }
        size_ = 0;
        limit_ = slots_.size() / 2;
    }
    // The index stored for `key`, or -1.
    int64_t find(std::string_view key) const {
        if (slots_.empty()) return -1;
        size_t mask = slots_.size() - 1;
        for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (s.gen != gen_) return -1;
            if (equal(s.key, key)) return s.value;
        }
    }
    // Stores key -> value unless the key is there; false when it was (value unchanged), or when
    // the index is full (reset with a larger n first).
    bool insert(std::string_view key, uint32_t value) {
        if (size_ >= limit_) return false;
        size_t mask = slots_.size() - 1;
        for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (s.gen != gen_) {
                s = {key, value, gen_};
                ++size_;
                return true;
            }
            if (equal(s.key, key)) return false;
        }
    }
    size_t size() const { return size_; }

    static bool equal(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (lower(a[i]) != lower(b[i])) return false;
        return true;
    }

private:
    struct Slot {
        std::string_view key;
        uint32_t value = 0;
        uint32_t gen = 0;
    };
    static constexpr char lower(char c) { return core::ascii::lower(c); }
    static size_t hash(std::string_view s) {
        uint64_t h = 1469598103934665603ULL;
        for (char c : s) h = (h ^ static_cast<unsigned char>(lower(c))) * 1099511628211ULL;
        return static_cast<size_t>(h ^ (h >> 29));
    }
    std::vector<Slot> slots_;
    uint32_t gen_ = 0;
    size_t size_ = 0, limit_ = 0;
};

}  // namespace herald::rules::detail
