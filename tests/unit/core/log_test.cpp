// The logger: which levels pass, the text and JSON lines, escaping, and the rate limit.
#include "herald/core/log.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace herald::core;

namespace {

// Captures lines for one test and puts the process-wide settings back afterwards.
struct Captured {
    std::vector<std::string> lines;
    Captured(log::Level level, log::Format format) {
        log::configure(level, format);
        log::set_sink([this](std::string_view line) { lines.emplace_back(line); });
    }
    ~Captured() {
        log::set_sink({});
        log::configure(log::Level::info, log::Format::text);
    }
};

constexpr int64_t kTs = 1'796'597'060'123;  // 2026-12-06T22:44:20.123Z

}  // namespace

TEST_CASE("a level lets through itself and the more severe ones") {
    Captured c(log::Level::warn, log::Format::text);
    log::error("run", "e");
    log::warn("run", "w");
    log::info("run", "i");
    log::debug("run", "d");
    CHECK(c.lines == std::vector<std::string>{"herald run: e\n", "herald run: warning: w\n"});
    CHECK(log::enabled(log::Level::error));
    CHECK_FALSE(log::enabled(log::Level::info));

    log::configure(log::Level::debug, log::Format::text);
    log::debug("run", "d");
    CHECK(c.lines.back() == "herald run: debug: d\n");
    log::configure(log::Level::error, log::Format::text);
    log::warn("run", "w");
    CHECK(c.lines.size() == 3);
}

TEST_CASE("level and format names") {
    log::Level l = log::Level::info;
    CHECK(log::parse_level("debug", l));
    CHECK(l == log::Level::debug);
    CHECK(log::parse_level("error", l));
    CHECK(l == log::Level::error);
    CHECK_FALSE(log::parse_level("warning", l));
    CHECK_FALSE(log::parse_level("INFO", l));
    CHECK(l == log::Level::error);  // untouched by a bad name
    log::Format f = log::Format::text;
    CHECK(log::parse_format("json", f));
    CHECK(f == log::Format::json);
    CHECK_FALSE(log::parse_format("logfmt", f));
    CHECK(log::level_name(log::Level::warn) == "warn");
}

TEST_CASE("text: the prefix once, fields as key=value, quoted when they hold spaces") {
    const log::Field fields[] = {{"partition", 3}, {"topic", "news"}, {"why", "broker down"}, {"empty", ""}};
    CHECK(log::format_line(log::Format::text, log::Level::info, kTs, "notify", "delivering again", fields) ==
          "herald notify: delivering again partition=3 topic=news why=\"broker down\" empty=\"\"\n");
    CHECK(log::format_line(log::Format::text, log::Level::error, kTs, "", "unknown command", {}) ==
          "herald: unknown command\n");
}

TEST_CASE("json: one object per line with ts, level, component, msg and fields") {
    const log::Field fields[] = {{"partition", 3}, {"events", 18446744073709551615ULL}, {"topic", "news"}};
    CHECK(log::format_line(log::Format::json, log::Level::warn, kTs, "pipeline", "rebuild incomplete", fields) ==
          R"({"ts":"2026-12-06T22:44:20.123Z","level":"warn","component":"pipeline","msg":"rebuild incomplete",)"
          R"("fields":{"partition":3,"events":18446744073709551615,"topic":"news"}})"
          "\n");
    CHECK(log::format_line(log::Format::json, log::Level::info, 0, "run", "up", {}) ==
          R"({"ts":"1970-01-01T00:00:00.000Z","level":"info","component":"run","msg":"up"})"
          "\n");
}

TEST_CASE("json escapes quotes, backslashes, control characters and bad UTF-8, so a line stays one line") {
    const log::Field fields[] = {{"path", "C:\\rules \"x\".yaml"}};
    const std::string line = log::format_line(log::Format::json, log::Level::error, kTs, "rules",
                                              "bad\nfile\t\x01 \xff end", fields);
    CHECK(line == R"({"ts":"2026-12-06T22:44:20.123Z","level":"error","component":"rules",)"
                  R"("msg":"bad\nfile\t\u0001 )" "\xEF\xBF\xBD" R"( end","fields":{"path":"C:\\rules \"x\".yaml"}})"
                  "\n");
    CHECK(line.find('\n') == line.size() - 1);
}

TEST_CASE("write uses the configured format") {
    Captured c(log::Level::info, log::Format::json);
    log::info("console", "serving", {{"port", 8686}});
    REQUIRE(c.lines.size() == 1);
    CHECK(c.lines[0].rfind(R"({"ts":")", 0) == 0);
    CHECK(c.lines[0].find(R"("level":"info","component":"console","msg":"serving","fields":{"port":8686}})") !=
          std::string::npos);
}

TEST_CASE("printf builds a message of any length") {
    CHECK(log::printf("%d of %s", 3, "news") == "3 of news");
    CHECK(log::printf("%s", std::string(5000, 'x').c_str()).size() == 5000);
    CHECK(log::printf("%s", "").empty());
}

TEST_CASE("a rate limit lets one message through per interval and counts the rest") {
    log::RateLimit limit(1000);
    uint64_t held = 99;
    CHECK(limit.allow(5000, held));
    CHECK(held == 0);
    CHECK_FALSE(limit.allow(5001, held));
    CHECK_FALSE(limit.allow(5999, held));
    CHECK(limit.allow(6000, held));
    CHECK(held == 2);
    CHECK_FALSE(limit.allow(6500, held));
    CHECK(limit.allow(60000, held));
    CHECK(held == 1);
}
