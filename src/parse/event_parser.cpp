#include "herald/parse/event_parser.hpp"

#include <simdjson.h>

#include <cstring>

#include "herald/core/time.hpp"
#include "json_diagnosis.hpp"

namespace herald::parse {

namespace ondemand = simdjson::ondemand;

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::none: return "none";
        case ErrorCode::empty: return "empty";
        case ErrorCode::too_large: return "too_large";
        case ErrorCode::invalid_json: return "invalid_json";
        case ErrorCode::invalid_utf8: return "invalid_utf8";
        case ErrorCode::too_deep: return "too_deep";
        case ErrorCode::not_object: return "not_object";
        case ErrorCode::wrong_type: return "wrong_type";
        case ErrorCode::invalid_value: return "invalid_value";
        case ErrorCode::missing_text: return "missing_text";
        case ErrorCode::future_time: return "future_time";
    }
    return "invalid_json";
}

struct EventParser::Impl {
    ondemand::parser parser;
    std::string padded;  // payload copy with SIMDJSON_PADDING readable bytes after it
};

EventParser::EventParser(size_t max_event_bytes, size_t max_depth)
    : impl_(std::make_unique<Impl>()), max_event_bytes_(max_event_bytes) {
    // Allocate up front so parsing never grows buffers; failure surfaces as CAPACITY on first use.
    simdjson::error_code e = impl_->parser.allocate(max_event_bytes, max_depth);
    static_cast<void>(e);
}

EventParser::~EventParser() = default;

namespace {

ErrorCode from_simdjson(simdjson::error_code e) {
    switch (e) {
        case simdjson::UTF8_ERROR: return ErrorCode::invalid_utf8;
        case simdjson::DEPTH_ERROR: return ErrorCode::too_deep;
        case simdjson::CAPACITY: return ErrorCode::too_large;
        default: return ErrorCode::invalid_json;
    }
}

ErrorCode fail(ErrorCode code, std::string& detail, std::string_view what, std::string_view field = {},
               simdjson::error_code e = simdjson::SUCCESS) {
    detail.assign(what);
    if (!field.empty()) {
        detail.append(" (field '");
        detail.append(field.substr(0, 64));
        detail.append("')");
    }
    if (e != simdjson::SUCCESS) {
        detail.append(": ");
        detail.append(simdjson::error_message(e));
    }
    return code;
}

// A JSON value error while reading a field: the type was wrong, or the document broke there.
ErrorCode field_error(simdjson::error_code e, std::string& detail, std::string_view key, std::string_view expected) {
    if (e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_ERROR ||
        e == simdjson::NUMBER_OUT_OF_RANGE) {
        detail.assign("expected ");
        detail.append(expected);
        detail.append(" for field '");
        detail.append(key.substr(0, 64));
        detail.append("'");
        return ErrorCode::wrong_type;
    }
    return fail(from_simdjson(e), detail, "malformed JSON", key, e);
}

}  // namespace

ErrorCode EventParser::parse(std::string_view payload, core::Event& event, std::string& detail) {
    ErrorCode code = parse_fields(payload, event, detail);
    if (code != ErrorCode::invalid_json && code != ErrorCode::invalid_utf8 && code != ErrorCode::wrong_type &&
        code != ErrorCode::not_object)
        return code;
    // Cold path (a dead letter): a message that is not JSON text is invalid_utf8 or invalid_json
    // whatever simdjson's lazy parse met first (a field's type, the shape), with the byte offset
    // of the first fault; valid JSON keeps its code and simdjson's detail.
    using herald::parse::detail::JsonProblem;
    switch (herald::parse::detail::diagnose_json(payload, detail)) {  // sets detail unless none
        case JsonProblem::utf8: return ErrorCode::invalid_utf8;
        case JsonProblem::syntax: return ErrorCode::invalid_json;
        case JsonProblem::none: break;
    }
    return code;
}

namespace {

// Valid JSON that is not an object, or text that is not JSON: the scalar is read to tell them apart.
ErrorCode not_an_object(ondemand::document& doc, ondemand::json_type type, std::string& detail) {
    simdjson::error_code scalar_err = simdjson::SUCCESS;
    switch (type) {
        case ondemand::json_type::null: {
            bool is_null = false;
            scalar_err = doc.is_null().get(is_null);
            if (!scalar_err && is_null && doc.current_location().error())
                return fail(ErrorCode::empty, detail, "message value is JSON null");
            break;
        }
        case ondemand::json_type::boolean: scalar_err = doc.get_bool().error(); break;
        case ondemand::json_type::number: scalar_err = doc.get_double().error(); break;
        case ondemand::json_type::string: scalar_err = doc.get_string().error(); break;
        default: break;  // arrays: report the shape, the content does not matter
    }
    if (scalar_err || (type != ondemand::json_type::array && !doc.current_location().error()))
        return fail(ErrorCode::invalid_json, detail, "cannot parse JSON", {}, scalar_err ? scalar_err : simdjson::TAPE_ERROR);
    return fail(ErrorCode::not_object, detail, "event must be a JSON object");
}

// The event's text field named `key`, or nullptr for any other key.
std::string_view* text_field(core::Event& event, std::string_view key) {
    if (key == "headline") return &event.headline;
    if (key == "summary") return &event.summary;
    if (key == "body") return &event.body;
    if (key == "text") return &event.text;
    if (key == "id") return &event.id;
    if (key == "source") return &event.source;
    if (key == "url") return &event.url;
    if (key == "story_id") return &event.story_id;
    return nullptr;
}

// A string field; an explicit null is the same as absent.
ErrorCode read_text(ondemand::value& value, std::string_view key, std::string_view& target, std::string& detail) {
    bool is_null = false;
    simdjson::error_code err;
    if ((err = value.is_null().get(is_null))) return field_error(err, detail, key, "a string");
    if (is_null) return ErrorCode::none;
    if ((err = value.get_string().get(target))) return field_error(err, detail, key, "a string");
    return ErrorCode::none;
}

// published_at: an RFC 3339 string or epoch milliseconds (null: absent).
ErrorCode read_published_at(ondemand::value& value, std::string_view key, core::Event& event, std::string& detail) {
    ondemand::json_type t;
    simdjson::error_code err;
    if ((err = value.type().get(t))) return field_error(err, detail, key, "a time");
    if (t == ondemand::json_type::null) return ErrorCode::none;
    if (t == ondemand::json_type::string) {
        std::string_view s;
        if ((err = value.get_string().get(s))) return field_error(err, detail, key, "a time");
        if (!core::parse_rfc3339(s, event.published_at_ms))
            return fail(ErrorCode::invalid_value, detail, "published_at is not an RFC 3339 time like 2026-04-30T21:10:00Z");
    } else if (t == ondemand::json_type::number) {
        int64_t ms = 0;
        if ((err = value.get_int64().get(ms))) return field_error(err, detail, key, "epoch milliseconds (an integer)");
        if (ms < 0 || ms > 253402300799999LL)
            return fail(ErrorCode::invalid_value, detail, "published_at epoch milliseconds out of range");
        event.published_at_ms = ms;
    } else {
        return fail(ErrorCode::wrong_type, detail,
                    "expected an RFC 3339 string or epoch milliseconds for field 'published_at'");
    }
    event.has_published_at = true;
    return ErrorCode::none;
}

ErrorCode read_action(ondemand::value& value, std::string_view key, core::Event& event, std::string& detail) {
    std::string_view a;
    bool is_null = false;
    simdjson::error_code err;
    if ((err = value.is_null().get(is_null))) return field_error(err, detail, key, "a string");
    if (is_null) return ErrorCode::none;
    if ((err = value.get_string().get(a))) return field_error(err, detail, key, "a string");
    if (a == "created") event.action = core::StoryAction::created;
    else if (a == "updated") event.action = core::StoryAction::updated;
    else if (a == "deleted") event.action = core::StoryAction::deleted;
    else return fail(ErrorCode::invalid_value, detail, "action must be created, updated or deleted (field 'action')");
    return ErrorCode::none;
}

ErrorCode read_tickers(ondemand::value& value, std::string_view key, core::Event& event, std::string& detail) {
    ondemand::array arr;
    simdjson::error_code err;
    if ((err = value.get_array().get(arr))) return field_error(err, detail, key, "an array of strings");
    for (auto item : arr) {
        std::string_view t;
        if ((err = item.get_string().get(t))) return field_error(err, detail, key, "an array of strings");
        if (!t.empty()) event.tickers.push_back(t);
    }
    return ErrorCode::none;
}

ErrorCode read_entities(ondemand::value& value, std::string_view key, core::Event& event, std::string& detail) {
    ondemand::array arr;
    simdjson::error_code err;
    if ((err = value.get_array().get(arr))) return field_error(err, detail, key, "an array of {name, ticker} objects");
    for (auto item : arr) {
        ondemand::object eo;
        if ((err = item.get_object().get(eo))) return field_error(err, detail, key, "an array of {name, ticker} objects");
        core::EntityHint hint;
        for (auto ef_result : eo) {
            if ((err = ef_result.error())) return field_error(err, detail, key, "an entity object");
            ondemand::field ef = std::move(ef_result).value_unsafe();
            std::string_view ek;
            if ((err = ef.unescaped_key().get(ek))) return field_error(err, detail, key, "an entity object");
            if (ek == "name" || ek == "ticker") {
                std::string_view v;
                if ((err = ef.value().get_string().get(v)))
                    return field_error(err, detail, ek == "name" ? "entities.name" : "entities.ticker", "a string");
                (ek == "name" ? hint.name : hint.ticker) = v;
            }
        }
        if (!hint.name.empty()) event.entities.push_back(hint);
    }
    return ErrorCode::none;
}

// One field of the event object. Unknown fields are skipped by the iteration itself; their JSON
// is still validated.
ErrorCode read_field(std::string_view key, ondemand::value& value, core::Event& event, std::string& detail) {
    if (std::string_view* text = text_field(event, key)) return read_text(value, key, *text, detail);
    if (key == "published_at") return read_published_at(value, key, event, detail);
    if (key == "action") return read_action(value, key, event, detail);
    if (key == "tickers") return read_tickers(value, key, event, detail);
    if (key == "entities") return read_entities(value, key, event, detail);
    return ErrorCode::none;
}

// What a complete event needs once every field is read. An update or a deletion is about a
// story: it names it. A deletion needs no text (news APIs send the id alone).
ErrorCode check_complete(const core::Event& event, std::string& detail) {
    if (event.action != core::StoryAction::created && event.story_id.empty())
        return fail(ErrorCode::invalid_value, detail,
                    event.action == core::StoryAction::updated ? "action 'updated' needs the story's 'story_id'"
                                                               : "action 'deleted' needs the story's 'story_id'");
    if (event.action == core::StoryAction::deleted) return ErrorCode::none;
    if (event.headline.empty() && event.summary.empty() && event.body.empty() && event.text.empty())
        return fail(ErrorCode::missing_text, detail, "event has no non-empty headline, summary, body or text");
    return ErrorCode::none;
}

}  // namespace

ErrorCode EventParser::parse_fields(std::string_view payload, core::Event& event, std::string& detail) {
    event.clear();
    if (payload.empty()) return fail(ErrorCode::empty, detail, "empty message value");
    if (payload.size() > max_event_bytes_) {
        detail = "message of " + std::to_string(payload.size()) + " bytes exceeds max-event-bytes " +
                 std::to_string(max_event_bytes_);
        return ErrorCode::too_large;
    }
    // Whitespace-only values are empty too (a blank NDJSON line, a space-only message).
    size_t first = payload.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return fail(ErrorCode::empty, detail, "message value is only whitespace");

    std::string& buf = impl_->padded;
    if (buf.capacity() < payload.size() + simdjson::SIMDJSON_PADDING)
        buf.reserve(payload.size() + simdjson::SIMDJSON_PADDING);
    buf.assign(payload);
    ondemand::document doc;
    auto err = impl_->parser.iterate(buf.data(), payload.size(), buf.capacity()).get(doc);
    if (err) return fail(from_simdjson(err), detail, "cannot parse JSON", {}, err);

    ondemand::json_type type;
    if ((err = doc.type().get(type))) return fail(from_simdjson(err), detail, "cannot parse JSON", {}, err);
    if (type != ondemand::json_type::object) return not_an_object(doc, type, detail);
    ondemand::object obj;
    if ((err = doc.get_object().get(obj))) return fail(from_simdjson(err), detail, "cannot parse JSON", {}, err);

    for (auto field_result : obj) {
        if ((err = field_result.error())) return fail(from_simdjson(err), detail, "malformed JSON object", {}, err);
        ondemand::field field = std::move(field_result).value_unsafe();
        std::string_view key;
        if ((err = field.unescaped_key().get(key))) return fail(from_simdjson(err), detail, "malformed key", {}, err);
        ondemand::value value = field.value();
        if (const ErrorCode code = read_field(key, value, event, detail); code != ErrorCode::none) return code;
    }
    // current_location() fails only when the iterator is past the last token.
    if (!doc.current_location().error()) return fail(ErrorCode::invalid_json, detail, "trailing bytes after the JSON object");
    return check_complete(event, detail);
}

}  // namespace herald::parse
