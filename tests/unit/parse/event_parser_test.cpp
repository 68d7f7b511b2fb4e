#include <doctest/doctest.h>

#include <string>

#include "herald/parse/event_parser.hpp"

using herald::core::Event;
using herald::parse::ErrorCode;
using herald::parse::EventParser;

namespace {
ErrorCode parse(EventParser& p, std::string_view json, Event& e) {
    std::string detail;
    ErrorCode c = p.parse(json, e, detail);
    if (c != ErrorCode::none) CHECK_MESSAGE(!detail.empty(), "every dead letter has a detail");
    return c;
}
}  // namespace

TEST_CASE("a complete event: every field of the contract") {
    EventParser p;
    Event e;
    auto c = parse(p,
                   R"({"id":"seed-000","headline":"H","summary":"S \"q\" \u00e9","body":"B","text":"T",
        "published_at":"2026-04-30T21:10:00Z","source":"wire","url":"https://x/y",
        "tickers":["AMZN","MSFT"],"entities":[{"name":"Anthropic"},{"name":"Amazon","ticker":"AMZN"}],
        "unknown":{"deep":[1,2,{"x":null}]},"n":1.5})",
                   e);
    REQUIRE(c == ErrorCode::none);
    CHECK(e.id == "seed-000");
    CHECK(e.headline == "H");
    CHECK(e.summary == "S \"q\" \xC3\xA9");
    CHECK(e.body == "B");
    CHECK(e.text == "T");
    CHECK(e.source == "wire");
    CHECK(e.url == "https://x/y");
    CHECK(e.has_published_at);
    CHECK(e.published_at_ms == 1777583400000LL);
    REQUIRE(e.tickers.size() == 2);
    CHECK(e.tickers[1] == "MSFT");
    REQUIRE(e.entities.size() == 2);
    CHECK(e.entities[0].name == "Anthropic");
    CHECK(e.entities[0].ticker.empty());
    CHECK(e.entities[1].ticker == "AMZN");
}

TEST_CASE("published_at forms") {
    EventParser p;
    Event e;
    REQUIRE(parse(p, R"({"text":"x","published_at":1777583400123})", e) == ErrorCode::none);
    CHECK(e.published_at_ms == 1777583400123LL);
    REQUIRE(parse(p, R"({"text":"x","published_at":"2026-04-30T23:10:00.5+02:00"})", e) == ErrorCode::none);
    CHECK(e.published_at_ms == 1777583400500LL);
    REQUIRE(parse(p, R"({"text":"x","published_at":null})", e) == ErrorCode::none);
    CHECK_FALSE(e.has_published_at);
    REQUIRE(parse(p, R"({"text":"x"})", e) == ErrorCode::none);
    CHECK_FALSE(e.has_published_at);
    CHECK(parse(p, R"({"text":"x","published_at":"yesterday"})", e) == ErrorCode::invalid_value);
    CHECK(parse(p, R"({"text":"x","published_at":"2026-02-30T00:00:00Z"})", e) == ErrorCode::invalid_value);
    CHECK(parse(p, R"({"text":"x","published_at":-5})", e) == ErrorCode::invalid_value);
    CHECK(parse(p, R"({"text":"x","published_at":1.5})", e) == ErrorCode::wrong_type);
    CHECK(parse(p, R"({"text":"x","published_at":1e400})", e) != ErrorCode::none);
    CHECK(parse(p, R"({"text":"x","published_at":true})", e) == ErrorCode::wrong_type);
}

TEST_CASE("any one non-empty text field is enough") {
    EventParser p;
    Event e;
    for (const char* f : {"headline", "summary", "body", "text"}) {
        std::string json = std::string("{\"") + f + "\":\"news\"}";
        CHECK(parse(p, json, e) == ErrorCode::none);
    }
    CHECK(parse(p, R"({"headline":"","summary":null,"text":"t"})", e) == ErrorCode::none);
}

TEST_CASE("dead-letter codes") {
    EventParser p(4096);
    Event e;
    SUBCASE("empty and null values") {
        CHECK(parse(p, "", e) == ErrorCode::empty);
        CHECK(parse(p, "  \n", e) == ErrorCode::empty);
        CHECK(parse(p, "null", e) == ErrorCode::empty);
    }
    SUBCASE("not JSON, truncated, trailing bytes") {
        CHECK(parse(p, "this is not json", e) == ErrorCode::invalid_json);
        CHECK(parse(p, R"({"headline":"Amazon beats)", e) == ErrorCode::invalid_json);
        CHECK(parse(p, R"({"headline":"Amazon beats",)", e) == ErrorCode::invalid_json);
        CHECK(parse(p, R"({"headline":"a"} {"headline":"b"})", e) == ErrorCode::invalid_json);
        CHECK(parse(p, R"({"headline":"a",})", e) == ErrorCode::invalid_json);
        CHECK(parse(p, R"({"headline":"a","x":[1,2})", e) == ErrorCode::invalid_json);
    }
    SUBCASE("binary and invalid UTF-8") {
        CHECK(parse(p, std::string_view("\x00\x01\x02\xff\xfe", 5), e) != ErrorCode::none);
        CHECK(parse(p, "{\"headline\":\"caf\xC3\"}", e) == ErrorCode::invalid_utf8);
        CHECK(parse(p, "{\"headline\":\"\xED\xA0\x80\"}", e) == ErrorCode::invalid_utf8);
    }
    SUBCASE("not an object") {
        CHECK(parse(p, "[1,2,3]", e) == ErrorCode::not_object);
        CHECK(parse(p, "\"headline\"", e) == ErrorCode::not_object);
        CHECK(parse(p, "42", e) == ErrorCode::not_object);
        CHECK(parse(p, "true", e) == ErrorCode::not_object);
        CHECK(parse(p, "nul", e) == ErrorCode::invalid_json);
        CHECK(parse(p, "\"abc", e) == ErrorCode::invalid_json);
        CHECK(parse(p, "12 34", e) == ErrorCode::invalid_json);
    }
    SUBCASE("wrong field types") {
        CHECK(parse(p, R"({"headline":5})", e) == ErrorCode::wrong_type);
        CHECK(parse(p, R"({"headline":"x","tickers":"AMZN"})", e) == ErrorCode::wrong_type);
        CHECK(parse(p, R"({"headline":"x","tickers":["AMZN",1]})", e) == ErrorCode::wrong_type);
        CHECK(parse(p, R"({"headline":"x","entities":{"name":"A"}})", e) == ErrorCode::wrong_type);
        CHECK(parse(p, R"({"headline":"x","entities":[{"name":3}]})", e) == ErrorCode::wrong_type);
        CHECK(parse(p, R"({"headline":"x","id":12})", e) == ErrorCode::wrong_type);
        CHECK(parse(p, R"({"headline":["a"]})", e) == ErrorCode::wrong_type);
    }
    SUBCASE("no text") {
        CHECK(parse(p, R"({})", e) == ErrorCode::missing_text);
        CHECK(parse(p, R"({"id":"a","headline":"","tickers":["X"]})", e) == ErrorCode::missing_text);
    }
    SUBCASE("too large") {
        std::string big = "{\"text\":\"" + std::string(5000, 'a') + "\"}";
        std::string detail;
        CHECK(p.parse(big, e, detail) == ErrorCode::too_large);
        CHECK(detail.find("max-event-bytes") != std::string::npos);
    }
}

TEST_CASE("nesting: unknown deep fields are skipped without recursion, at any depth") {
    EventParser p(1 << 20, 64);
    Event e;
    auto nested = [](int depth) {
        std::string s = "{\"text\":\"x\",\"u\":";
        for (int i = 0; i < depth; ++i) s += "[";
        for (int i = 0; i < depth; ++i) s += "]";
        return s + "}";
    };
    CHECK(parse(p, nested(32), e) == ErrorCode::none);
    CHECK(parse(p, nested(64), e) == ErrorCode::none);
    CHECK(parse(p, nested(100000), e) == ErrorCode::none);
    CHECK(e.text == "x");
}

TEST_CASE("the parser is reusable after errors, and views stay valid until the next parse") {
    EventParser p;
    Event e;
    CHECK(parse(p, "{bad", e) == ErrorCode::invalid_json);
    REQUIRE(parse(p, R"({"headline":"second \n line"})", e) == ErrorCode::none);
    CHECK(e.headline == "second \n line");
    CHECK(parse(p, R"([])", e) == ErrorCode::not_object);
    CHECK(e.headline.empty());
}

TEST_CASE("error code names are the stable contract") {
    using herald::parse::error_code_name;
    CHECK(error_code_name(ErrorCode::invalid_json) == "invalid_json");
    CHECK(error_code_name(ErrorCode::missing_text) == "missing_text");
    CHECK(error_code_name(ErrorCode::too_large) == "too_large");
    CHECK(error_code_name(ErrorCode::invalid_utf8) == "invalid_utf8");
    CHECK(error_code_name(ErrorCode::not_object) == "not_object");
    CHECK(error_code_name(ErrorCode::wrong_type) == "wrong_type");
    CHECK(error_code_name(ErrorCode::empty) == "empty");
    CHECK(error_code_name(ErrorCode::too_deep) == "too_deep");
    CHECK(error_code_name(ErrorCode::invalid_value) == "invalid_value");
}

TEST_CASE("a 10 MB message is too_large without being parsed") {
    EventParser p;  // default max-event-bytes: 1 MiB
    Event e;
    std::string big = "{\"text\":\"" + std::string(10 << 20, 'a') + "\"}";
    std::string detail;
    CHECK(p.parse(big, e, detail) == ErrorCode::too_large);
    CHECK(detail.find("10485771 bytes") != std::string::npos);
}

TEST_CASE("a message that is not JSON: the code says what is wrong and the detail where") {
    EventParser p(4096);
    Event e;
    auto dead = [&](std::string_view payload, ErrorCode want_code, const std::string& want_detail) {
        std::string detail;
        ErrorCode got = p.parse(payload, e, detail);
        CHECK_MESSAGE(got == want_code, (std::string(payload) + " -> " + std::string(error_code_name(got))));
        CHECK(detail == want_detail);
    };
    // Trailing garbage was "document ended early in the middle of an object or array".
    dead(R"({"headline":"x"} trailing)", ErrorCode::invalid_json, "trailing bytes after the JSON object at offset 17 ('t')");
    dead(R"({"headline":"x"}})", ErrorCode::invalid_json, "trailing bytes after the JSON object at offset 16 ('}')");
    dead("12 34", ErrorCode::invalid_json, "trailing bytes after the JSON value at offset 3 ('3')");
    // Binary: bytes that are not UTF-8 are invalid_utf8, ASCII control bytes are invalid_json;
    // both name the byte.
    dead(std::string_view("\x00\x01\x02\xff\xfe", 5), ErrorCode::invalid_utf8,
         "not UTF-8 at offset 3 (0xff): binary data, or text in another encoding such as Latin-1");
    dead(std::string_view("\x1f\x8b\x08\x00", 4), ErrorCode::invalid_utf8,
         "not UTF-8 at offset 1 (0x8b): binary data, or text in another encoding such as Latin-1");
    dead(std::string_view("\x00\x01\x02{}", 5), ErrorCode::invalid_json,
         "expected a JSON value at offset 0 (0x00): binary data, not JSON text");
    dead("{\"headline\":\"caf\xe9\"}", ErrorCode::invalid_utf8,
         "not UTF-8 at offset 16 (0xe9): binary data, or text in another encoding such as Latin-1");
    // Structure, truncation, literals, strings, numbers.
    dead(R"({"headline":"a",})", ErrorCode::invalid_json, "expected a \"quoted\" key at offset 16 ('}')");
    dead(R"({"headline":"a" "b":1})", ErrorCode::invalid_json,
         "expected ',' or '}' after an object member at offset 16 ('\"')");
    dead(R"({"headline":"a","tickers":["A" "B"]})", ErrorCode::invalid_json,
         "expected ',' or ']' after an array element at offset 31 ('\"')");
    dead(R"({"headline" "a"})", ErrorCode::invalid_json, "expected ':' after the key at offset 12 ('\"')");
    dead(R"({"headline":"a","x":[1,2})", ErrorCode::invalid_json,
         "expected ',' or ']' after an array element at offset 24 ('}')");
    dead(R"({"headline":"Amazon beats)", ErrorCode::invalid_json,
         "the JSON ends inside a string at offset 25 (it starts at offset 12)");
    dead(R"({"headline":"x","x":{"y":[1,)", ErrorCode::invalid_json,
         "the JSON ends early at offset 28, inside an array (3 levels open)");
    dead(R"({"headline":tru})", ErrorCode::invalid_json, "expected true, false or null at offset 12 ('t')");
    dead(R"({"headline":"x","published_at":01})", ErrorCode::invalid_json,
         "expected ',' or '}' after an object member at offset 32 ('1')");
    dead(R"({"headline":"x","published_at":-})", ErrorCode::invalid_json,
         "malformed number at offset 31 ('}' at offset 32)");
    dead("{\"headline\":\"a\nb\"}", ErrorCode::invalid_json,
         "a control byte inside a string must be escaped (\\n, \\t or \\u00XX) at offset 14 (0x0a)");
    dead(R"({"headline":"a\qb"})", ErrorCode::invalid_json,
         "invalid escape in a string (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX) at offset 15 ('q')");
    dead(R"({"headline":"\u12G4"})", ErrorCode::invalid_json, "a \\u escape needs 4 hex digits at offset 13 ('\\')");
    // Valid JSON keeps its own code and detail.
    dead(R"({"headline":5})", ErrorCode::wrong_type, "expected a string for field 'headline'");
    dead("[1,2]", ErrorCode::not_object, "event must be a JSON object");
    dead("\xEF\xBB\xBF{\"headline\":\"x\"}", ErrorCode::invalid_json,
         "a UTF-8 byte order mark (0xef 0xbb 0xbf) at offset 0: JSON messages must not start with one");
}

TEST_CASE("numbers that do not fit are errors of the field, not crashes") {
    EventParser p;
    Event e;
    std::string detail;
    CHECK(p.parse(R"({"headline":"x","published_at":1e400})", e, detail) == ErrorCode::wrong_type);
    CHECK(p.parse(R"({"headline":"x","published_at":99999999999999999999999})", e, detail) == ErrorCode::wrong_type);
    // Unknown fields are skipped, not converted: an out-of-range number there is tolerated.
    CHECK(p.parse(R"({"headline":"big number","score":1e400})", e, detail) == ErrorCode::none);
}

TEST_CASE("story_id and action: a story's updates and deletions (docs/events.md, \"Story updates\")") {
    EventParser p;
    Event e;
    REQUIRE(parse(p, R"({"id":"m2","story_id":"s1","action":"updated","headline":"Acme cuts outlook"})", e) ==
            ErrorCode::none);
    CHECK(e.story_id == "s1");
    CHECK(e.action == herald::core::StoryAction::updated);
    REQUIRE(parse(p, R"({"headline":"x","story_id":"s1"})", e) == ErrorCode::none);
    CHECK(e.action == herald::core::StoryAction::created);  // the default
    REQUIRE(parse(p, R"({"headline":"x","action":null})", e) == ErrorCode::none);
    CHECK(e.action == herald::core::StoryAction::created);
    // A deletion needs no text, only the story.
    REQUIRE(parse(p, R"({"story_id":"s1","action":"deleted"})", e) == ErrorCode::none);
    CHECK(e.action == herald::core::StoryAction::deleted);
    std::string detail;
    CHECK(p.parse(R"({"action":"deleted"})", e, detail) == ErrorCode::invalid_value);
    CHECK(detail == "action 'deleted' needs the story's 'story_id'");
    CHECK(p.parse(R"({"headline":"x","action":"updated"})", e, detail) == ErrorCode::invalid_value);
    CHECK(p.parse(R"({"headline":"x","action":"removed","story_id":"s1"})", e, detail) == ErrorCode::invalid_value);
    CHECK(detail == "action must be created, updated or deleted (field 'action')");
    CHECK(p.parse(R"({"headline":"x","action":3})", e, detail) == ErrorCode::wrong_type);
    CHECK(p.parse(R"({"headline":"x","story_id":7})", e, detail) == ErrorCode::wrong_type);
    // A created or updated story still needs text.
    CHECK(p.parse(R"({"story_id":"s1","action":"updated"})", e, detail) == ErrorCode::missing_text);
    // clear() resets the story fields of a reused Event.
    REQUIRE(parse(p, R"({"headline":"x"})", e) == ErrorCode::none);
    CHECK(e.story_id.empty());
    CHECK(e.action == herald::core::StoryAction::created);
}
