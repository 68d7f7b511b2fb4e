// Dead-letter building (include/herald/output/dead_letter.hpp).
#include "herald/output/dead_letter.hpp"

#include <algorithm>
#include <charconv>

#include "herald/core/ascii.hpp"
#include "herald/rules/alert_limits.hpp"

namespace herald::output {

namespace {
constexpr size_t kMaxCode = 64, kMaxDetail = 1024, kMaxTopic = 255;
// herald-original-bytes, herald-original-key-bytes, herald-dropped-headers: names, numbers, framing.
constexpr size_t kOptionalHeaders = 3 * (32 + 20 + DeadLetterBuilder::kHeaderFraming);

bool has_herald_prefix(std::string_view name) { return core::ascii::istarts_with(name, "herald-"); }

std::string_view number(char* buf, size_t size, int64_t v) {
    return {buf, static_cast<size_t>(std::to_chars(buf, buf + size, v).ptr - buf)};
}

size_t sub(size_t a, size_t b) { return a > b ? a - b : 0; }
}  // namespace

DeadLetterBuilder::DeadLetterBuilder(size_t message_max_bytes, size_t max_event_bytes)
    : limit_(sub(std::max(message_max_bytes, rules::kMinMessageBytes), rules::kMessageOverheadBytes)),
      max_event_bytes_(max_event_bytes),
      key_cap_(std::min<size_t>(4096, message_max_bytes / 16)),
      header_share_(std::min<size_t>(65536, message_max_bytes / 8)) {}

size_t DeadLetterBuilder::wire_size() const {
    size_t n = key_.size() + value_.size();
    for (const kafka::Header& h : headers_) n += h.name.size() + h.value.size() + kHeaderFraming;
    return n;
}

void DeadLetterBuilder::build(const DeadLetterInput& in) {
    headers_.clear();
    renamed_.clear();
    names_.clear();
    truncated_ = false;
    std::string scratch;
    std::string_view detail = rules::capped_text(in.detail, kMaxDetail, scratch);
    detail_.assign(detail);
    headers_.push_back({"herald-error", in.code.substr(0, kMaxCode)});
    headers_.push_back({"herald-error-detail", detail_});
    headers_.push_back({"herald-source-topic", in.topic.substr(0, kMaxTopic)});
    headers_.push_back({"herald-source-partition", number(partition_, sizeof partition_, in.partition)});
    headers_.push_back({"herald-source-offset", number(offset_, sizeof offset_, in.offset)});
    size_t used = wire_size() + kOptionalHeaders;

    key_ = in.key.substr(0, key_cap_);
    used += key_.size();

    // The original headers, in order, while they fit their share; herald's names renamed.
    size_t copied = 0, dropped = 0;
    const size_t first_original = headers_.size();
    for (size_t i = 0; i < in.header_count; ++i) {
        const kafka::Header& h = in.headers[i];
        const bool rename = has_herald_prefix(h.name);
        size_t cost = h.name.size() + h.value.size() + kHeaderFraming + (rename ? kRenamePrefix.size() : 0);
        if (cost > header_share_ - copied) {
            ++dropped;
            continue;
        }
        copied += cost;
        if (rename) {
            renamed_.push_back({headers_.size(), names_.size()});
            names_.append(kRenamePrefix).append(h.name);
        }
        headers_.push_back(h);
    }
    // names_ is complete: point the renamed headers at it.
    for (size_t r = 0; r < renamed_.size(); ++r) {
        auto [index, offset] = renamed_[r];
        size_t end = r + 1 < renamed_.size() ? renamed_[r + 1].second : names_.size();
        headers_[index].name = std::string_view(names_).substr(offset, end - offset);
    }
    used += copied;

    has_value_ = in.has_value;
    value_ = in.has_value ? in.value.substr(0, std::min(max_event_bytes_, sub(limit_, used))) : std::string_view{};
    // Herald's notes on what was cut go before the original headers.
    std::vector<kafka::Header> notes;
    if (value_.size() < in.value.size() && in.has_value)
        notes.push_back({"herald-original-bytes", number(value_bytes_, sizeof value_bytes_,
                                                         static_cast<int64_t>(in.value.size()))});
    if (key_.size() < in.key.size())
        notes.push_back({"herald-original-key-bytes", number(key_bytes_, sizeof key_bytes_,
                                                             static_cast<int64_t>(in.key.size()))});
    if (dropped > 0)
        notes.push_back({"herald-dropped-headers", number(dropped_, sizeof dropped_, static_cast<int64_t>(dropped))});
    truncated_ = !notes.empty();
    headers_.insert(headers_.begin() + static_cast<std::ptrdiff_t>(first_original), notes.begin(), notes.end());
}

}  // namespace herald::output
