// The progress line of offline commands: rate, throughput, and share done with an ETA when the
// input's size is known (bytes shown in MB, topic messages as a count).
#include <doctest/doctest.h>

#include "herald/app/progress_line.hpp"

using herald::app::ProgressLine;

TEST_CASE("rates, share done and ETA") {
    CHECK(ProgressLine::format("backtest", 50000, 140000000, 250000000, 1000000000, "bytes", 10.0) ==
          "herald backtest: 50000 events, 5000 events/s, 14.0 MB/s, 25% of 1000.0 MB, ETA 0:30");
    CHECK(ProgressLine::format("backtest", 1200, 3000000, 1200, 4800, "messages", 2.0) ==
          "herald backtest: 1200 events, 600 events/s, 1.5 MB/s, 25% of 4800 messages, ETA 0:06");
}

TEST_CASE("no share or ETA when the size is unknown or nothing is read yet") {
    CHECK(ProgressLine::format("analyze", 10, 1000, 500, -1, "bytes", 1.0) ==
          "herald analyze: 10 events, 10 events/s, 0.0 MB/s");
    CHECK(ProgressLine::format("analyze", 0, 0, 0, 1000, "bytes", 0.0) == "herald analyze: 0 events, 0 events/s, 0.0 MB/s");
}

TEST_CASE("an ETA of hours is written in minutes") {
    CHECK(ProgressLine::format("backtest", 1, 1, 1, 100, "messages", 60.0).find("ETA 99:00") != std::string::npos);
}
