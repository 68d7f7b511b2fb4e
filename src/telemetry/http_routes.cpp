#include "http_routes.hpp"

#include <prometheus/text_serializer.h>

namespace herald::telemetry::detail {

Reply route(std::string_view target, const prometheus::Collectable& metrics, const ReadinessCheck& ready) {
    const std::string_view path = target.substr(0, target.find('?'));
    Reply reply;
    if (path == "/metrics") {
        reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
        reply.body = prometheus::TextSerializer().Serialize(metrics.Collect());
    } else if (path == "/healthz") {
        reply.body = "ok\n";
    } else if (path == "/readyz") {
        std::string reason;
        if (!ready || ready(reason)) {
            reply.body = "ok\n";
        } else {
            reply.status = 503;
            reply.body = (reason.empty() ? std::string("not ready") : reason) + "\n";
        }
    } else {
        reply.status = 404;
        reply.body = "not found: try /metrics, /healthz or /readyz\n";
    }
    return reply;
}

}  // namespace herald::telemetry::detail
