#pragma once
// The JSON the console's API answers with (docs/console.md, "API").
#include <string>
#include <vector>

#include "herald/console/store.hpp"

namespace herald::console {

// {"seq":..,"alert_id":..,"rule":..,...,"link":"/alerts/<id>"}
void append_row_json(std::string& out, const Row& r);
// {"alerts":[rows...],"next_before":seq|null,"last_seq":N}; last_seq: the store's newest row
// (a page follows the event stream from there).
void append_rows_json(std::string& out, const std::vector<Row>& rows, bool more, int64_t last_seq);
// {"since":..,"bucket_seconds":..,"keys":[{"key":..,"alerts":N,"buckets":[{"start":..,"alerts":n,"sentiment":x|null}]}]}
// The max_keys keys with the most alerts.
void append_buckets_json(std::string& out, const std::vector<Bucket>& buckets, int64_t since_ms, int64_t bucket_ms,
                         size_t max_keys);

}  // namespace herald::console
