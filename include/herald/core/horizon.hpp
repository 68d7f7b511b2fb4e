#pragma once
// State kept per key for a horizon of event time (the rules' story book, the analysis' novelty
// tracker): what is dated before `now - horizon` has expired, and a sweep erases a map's expired
// entries so memory stays bounded by the keys of one horizon. Event time only, so a replay or a
// partition's rebuild expires the same entries as the live run did.
//
//   herald::core::Horizon horizon(24 * 3600 * 1000LL);
//   if (horizon.expired(entry.t, now)) ...;                                // past the horizon
//   horizon.sweep(by_key, now, [](const Entry& e) { return e.newest; });   // memory only
#include <cstdint>

namespace herald::core {

class Horizon {
public:
    explicit Horizon(int64_t ms) : ms_(ms) {}
    int64_t ms() const { return ms_; }

    // Something dated t is past the horizon at now (t exactly `ms` before now is not).
    bool expired(int64_t t, int64_t now) const { return t < now - ms_; }

    // Erases the entries of an associative container whose date, time_of(mapped value), has
    // expired at now.
    template <class Map, class TimeOf>
    void sweep(Map& map, int64_t now, TimeOf time_of) const {
        for (auto it = map.begin(); it != map.end();) {
            if (expired(time_of(it->second), now)) it = map.erase(it);
            else ++it;
        }
    }

private:
    int64_t ms_;
};

}  // namespace herald::core
