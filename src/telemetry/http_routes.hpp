#pragma once
// What the metrics endpoint answers for a path, independent of sockets and HTTP framing.
#include <string>
#include <string_view>

#include <prometheus/collectable.h>

#include "herald/telemetry/http_server.hpp"

namespace herald::telemetry::detail {

struct Reply {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
};

// target may carry a query string, which is ignored.
Reply route(std::string_view target, const prometheus::Collectable& metrics, const ReadinessCheck& ready);

}  // namespace herald::telemetry::detail
