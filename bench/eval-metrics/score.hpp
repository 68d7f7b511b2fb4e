#pragma once
// Gold files and per-event scoring: pair herald's metrics with gold ones, then count.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compare.hpp"
#include "figure.hpp"

namespace eval_metrics {

using Gold = std::map<std::string, std::vector<Figure>, std::less<>>;

// Reads gold NDJSON lines {"id", "metrics": [...]} from files, or from every *.ndjson file of a
// directory. False with `error` set on an unreadable path, a bad line or an id given twice.
bool load_gold(const std::vector<std::string>& paths, Gold& gold, std::string& error);

// Sets each gold figure's byte range from its `text` in the event's field: the n-th figure with
// the same text and field is the n-th occurrence. Returns how many texts were not found.
using FieldText = std::string_view (*)(const void* event, std::string_view field);
size_t locate(std::vector<Figure>& gold, const void* event, FieldText field_text);

struct KindTally {
    size_t gold = 0, kind_value = 0, all_right = 0;
};

struct Tally {
    std::map<std::string, KindTally, std::less<>> by_kind;  // per gold kind, for --by-kind
    size_t events = 0, gold = 0, doubtful = 0, pred = 0, pred_on_doubtful = 0;
    size_t kind_value = 0;  // pairs with kind and value right (true positives of kind+value)
    size_t all_right = 0;
    size_t field_right[kFieldCount] = {};
};

struct Listing {
    std::vector<std::string> misses, false_positives, wrong;
};

// Pairs predictions with gold figures one to one: first those whose spans overlap, then by kind
// and value (the seeds gold has no text: kind and entity too), the pair agreeing most first.
void score_event(std::string_view id, const std::vector<Figure>& gold, const std::vector<Figure>& pred,
                 const Companies& companies, Tally& t, Listing& list);

}  // namespace eval_metrics
