#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "herald/app/line_reader.hpp"
#include "herald/app/options.hpp"

using namespace herald::app;

namespace {
CommandSpec spec() {
    return {"run", "herald run", "test", {{"brokers", "LIST", "", ""}, {"group", "ID", "", "herald"},
                                          {"workers", "N", "", ""}, {"json", "", "", ""}, {"kafka", "K=V", "", ""},
                                          {"consumer", "K=V", "", ""}, {"drain-timeout", "D", "", ""},
                                          {"config", "FILE", "", ""}}, false};
}
Options parse(std::vector<std::string> args) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return parse_args(static_cast<int>(argv.size()), argv.data(), 0, spec());
}
std::string temp_file(const std::string& name, const std::string& content) {
    std::string path = std::string(HERALD_BINARY_DIR) + "/" + name;
    std::ofstream(path) << content;
    return path;
}
}  // namespace

TEST_CASE("flags: --key value, --key=value, booleans, repeatable properties") {
    Options o = parse({"--brokers", "a:1", "--group=g", "--json", "--kafka", "acks=all", "--consumer",
                       "session.timeout.ms=6000"});
    CHECK(o.get("brokers") == "a:1");
    CHECK(o.get("group") == "g");
    CHECK(o.flag("json"));
    CHECK_FALSE(o.flag("missing"));
    REQUIRE(o.kafka.size() == 1);
    CHECK(o.kafka[0] == std::pair<std::string, std::string>{"acks", "all"});
    CHECK(o.consumer[0].second == "6000");
}

TEST_CASE("a repeated option keeps every value in order; get() gives the last") {
    Options o = parse({"--brokers", "a:1", "--brokers=b:2", "--group", "g"});
    CHECK(o.get_all("brokers") == std::vector<std::string>{"a:1", "b:2"});
    CHECK(o.get("brokers") == "b:2");
    CHECK(o.get_all("group") == std::vector<std::string>{"g"});
    CHECK(o.get_all("workers").empty());
    o.set("group", "h");
    CHECK(o.get_all("group") == std::vector<std::string>{"h"});
}

TEST_CASE("usage errors name the bad argument") {
    CHECK_THROWS_WITH_AS(parse({"--nope"}), doctest::Contains("unknown option '--nope'"), UsageError);
    CHECK_THROWS_WITH_AS(parse({"--brokers"}), doctest::Contains("needs a value"), UsageError);
    CHECK_THROWS_WITH_AS(parse({"stray"}), doctest::Contains("unexpected argument 'stray'"), UsageError);
    CHECK_THROWS_WITH_AS(parse({"--kafka", "novalue"}), doctest::Contains("KEY=VALUE"), UsageError);
    Options o = parse({"--workers", "abc", "--drain-timeout", "5 parsecs"});
    CHECK_THROWS_WITH_AS(o.get_int("workers", 1, 1, 8), doctest::Contains("--workers 'abc'"), UsageError);
    CHECK_THROWS_WITH_AS(o.get_duration_ms("drain-timeout", 0), doctest::Contains("duration"), UsageError);
}

TEST_CASE("config file: same keys, flags win, librdkafka maps, errors with line:col") {
    auto path = temp_file("options_test.yaml",
                          "brokers: file:9092\ngroup: from-file\nkafka:\n  acks: all\nconsumer:\n  fetch.wait.max.ms: 10\n");
    Options o = parse({"--group", "from-flag", "--kafka", "acks=1"});
    o.merge_config_file(path, spec());
    CHECK(o.get("brokers") == "file:9092");
    CHECK(o.get("group") == "from-flag");
    REQUIRE(o.kafka.size() == 2);
    CHECK(o.kafka.back().second == "1");  // applied last, so the flag wins in librdkafka
    CHECK(o.consumer.size() == 1);

    auto bad = temp_file("options_bad.yaml", "brokers: a\nbrokerz: b\n");
    Options o2 = parse({});
    CHECK_THROWS_WITH_AS(o2.merge_config_file(bad, spec()), doctest::Contains("options_bad.yaml:2:1: unknown config key 'brokerz'"),
                         UsageError);
    auto broken = temp_file("options_broken.yaml", "brokers: [a\n");
    CHECK_THROWS_WITH_AS(o2.merge_config_file(broken, spec()), doctest::Contains("invalid YAML"), UsageError);
    CHECK_THROWS_WITH_AS(o2.merge_config_file("/nonexistent/x.yaml", spec()), doctest::Contains("cannot read config file"),
                         UsageError);
}

TEST_CASE("config file of the wrong shape: a usage error with FILE:LINE:COL, never yaml-cpp's bare text") {
    Options o = parse({});
    // A key that is a list or a map: yaml-cpp's conversion used to escape as a runtime error (exit 1).
    auto list_key = temp_file("options_list_key.yaml", "brokers: a\n? [x, y]\n: 1\n");
    CHECK_THROWS_WITH_AS(o.merge_config_file(list_key, spec()),
                         doctest::Contains("options_list_key.yaml:2:3: a config key must be a single value, not a list"),
                         UsageError);
    auto map_prop = temp_file("options_map_prop.yaml", "kafka:\n  acks:\n    deep: 1\n");
    CHECK_THROWS_WITH_AS(o.merge_config_file(map_prop, spec()),
                         doctest::Contains("options_map_prop.yaml:3:5: 'kafka.acks' must be a single value, not a map"),
                         UsageError);
    auto list_value = temp_file("options_list_value.yaml", "group:\n  - a\n  - b\n");
    CHECK_THROWS_WITH_AS(o.merge_config_file(list_value, spec()),
                         doctest::Contains("options_list_value.yaml:2:3: 'group' must be a single value, not a list"),
                         UsageError);
    auto top_list = temp_file("options_top_list.yaml", "- brokers\n");
    CHECK_THROWS_WITH_AS(o.merge_config_file(top_list, spec()), doctest::Contains("options_top_list.yaml:1:1: a config file"),
                         UsageError);
}

TEST_CASE("line reader: plain files, long lines, CRLF, no final newline") {
    std::string long_line(300000, 'x');
    auto path = temp_file("lines.ndjson", "a\r\n\n" + long_line + "\nlast");
    LineReader r;
    std::string error;
    REQUIRE(r.open(path, error));
    std::string_view line;
    std::vector<std::string> lines;
    while (r.next(line)) lines.emplace_back(line);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "a");
    CHECK(lines[1].empty());
    CHECK(lines[2] == long_line);
    CHECK(lines[3] == "last");
    CHECK(r.line_number() == 4);
    LineReader missing;
    CHECK_FALSE(missing.open("/nonexistent/feed.ndjson", error));
    CHECK(error.find("cannot open '/nonexistent/feed.ndjson'") == 0);
}

TEST_CASE("line reader: gzip files") {
    std::string plain = std::string(HERALD_BINARY_DIR) + "/lines_gz.ndjson";
    std::ofstream(plain) << "{\"text\":\"one\"}\n{\"text\":\"two\"}\n";
    REQUIRE(std::system(("gzip -kf " + plain).c_str()) == 0);
    LineReader r;
    std::string error;
    REQUIRE(r.open(plain + ".gz", error));
    std::string_view line;
    int n = 0;
    while (r.next(line)) {
        ++n;
        CHECK(line.find("\"text\"") != std::string_view::npos);
    }
    CHECK(n == 2);
}

TEST_CASE("librdkafka property values from a file or the environment, never echoed (issue 20 item 13)") {
    const std::string secret_file = temp_file("kafka-password.txt", "s3cret-from-file\n");
    setenv("HERALD_TEST_KAFKA_SECRET", "s3cret-from-env", 1);
    Options o = parse({"--kafka", "sasl.password=@file:" + secret_file, "--consumer",
                       "sasl.username=${env:HERALD_TEST_KAFKA_SECRET}", "--kafka", "client.id=plain"});
    REQUIRE(o.kafka.size() == 2);
    CHECK(o.kafka[0] == std::pair<std::string, std::string>{"sasl.password", "s3cret-from-file"});  // newline dropped
    CHECK(o.kafka[1] == std::pair<std::string, std::string>{"client.id", "plain"});
    REQUIRE(o.consumer.size() == 1);
    CHECK(o.consumer[0].second == "s3cret-from-env");

    // The config file's kafka map takes the same forms.
    const std::string cfg = temp_file("secret-config.yaml", "kafka:\n  sasl.password: \"@file:" + secret_file +
                                                                "\"\n  sasl.username: ${env:HERALD_TEST_KAFKA_SECRET}\n");
    Options c = parse({"--config", cfg});
    c.merge_config_file(cfg, spec());
    REQUIRE(c.kafka.size() == 2);
    CHECK(c.kafka[0].second == "s3cret-from-file");
    CHECK(c.kafka[1].second == "s3cret-from-env");

    // Errors name the property and the file or variable, exit 2 (UsageError).
    CHECK_THROWS_WITH_AS(parse({"--kafka", "sasl.password=@file:/nonexistent/pw"}),
                         doctest::Contains("cannot read '/nonexistent/pw' for property 'sasl.password'"), UsageError);
    CHECK_THROWS_WITH_AS(parse({"--kafka", "sasl.password=${env:HERALD_TEST_UNSET_VARIABLE}"}),
                         doctest::Contains("'HERALD_TEST_UNSET_VARIABLE' for property 'sasl.password' is not set"),
                         UsageError);
    // A property written without '=' is not echoed: it may be a bare secret.
    try {
        parse({"--kafka", "hunter2-secret"});
        FAIL("no error");
    } catch (const UsageError& e) {
        CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
        CHECK(std::string(e.what()).find("KEY=VALUE") != std::string::npos);
    }
}
