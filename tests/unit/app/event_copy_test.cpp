// copy_event: an event copied out of its parser stays intact when the parser parses another
// one (offline commands analyse a copy on another thread than its parse), and its analysis is
// the analysis of the original.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "herald/analysis/analysis_json.hpp"
#include "herald/app/event_copy.hpp"
#include "herald/app/event_processor.hpp"

using namespace herald;
using namespace herald::app;

TEST_CASE("a copied event keeps every field after its parser moves on") {
    analysis::Resources resources = analysis::Resources::load("", "");
    EventProcessor proc(resources, 1 << 20);
    std::string detail;
    const std::string first =
        R"({"id":"e1","headline":"Amazon beats \"estimates\"","summary":"AWS revenue rose 28% to $37.6B.",)"
        R"("body":"Body text.","source":"wire","url":"https://x/1","published_at":"2026-10-01T10:00:00Z",)"
        R"("tickers":["AMZN","MSFT"],"entities":[{"name":"Amazon","ticker":"AMZN"},{"name":"Acme Widgets"}]})";
    REQUIRE(proc.parse(first, EventSource{"f.ndjson", -1, 1, -1}, detail) == parse::ErrorCode::none);
    std::string expected;
    proc.analyze();
    proc.analysis_json(expected);

    std::string storage = "old content";
    analysis::Event copy;
    copy_event(proc.event(), storage, copy);
    // The parser's buffers now hold another event.
    REQUIRE(proc.parse(R"({"id":"e2","headline":"Something else entirely","tickers":["ZZZZ"]})",
                       EventSource{"f.ndjson", -1, 2, -1}, detail) == parse::ErrorCode::none);

    CHECK(copy.id == "e1");
    CHECK(copy.headline == "Amazon beats \"estimates\"");
    CHECK(copy.summary == "AWS revenue rose 28% to $37.6B.");
    CHECK(copy.body == "Body text.");
    CHECK(copy.text.empty());
    CHECK(copy.source == "wire");
    CHECK(copy.url == "https://x/1");
    CHECK(copy.has_published_at);
    REQUIRE(copy.tickers.size() == 2);
    CHECK(copy.tickers[1] == "MSFT");
    REQUIRE(copy.entities.size() == 2);
    CHECK(copy.entities[0].name == "Amazon");
    CHECK(copy.entities[0].ticker == "AMZN");
    CHECK(copy.entities[1].name == "Acme Widgets");
    CHECK(copy.entities[1].ticker.empty());
    for (auto f : analysis::kTextFields) {
        std::string_view s = copy.field(f);
        if (!s.empty()) CHECK((s.data() >= storage.data() && s.data() + s.size() <= storage.data() + storage.size()));
    }

    analysis::Analysis result;
    proc.analyze(copy, result);
    std::string got;
    analysis::append_analysis_json(got, copy, result);
    CHECK(got == expected);
}

TEST_CASE("copying into a used slot replaces its content") {
    analysis::Event from, copy;
    from.id = "a";
    from.headline = "first headline";
    from.tickers = {"AAA", "BBB"};
    std::string storage;
    copy_event(from, storage, copy);
    analysis::Event second;
    second.id = "b";
    second.summary = "second";
    copy_event(second, storage, copy);
    CHECK(copy.id == "b");
    CHECK(copy.headline.empty());
    CHECK(copy.summary == "second");
    CHECK(copy.tickers.empty());
    CHECK(storage == "bsecond");
}

TEST_CASE("every event of the sample feed analyses the same from its copy") {
    analysis::Resources resources = analysis::Resources::load("", "");
    EventProcessor proc(resources, 1 << 20);
    std::ifstream in(std::string(HERALD_SOURCE_DIR) + "/data/sample-feed.ndjson");
    REQUIRE(in);
    std::string line, detail, storage, direct, copied;
    analysis::Event copy;
    analysis::Analysis result;
    analysis::Explanation explain_direct, explain_copy;
    int64_t number = 0, compared = 0;
    while (std::getline(in, line)) {
        ++number;
        if (proc.parse(line, EventSource{"sample", -1, number, -1}, detail) != parse::ErrorCode::none) continue;
        copy_event(proc.event(), storage, copy);
        proc.analyze(&explain_direct);
        direct.clear();
        proc.analysis_json(direct, &explain_direct);
        proc.analyze(copy, result, &explain_copy);
        copied.clear();
        analysis::append_analysis_json(copied, copy, result, &explain_copy);
        CHECK_MESSAGE(copied == direct, "sample feed line " << number);
        ++compared;
    }
    CHECK(compared > 200);
}
