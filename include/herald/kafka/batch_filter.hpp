#pragma once
// Keeps a consume batch free of messages from partitions a rebalance took away while the batch
// was being filled (Consumer::consume_batch applies it after every poll).
//
//   std::vector<RevokedPartition> gone{{"news", 3}};
//   size_t dropped = drop_revoked(batch, first_of_this_call, gone);
//
// Why: a rebalance is served inside a poll. What the same call took before it was fetched for
// the old assignment; handed on, it would reach the partition's new state (often ours again)
// ahead of the re-read from the committed offset, which would then look already seen. librdkafka
// purges such messages in its own batch API (1.9.2, #3340); a loop of single polls must do it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace herald::kafka {

struct RevokedPartition {
    std::string topic;
    int32_t partition = -1;
};

// Removes out[first..] messages of the given partitions, keeping the others in order; returns how
// many it removed. `Msg` needs topic() and partition() (kafka::Message; a stand-in in tests).
template <class Msg>
size_t drop_revoked(std::vector<Msg>& out, size_t first, const std::vector<RevokedPartition>& gone) {
    if (gone.empty() || first >= out.size()) return 0;
    auto revoked = [&gone](const Msg& m) {
        for (const auto& g : gone)
            if (m.partition() == g.partition && m.topic() == g.topic) return true;
        return false;
    };
    auto kept_end = std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), revoked);
    const auto dropped = static_cast<size_t>(out.end() - kept_end);
    out.erase(kept_end, out.end());
    return dropped;
}

}  // namespace herald::kafka
