#pragma once
// Appends compact JSON to a reused std::string; no allocation once the buffer has grown.
//
//   herald::core::JsonWriter w(buffer);   // buffer.clear() is the caller's choice
//   w.begin_object();
//   w.key("id"); w.string("seed-000");
//   w.key("score"); w.number(0.78);
//   w.end_object();
#include <cstdint>
#include <string>
#include <string_view>

namespace herald::core {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object() { comma(); out_.push_back('{'); first_ = true; }
    void end_object() { out_.push_back('}'); first_ = false; }
    void begin_array() { comma(); out_.push_back('['); first_ = true; }
    void end_array() { out_.push_back(']'); first_ = false; }
    void key(std::string_view k);
    void string(std::string_view s);
    // Finite doubles as the shortest text that reads back exactly; integers without ".0".
    // Non-finite values have no JSON form and are written as null.
    void number(double v);
    void integer(int64_t v);
    void boolean(bool v) { comma(); out_.append(v ? "true" : "false"); }
    void null() { comma(); out_.append("null"); }
    // A key and its value in one call: the pairs every writer of an object repeats.
    void string_field(std::string_view k, std::string_view v) { key(k); string(v); }
    void number_field(std::string_view k, double v) { key(k); number(v); }
    void integer_field(std::string_view k, int64_t v) { key(k); integer(v); }
    void bool_field(std::string_view k, bool v) { key(k); boolean(v); }
    // Inserts already-serialized JSON as one value.
    void raw(std::string_view json) { comma(); out_.append(json); }

    std::string& buffer() { return out_; }

private:
    void comma() {
        if (!first_ && after_key_ == false) out_.push_back(',');
        first_ = false;
        after_key_ = false;
    }
    std::string& out_;
    bool first_ = true;
    bool after_key_ = false;
};

// Escapes s as JSON string content (without quotes), replacing invalid UTF-8 by U+FFFD.
void append_json_escaped(std::string& out, std::string_view s);
// What append_json_escaped appends for s, in bytes (quotes not included).
size_t json_escaped_size(std::string_view s);
// The longest prefix of s, ending between two escape units (never inside a UTF-8 sequence), whose
// escaped size is at most `cap`; its escaped size goes to *escaped when given.
size_t json_escaped_prefix(std::string_view s, size_t cap, size_t* escaped = nullptr);

}  // namespace herald::core
