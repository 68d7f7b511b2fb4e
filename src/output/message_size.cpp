#include "herald/output/message_size.hpp"

#include <algorithm>
#include <charconv>

#include "herald/rules/alert_limits.hpp"

namespace herald::output {

size_t default_message_max_bytes(size_t max_event_bytes) {
    return std::max<size_t>(max_event_bytes + 65536, 1000000);
}

size_t message_max_bytes(const kafka::Properties& properties, size_t max_event_bytes, std::string& error) {
    const std::string* chosen = nullptr;
    for (const auto& [key, value] : properties)
        if (key == "message.max.bytes") chosen = &value;
    if (!chosen) return default_message_max_bytes(max_event_bytes);
    size_t n = 0;
    auto [end, ec] = std::from_chars(chosen->data(), chosen->data() + chosen->size(), n);
    if (ec != std::errc() || end != chosen->data() + chosen->size()) {
        error = "message.max.bytes '" + *chosen + "' is not a whole number of bytes";
        return 0;
    }
    if (n < rules::kMinMessageBytes) {
        error = "message.max.bytes " + *chosen + " is below herald's minimum of " +
                std::to_string(rules::kMinMessageBytes) +
                " (alerts and dead letters need room for their fixed fields and headers); raise it";
        return 0;
    }
    return n;
}

}  // namespace herald::output
