// Bounded dead letters (issue 20 items 2 and 14): whatever the original key, value and headers,
// the dead letter fits message.max.bytes, herald's headers come first, and an incoming header
// with herald's prefix cannot pass for herald's own.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "herald/output/dead_letter.hpp"
#include "herald/output/message_size.hpp"
#include "herald/rules/alert_limits.hpp"

using herald::kafka::Header;
using herald::output::DeadLetterBuilder;
using herald::output::DeadLetterInput;

namespace {
std::string header(const DeadLetterBuilder& dl, std::string_view name) {
    for (const Header& h : dl.headers())
        if (h.name == name) return std::string(h.value);
    return "<none>";
}
}  // namespace

TEST_CASE("an ordinary dead letter keeps key, value and headers, herald's headers first") {
    DeadLetterBuilder dl(1000000, 1 << 20);
    std::vector<Header> in{{"case", "x"}, {"trace-id", "abc"}};
    dl.build({"news", 3, 42, "AMZN", "{bad", true, in.data(), in.size(), "invalid_json", "cannot parse JSON"});
    CHECK(dl.key() == "AMZN");
    CHECK(dl.value() == "{bad");
    CHECK_FALSE(dl.truncated());
    REQUIRE(dl.headers().size() == 7);
    CHECK(dl.headers()[0].name == "herald-error");
    CHECK(dl.headers()[0].value == "invalid_json");
    CHECK(header(dl, "herald-error-detail") == "cannot parse JSON");
    CHECK(header(dl, "herald-source-topic") == "news");
    CHECK(header(dl, "herald-source-partition") == "3");
    CHECK(header(dl, "herald-source-offset") == "42");
    CHECK(dl.headers()[5].name == "case");
    CHECK(dl.headers()[6].name == "trace-id");
}

TEST_CASE("a 1.2 MB key and 200 KB of headers beside a 1 MB value fit the message") {
    const size_t m = herald::output::default_message_max_bytes(1 << 20);
    DeadLetterBuilder dl(m, 1 << 20);
    std::string key(1200000, 'k'), value((1 << 20) + 100, 'v');
    std::vector<std::string> values;
    std::vector<Header> in;
    for (int i = 0; i < 200; ++i) values.push_back(std::string(1000, 'h'));
    for (int i = 0; i < 200; ++i) in.push_back({"h", values[static_cast<size_t>(i)]});
    dl.build({"news", 0, 7, key, value, true, in.data(), in.size(), "too_large", "too large"});
    CHECK(dl.wire_size() + herald::rules::kMessageOverheadBytes <= m);
    CHECK(dl.truncated());
    CHECK(dl.key().size() == 4096);
    CHECK(header(dl, "herald-original-key-bytes") == "1200000");
    CHECK(header(dl, "herald-original-bytes") == std::to_string(value.size()));
    CHECK(std::stoi(header(dl, "herald-dropped-headers")) > 100);
    CHECK(dl.value() == std::string_view(value).substr(0, dl.value().size()));
    CHECK(dl.value().size() > 900000);
    // The smallest message herald allows.
    DeadLetterBuilder small(herald::rules::kMinMessageBytes, 1 << 20);
    small.build({std::string(300, 't'), 0, 7, key, value, true, in.data(), in.size(), "too_large",
                 std::string(5000, 'd')});
    CHECK(small.wire_size() + herald::rules::kMessageOverheadBytes <= herald::rules::kMinMessageBytes);
    CHECK(small.value().size() > 8000);
}

TEST_CASE("incoming herald-* headers are renamed, whatever their case, and herald's come first") {
    DeadLetterBuilder dl(1000000, 1 << 20);
    std::vector<Header> in{{"herald-error", "forged"}, {"HERALD-Source-Topic", "elsewhere"}, {"heraldry", "kept"},
                           {"herald-", "empty"}};
    dl.build({"news", 1, 2, {}, "x", true, in.data(), in.size(), "missing_text", "no text"});
    REQUIRE(dl.headers().size() == 9);
    CHECK(dl.headers()[0].name == "herald-error");
    CHECK(dl.headers()[0].value == "missing_text");
    CHECK(dl.headers()[5].name == "original-herald-error");
    CHECK(dl.headers()[5].value == "forged");
    CHECK(dl.headers()[6].name == "original-HERALD-Source-Topic");
    CHECK(dl.headers()[7].name == "heraldry");
    CHECK(dl.headers()[8].name == "original-herald-");
    size_t own = 0;
    for (const Header& h : dl.headers()) own += h.name.rfind("herald-", 0) == 0;
    CHECK(own == 5);  // only herald's own
}

TEST_CASE("a dead letter without a value (alert_refused) has none") {
    DeadLetterBuilder dl(1000000, 1 << 20);
    dl.build({"news", 1, 2, {}, {}, false, nullptr, 0, "alert_refused", "alert x was refused"});
    CHECK_FALSE(dl.has_value());
    CHECK(dl.value().empty());
    CHECK(header(dl, "herald-original-bytes") == "<none>");
}

TEST_CASE("message.max.bytes: herald's default, the user's value, and values refused") {
    std::string error;
    CHECK(herald::output::message_max_bytes({}, 1 << 20, error) == (1 << 20) + 65536);
    CHECK(herald::output::message_max_bytes({}, 4096, error) == 1000000);
    CHECK(herald::output::message_max_bytes({{"message.max.bytes", "2000000"}, {"linger.ms", "5"}}, 1 << 20, error) ==
          2000000);
    CHECK(herald::output::message_max_bytes({{"message.max.bytes", "1000"}}, 1 << 20, error) == 0);
    CHECK(error.find("below herald's minimum of 16384") != std::string::npos);
    CHECK(herald::output::message_max_bytes({{"message.max.bytes", "1MB"}}, 1 << 20, error) == 0);
    CHECK(error == "message.max.bytes '1MB' is not a whole number of bytes");
}
