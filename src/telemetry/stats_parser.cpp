#include "herald/telemetry/stats_parser.hpp"

#include <charconv>
#include <map>

#include <simdjson.h>

namespace herald::telemetry {
namespace {

namespace od = simdjson::ondemand;

bool fail(std::string& error, std::string_view where, simdjson::error_code code) {
    error = "librdkafka statistics: cannot read ";
    error += where;
    error += ": ";
    error += simdjson::error_message(code);
    return false;
}

bool parse_partition(od::object partition, std::string_view topic, StatsReport& report, std::string& error) {
    int64_t id = -1, lag = -1;
    for (auto field : partition) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return fail(error, "partition key", e);
        if (key == "partition") {
            if (auto e = field.value().get_int64().get(id)) return fail(error, "partition id", e);
        } else if (key == "consumer_lag") {
            if (auto e = field.value().get_int64().get(lag)) return fail(error, "consumer_lag", e);
        }
    }
    // Partition -1 is librdkafka's internal UA partition; a lag of -1 means unknown/unassigned.
    if (id >= 0 && lag >= 0)
        report.lags.push_back({std::string(topic), static_cast<int32_t>(id), lag});
    return true;
}

bool parse_topics(od::object topics, StatsReport& report, std::string& error) {
    for (auto topic_field : topics) {
        std::string_view topic;
        if (auto e = topic_field.unescaped_key().get(topic)) return fail(error, "topic name", e);
        const std::string topic_name(topic);
        od::object topic_object;
        if (auto e = topic_field.value().get_object().get(topic_object)) return fail(error, "topic", e);
        for (auto field : topic_object) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key)) return fail(error, "topic key", e);
            if (key != "partitions") continue;
            od::object partitions;
            if (auto e = field.value().get_object().get(partitions)) return fail(error, "partitions", e);
            for (auto partition_field : partitions) {
                od::object partition;
                if (auto e = partition_field.value().get_object().get(partition)) return fail(error, "partition", e);
                if (!parse_partition(partition, topic_name, report, error)) return false;
            }
        }
    }
    return true;
}

bool parse_rtt(od::object rtt, double& avg_us, int64_t& samples, std::string& error) {
    for (auto field : rtt) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return fail(error, "rtt key", e);
        if (key == "avg") {
            if (auto e = field.value().get_double().get(avg_us)) return fail(error, "rtt.avg", e);
        } else if (key == "cnt") {
            if (auto e = field.value().get_int64().get(samples)) return fail(error, "rtt.cnt", e);
        }
    }
    return true;
}

bool parse_brokers(od::object brokers, StatsReport& report, std::string& error) {
    for (auto broker_field : brokers) {
        std::string_view broker_key;
        if (auto e = broker_field.unescaped_key().get(broker_key)) return fail(error, "broker name", e);
        std::string name(broker_key);
        od::object broker;
        if (auto e = broker_field.value().get_object().get(broker)) return fail(error, "broker", e);
        std::string_view source, state;
        int64_t samples = 0;
        double avg_us = 0;
        for (auto field : broker) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key)) return fail(error, "broker key", e);
            if (key == "name") {
                std::string_view v;
                if (auto e = field.value().get_string().get(v)) return fail(error, "broker name", e);
                name = v;
            } else if (key == "source") {
                if (auto e = field.value().get_string().get(source)) return fail(error, "broker source", e);
            } else if (key == "state") {
                if (auto e = field.value().get_string().get(state)) return fail(error, "broker state", e);
            } else if (key == "rtt") {
                od::object rtt;
                if (auto e = field.value().get_object().get(rtt)) return fail(error, "broker rtt", e);
                if (!parse_rtt(rtt, avg_us, samples, error)) return false;
            }
        }
        // The internal broker (nodeid -1, source "internal") only queues work; it has no RTT. A
        // logical one ("GroupCoordinator", source "logical") is a second handle on a real broker.
        if (source == "internal" || source == "logical") continue;
        report.rtts.push_back({std::move(name), avg_us * 1e-6, samples, std::string(state)});
    }
    return true;
}

bool parse_group(od::object group, StatsReport& report, std::string& error) {
    for (auto field : group) {
        std::string_view key, value;
        if (auto e = field.unescaped_key().get(key)) return fail(error, "cgrp key", e);
        if (key != "state" && key != "join_state") continue;
        if (auto e = field.value().get_string().get(value)) return fail(error, "cgrp state", e);
        (key == "state" ? report.group_state : report.group_join_state) = value;
    }
    return true;
}

ClusterView view_of(const StatsReport& report) {
    ClusterView view;
    view.reported = true;
    view.group_state = report.group_state;
    view.group_join_state = report.group_join_state;
    int listed = 0;
    for (const auto& b : report.rtts) {
        ++view.brokers;
        if (b.state == "UP") {
            ++view.up;
        } else if (listed++ < 3) {
            if (!view.states.empty()) view.states += ", ";
            view.states += b.broker + " " + (b.state.empty() ? "?" : b.state);
        }
    }
    return view;
}

}  // namespace

bool parse_statistics(std::string_view json, StatsReport& report, std::string& error) {
    report = StatsReport{};
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse a padded copy.
    const simdjson::padded_string padded(json);
    od::parser parser;
    od::document doc;
    if (auto e = parser.iterate(padded).get(doc)) return fail(error, "document", e);
    od::object root;
    if (auto e = doc.get_object().get(root)) return fail(error, "top level (expected an object)", e);
    for (auto field : root) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return fail(error, "key", e);
        if (key == "type") {
            std::string_view type;
            if (auto e = field.value().get_string().get(type)) return fail(error, "type", e);
            report.type = type;
        } else if (key == "msg_cnt") {
            if (auto e = field.value().get_int64().get(report.queued_messages)) return fail(error, "msg_cnt", e);
        } else if (key == "brokers") {
            od::object brokers;
            if (auto e = field.value().get_object().get(brokers)) return fail(error, "brokers", e);
            if (!parse_brokers(brokers, report, error)) return false;
        } else if (key == "topics") {
            od::object topics;
            if (auto e = field.value().get_object().get(topics)) return fail(error, "topics", e);
            if (!parse_topics(topics, report, error)) return false;
        } else if (key == "cgrp") {
            od::object group;
            if (auto e = field.value().get_object().get(group)) return fail(error, "cgrp", e);
            if (!parse_group(group, report, error)) return false;
        }
    }
    if (report.type.empty()) {
        error = "librdkafka statistics: no \"type\" field; expected the JSON of the statistics callback";
        return false;
    }
    return true;
}

StatsParser::StatsParser(Metrics& metrics, StatsParserOptions options)
    : metrics_(metrics), options_(std::move(options)) {}

bool StatsParser::update(std::string_view json, std::string& error) {
    StatsReport report;
    if (!parse_statistics(json, report, error)) return false;
    std::lock_guard lock(mutex_);

    if (report.type == "consumer") {
        cluster_ = view_of(report);
        std::map<int32_t, int64_t> lag;
        for (const auto& p : report.lags)
            if (options_.topic.empty() || p.topic == options_.topic) lag[p.partition] += p.lag;
        for (auto it = lag_partitions_.begin(); it != lag_partitions_.end();) {
            if (lag.count(*it) == 0) {
                metrics_.forget_consumer_lag(*it);
                it = lag_partitions_.erase(it);
            } else {
                ++it;
            }
        }
        for (const auto& [partition, messages] : lag) {
            metrics_.consumer_lag(partition).Set(static_cast<double>(messages));
            lag_partitions_.insert(partition);
        }
    } else if (report.type == "producer" && report.queued_messages >= 0) {
        metrics_.producer_queue_messages().Set(static_cast<double>(report.queued_messages));
    }

    if (options_.broker_rtt && report.type != "consumer") {
        std::set<std::string> seen;
        for (const auto& b : report.rtts) {
            // An idle window has no samples (avg 0): keep the last measured value instead.
            if (b.samples > 0) metrics_.broker_rtt(b.broker).Set(b.seconds);
            if (b.samples > 0 || rtt_brokers_.count(b.broker) != 0) seen.insert(b.broker);
        }
        for (const std::string& broker : rtt_brokers_)
            if (seen.count(broker) == 0) metrics_.forget_broker_rtt(broker);
        rtt_brokers_ = std::move(seen);
    }
    return true;
}

ClusterView StatsParser::cluster() const {
    std::lock_guard lock(mutex_);
    return cluster_;
}

}  // namespace herald::telemetry
