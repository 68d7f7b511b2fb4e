#pragma once
// One metric as eval-metrics compares it: a gold annotation or a herald prediction, both read from
// JSON (herald's through write_metric_json), so fields herald does not emit yet (segment, low, high)
// are simply absent and read as null.
#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

namespace eval_metrics {

struct Figure {
    std::string kind, entity, segment, ticker, unit, period, qualifier, text, field;
    std::vector<std::string> segment_alts;
    std::optional<double> value, low, high, prior;
    bool forecast = false;
    // change: absent/null -> has_change false
    bool has_change = false;
    std::string direction, basis;
    std::optional<double> percent, percent_high, points;
    // Which keys the gold states. The new gold format states every key (null = must be null); the
    // older seeds gold leaves out what it does not check (absent = not compared).
    bool has_segment_key = false, has_period_key = false, has_direction_key = false, has_percent_key = false,
         has_percent_high_key = false, has_points_key = false, has_basis_key = false;
    bool doubtful = false;
    // Where the figure is: byte range in `field` (-1 when unknown, e.g. gold without text).
    long begin = -1, end = -1;
    std::string json;  // as read, for --list
};

// Reads a metric object (gold or herald's). Errors in required keys leave them empty.
Figure read_figure(simdjson::dom::element m);

}  // namespace eval_metrics
