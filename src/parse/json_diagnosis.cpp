#include "json_diagnosis.hpp"

#include <cstdint>

namespace herald::parse::detail {

namespace {

// 'x' for a visible ASCII byte, else 0xNN: the detail stays one printable line.
std::string show(unsigned char c) {
    if (c > 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
    static constexpr char hex[] = "0123456789abcdef";
    return std::string("0x") + hex[c >> 4] + hex[c & 15];
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_hex(unsigned char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Length of the UTF-8 sequence at t[i]; 0 when it is none (a stray or cut-short sequence, an
// overlong form, a surrogate, or past U+10FFFF).
size_t utf8_length(std::string_view t, size_t i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) return 1;
    size_t len;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1Fu, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0Fu, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07u, min = 0x10000;
    else return 0;
    if (i + len > t.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        const auto d = static_cast<unsigned char>(t[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (d & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

// RFC 8259 without recursion: `open_` holds the containers around the current place.
class Checker {
public:
    Checker(std::string_view t, std::string& detail) : t_(t), detail_(detail) {}

    JsonProblem run() {
        if (t_.substr(0, 3) == "\xEF\xBB\xBF") {  // simdjson refuses it, and so does RFC 8259 for messages
            detail_ = "a UTF-8 byte order mark (0xef 0xbb 0xbf) at offset 0: JSON messages must not start with one";
            return JsonProblem::syntax;
        }
        enum class Want { value, value_or_close, key, key_or_close, colon, comma_or_close };
        Want want = Want::value;
        char top = 0;  // the first byte of the top-level value
        for (;;) {
            skip_space();
            if (i_ >= t_.size()) return ends_early(want == Want::value && open_.empty());
            const auto c = static_cast<unsigned char>(t_[i_]);
            if (!top) top = static_cast<char>(c);
            switch (want) {
                case Want::value_or_close:
                    if (c == ']') {
                        open_.pop_back();
                        ++i_;
                        break;
                    }
                    [[fallthrough]];
                case Want::value:
                    if (c == '{' || c == '[') {
                        open_.push_back(static_cast<char>(c));
                        ++i_;
                        want = c == '{' ? Want::key_or_close : Want::value_or_close;
                        continue;
                    }
                    if (!scalar(c)) return JsonProblem::syntax;
                    break;
                case Want::key_or_close:
                    if (c == '}') {
                        open_.pop_back();
                        ++i_;
                        break;
                    }
                    [[fallthrough]];
                case Want::key:
                    if (c != '"')
                        return fail(want == Want::key ? "expected a \"quoted\" key" : "expected a \"quoted\" key or '}'");
                    if (!string()) return JsonProblem::syntax;
                    want = Want::colon;
                    continue;
                case Want::colon:
                    if (c != ':') return fail("expected ':' after the key");
                    ++i_;
                    want = Want::value;
                    continue;
                case Want::comma_or_close: {
                    const bool object = open_.back() == '{';
                    if (c == ',') {
                        ++i_;
                        want = object ? Want::key : Want::value;
                        continue;
                    }
                    if (c != (object ? '}' : ']'))
                        return fail(object ? "expected ',' or '}' after an object member"
                                           : "expected ',' or ']' after an array element");
                    open_.pop_back();
                    ++i_;
                    break;
                }
            }
            // A value ended here.
            if (!open_.empty()) {
                want = Want::comma_or_close;
                continue;
            }
            skip_space();
            if (i_ < t_.size())
                return fail(top == '{' ? "trailing bytes after the JSON object" : "trailing bytes after the JSON value");
            return JsonProblem::none;
        }
    }

private:
    void skip_space() {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
    }

    // "<what> at offset N (<byte>)", noting that control bytes outside strings mean binary data.
    JsonProblem fail(const std::string& what) { return fail_at(i_, what); }
    JsonProblem fail_at(size_t at, const std::string& what, bool binary_note = true) {
        const auto c = static_cast<unsigned char>(t_[at]);
        detail_ = what + " at offset " + std::to_string(at) + " (" + show(c) + ")";
        if (binary_note && is_control(c)) detail_ += ": binary data, not JSON text";
        return JsonProblem::syntax;
    }

    JsonProblem ends_early(bool nothing) {
        if (nothing) {
            detail_ = "no JSON value (the message ends at offset " + std::to_string(i_) + ")";
        } else {
            detail_ = "the JSON ends early at offset " + std::to_string(i_) + ", inside ";
            detail_ += open_.empty() ? "a value" : open_.back() == '{' ? "an object" : "an array";
            if (open_.size() > 1) detail_ += " (" + std::to_string(open_.size()) + " levels open)";
        }
        return JsonProblem::syntax;
    }

    bool scalar(unsigned char c) {
        if (c == '"') return string();
        if (c == '-' || is_digit(c)) return number();
        for (std::string_view lit : {std::string_view("true"), std::string_view("false"), std::string_view("null")}) {
            if (t_.substr(i_, lit.size()) == lit) {
                i_ += lit.size();
                return true;
            }
        }
        if (c == 't' || c == 'f' || c == 'n') fail("expected true, false or null");
        else fail("expected a JSON value");
        return false;
    }

    bool string() {
        const size_t start = i_++;
        while (i_ < t_.size()) {
            const auto c = static_cast<unsigned char>(t_[i_]);
            if (c == '"') {
                ++i_;
                return true;
            }
            if (c == '\\') {
                if (i_ + 1 >= t_.size()) break;
                const char e = t_[i_ + 1];
                if (e == 'u') {
                    for (size_t k = 2; k < 6; ++k)
                        if (i_ + k >= t_.size() || !is_hex(static_cast<unsigned char>(t_[i_ + k]))) {
                            fail("a \\u escape needs 4 hex digits");
                            return false;
                        }
                    i_ += 6;
                    continue;
                }
                if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    fail_at(i_ + 1, "invalid escape in a string (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)");
                    return false;
                }
                i_ += 2;
                continue;
            }
            if (c < 0x20) {
                fail_at(i_, "a control byte inside a string must be escaped (\\n, \\t or \\u00XX)", false);
                return false;
            }
            ++i_;  // UTF-8 was checked before
        }
        detail_ = "the JSON ends inside a string at offset " + std::to_string(t_.size()) + " (it starts at offset " +
                  std::to_string(start) + ")";
        return false;
    }

    bool number() {
        const size_t start = i_;
        auto digits = [&] {
            const size_t from = i_;
            while (i_ < t_.size() && is_digit(static_cast<unsigned char>(t_[i_]))) ++i_;
            return i_ > from;
        };
        auto malformed = [&] {
            detail_ = "malformed number at offset " + std::to_string(start);
            if (i_ < t_.size()) detail_ += " (" + show(static_cast<unsigned char>(t_[i_])) + " at offset " + std::to_string(i_) + ")";
            return false;
        };
        if (t_[i_] == '-') ++i_;
        if (i_ < t_.size() && t_[i_] == '0') ++i_;
        else if (!digits()) return malformed();
        if (i_ < t_.size() && t_[i_] == '.') {
            ++i_;
            if (!digits()) return malformed();
        }
        if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
            ++i_;
            if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
            if (!digits()) return malformed();
        }
        return true;
    }

    std::string_view t_;
    std::string& detail_;
    size_t i_ = 0;
    std::string open_;  // '{' or '[' per open container, innermost last
};

}  // namespace

JsonProblem diagnose_json(std::string_view text, std::string& detail) {
    for (size_t i = 0; i < text.size();) {
        const size_t len = utf8_length(text, i);
        if (len == 0) {
            detail = "not UTF-8 at offset " + std::to_string(i) + " (" + show(static_cast<unsigned char>(text[i])) +
                     "): binary data, or text in another encoding such as Latin-1";
            return JsonProblem::utf8;
        }
        i += len;
    }
    return Checker(text, detail).run();
}

}  // namespace herald::parse::detail
