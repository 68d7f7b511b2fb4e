#pragma once
// A per-document map from a tagged string (a ticker, a name) to the first index stored under it:
// how sentiment finds the entity a mention or an event-named entity belongs to without a walk
// over every entity found so far (quadratic in an event naming thousands of companies).
// Open addressing with a generation stamp per slot, so clear() is O(1) however large a past
// document made the table; no allocation once it has grown.
#include <cstdint>
#include <string_view>
#include <vector>

namespace herald::analysis::detail {

// Equal strings; the common case, two views of one alias's string, without comparing bytes.
inline bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && (a.data() == b.data() || a == b);
}

class EntityKeys {
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    void clear() {
        if (++gen_ == 0) {  // wrapped: old stamps could read as current
            for (Slot& s : slots_) s.gen = 0;
            gen_ = 1;
        }
        size_ = 0;
    }

    uint32_t find(char tag, std::string_view key) const {
        if (slots_.empty()) return kNone;
        const uint64_t h = hash(tag, key);
        for (size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.gen != gen_) return kNone;
            if (s.hash == h && s.tag == tag && same_text(s.key, key)) return s.value;
        }
    }

    // Stores value under (tag, key) unless something is stored there already.
    void add(char tag, std::string_view key, uint32_t value) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        const uint64_t h = hash(tag, key);
        for (size_t i = h & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.gen != gen_) {
                s = {h, key, value, gen_, tag};
                ++size_;
                return;
            }
            if (s.hash == h && s.tag == tag && same_text(s.key, key)) return;
        }
    }

private:
    struct Slot {
        uint64_t hash = 0;
        std::string_view key;
        uint32_t value = 0;
        uint32_t gen = 0;
        char tag = 0;
    };

    static uint64_t hash(char tag, std::string_view key) {
        uint64_t h = 0xcbf29ce484222325ull ^ static_cast<unsigned char>(tag);
        for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
        return h ^ (h >> 29);
    }

    void grow() {
        std::vector<Slot> old;
        old.swap(slots_);
        const uint32_t old_gen = gen_;
        slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        gen_ = 1;
        size_ = 0;
        for (const Slot& s : old)
            if (s.gen == old_gen) add(s.tag, s.key, s.value);
    }

    std::vector<Slot> slots_;
    size_t mask_ = 0;
    size_t size_ = 0;
    uint32_t gen_ = 1;
};

}  // namespace herald::analysis::detail
