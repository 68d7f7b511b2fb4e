#pragma once
// Tokens of the rule expression language: identifiers, numbers with their unit suffix, quoted
// strings and punctuation, each with its byte offset so diagnostics can point at it.
#include <cstdint>
#include <string>
#include <string_view>

namespace herald::rules::detail {

enum class Tok : uint8_t { end, ident, number, string, punct, bad };

struct Token {
    Tok kind = Tok::end;
    std::string_view text;  // ident, number (with suffix), punctuation
    std::string value;      // string literal content, unescaped
    uint32_t offset = 0;
};

inline bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
inline bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
public:
    explicit Lexer(std::string_view src) : src_(src) {}

    // Reads the next token into `tok`. A bad one (an unterminated string, a stray character) has
    // kind Tok::bad, and message() / hint() say what was wrong.
    void next(Token& tok);
    // Where the token before the last one read ends: quoting the operand before it.
    size_t prev_end() const { return prev_end_; }
    std::string_view source() const { return src_; }
    const std::string& message() const { return message_; }
    const std::string& hint() const { return hint_; }

private:
    void read_string(Token& tok, size_t start);
    void read_punct(Token& tok, size_t start);

    std::string_view src_;
    size_t pos_ = 0;
    size_t prev_end_ = 0;
    std::string message_, hint_;
};

}  // namespace herald::rules::detail
