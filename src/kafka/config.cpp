#include "config.hpp"

#include "herald/core/ascii.hpp"
#include "herald/core/log.hpp"

namespace herald::kafka::detail {

namespace {

bool apply(rd_kafka_conf_t* conf, const char* client, const std::string& name, const std::string& value,
           std::string& error) {
    char errstr[512];
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), errstr, sizeof errstr) == RD_KAFKA_CONF_OK)
        return true;
    // Error lines end up in logs: a value is shown only for a property librdkafka knows whose
    // name says nothing of secrets ("sasl.pasword=..." is unknown, so its value stays hidden).
    size_t size = 0;
    const bool known = rd_kafka_conf_get(conf, name.c_str(), nullptr, &size) == RD_KAFKA_CONF_OK;
    const bool show = known && !may_hold_secret(name);
    std::string why = errstr;
    if (!show && !value.empty())  // librdkafka quotes invalid values in its message
        for (size_t at = why.find(value); at != std::string::npos; at = why.find(value, at + 8))
            why.replace(at, value.size(), "(hidden)");
    error = std::string("kafka ") + client + " config: " + name + (show ? "=" + value : " (value hidden)") + ": " + why +
            " (see librdkafka CONFIGURATION.md for valid properties)";
    return false;
}

// librdkafka's own log lines (syslog levels) through herald's logger, so --log-format json keeps
// every stderr line JSON. Called from librdkafka's threads; the logger is thread-safe.
void log_line(const rd_kafka_t*, int level, const char* facility, const char* text) {
    const core::log::Level l = level <= 3   ? core::log::Level::error
                               : level == 4 ? core::log::Level::warn
                               : level <= 6 ? core::log::Level::info
                                            : core::log::Level::debug;
    core::log::write(l, "kafka", text, {{"facility", facility}});
}

}  // namespace

bool may_hold_secret(std::string_view name) {
    static constexpr std::string_view kWords[] = {"pass", "secret", "key", "token", "jaas", "credential", "sasl",
                                                  "oauth", "cert", "pem", "private", "auth", "pwd"};
    const std::string lower = core::ascii::lowered(name);
    for (std::string_view w : kWords)
        if (lower.find(w) != std::string::npos) return true;
    return false;
}

ConfPtr build_conf(const char* client, const Properties& defaults, const Properties& extra, std::string& error) {
    ConfPtr conf(rd_kafka_conf_new());
    rd_kafka_conf_set_log_cb(conf.get(), &log_line);
    // Every herald socket sends at once (TCP_NODELAY). With Nagle, a small request or response
    // written while the previous one is unacknowledged waits for the peer's delayed ACK, up to
    // 40 ms: measured as the ~42 ms ceiling of alert acknowledgements on the embedded broker, whose
    // accepted sockets take this setting from its owner handle. User properties can still turn it off.
    if (!apply(conf.get(), client, "socket.nagle.disable", "true", error)) return nullptr;
    for (const auto& [name, value] : defaults)
        if (!apply(conf.get(), client, name, value, error)) return nullptr;
    for (const auto& [name, value] : extra)
        if (!apply(conf.get(), client, name, value, error)) return nullptr;
    return conf;
}

void ClientDeleter::operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }

ClientPtr create_handle(const char* client, rd_kafka_type_t type, ConfPtr conf, std::string& error) {
    char errstr[512];
    // rd_kafka_new takes the conf only on success.
    ClientPtr rk(rd_kafka_new(type, conf.get(), errstr, sizeof errstr));
    if (!rk) {
        error = std::string("kafka ") + client + ": cannot create client: " + errstr;
        return nullptr;
    }
    conf.release();
    return rk;
}

std::string take_error(rd_kafka_error_t* err, const char* what) { return to_error(err, what).message(); }

Error to_error(rd_kafka_error_t* raw, const char* what) {
    ErrorPtr err(raw);
    if (!err) return {};
    // One flag at most, the gravest: a fatal error is not retried, nor one that needs an abort.
    Error::Flags flags;
    flags.fatal = rd_kafka_error_is_fatal(err.get());
    flags.txn_requires_abort = !flags.fatal && rd_kafka_error_txn_requires_abort(err.get());
    flags.retriable = !flags.fatal && !flags.txn_requires_abort && rd_kafka_error_is_retriable(err.get());
    std::string text = std::string(what) + ": " + rd_kafka_error_string(err.get());
    if (flags.fatal) text += " (fatal)";
    else if (flags.txn_requires_abort) text += " (transaction must be aborted)";
    else if (flags.retriable) text += " (retriable)";
    return Error(rd_kafka_error_code(err.get()), flags, std::move(text));
}

}  // namespace herald::kafka::detail
