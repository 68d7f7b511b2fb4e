// The rule expression lexer (lexer.hpp) and its number literals ("25%", "300B").
#include "lexer.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

#include "expression.hpp"

namespace herald::rules::detail {

void Lexer::next(Token& tok) {
    prev_end_ = pos_;
    while (pos_ < src_.size() && (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\n' || src_[pos_] == '\r'))
        ++pos_;
    tok = Token{};
    tok.offset = static_cast<uint32_t>(pos_);
    if (pos_ >= src_.size()) return;
    char c = src_[pos_];
    size_t start = pos_;
    if (is_ident_start(c)) {
        while (pos_ < src_.size() && is_ident_char(src_[pos_])) ++pos_;
        tok.kind = Tok::ident;
    } else if (is_digit(c) || (c == '.' && pos_ + 1 < src_.size() && is_digit(src_[pos_ + 1]))) {
        while (pos_ < src_.size() && (is_digit(src_[pos_]) || src_[pos_] == '.')) ++pos_;
        while (pos_ < src_.size() && (is_ident_char(src_[pos_]) || src_[pos_] == '%')) ++pos_;
        tok.kind = Tok::number;
    } else if (c == '"' || c == '\'') {
        read_string(tok, start);
        if (tok.kind == Tok::bad) return;
    } else {
        read_punct(tok, start);
        if (tok.kind == Tok::bad) return;
    }
    tok.text = src_.substr(start, pos_ - start);
}

void Lexer::read_string(Token& tok, size_t start) {
    const char quote = src_[pos_++];
    tok.kind = Tok::string;
    while (pos_ < src_.size()) {
        char d = src_[pos_++];
        if (d == quote) return;
        if (d == '\\' && pos_ < src_.size()) d = src_[pos_++];
        tok.value.push_back(d);
    }
    tok.kind = Tok::bad;
    tok.text = src_.substr(start, pos_ - start);
    message_ = "unterminated string";
    hint_ = std::string("close it with ") + quote;
}

void Lexer::read_punct(Token& tok, size_t start) {
    static constexpr std::string_view two[] = {"<=", ">=", "==", "!=", "&&", "||"};
    tok.kind = Tok::punct;
    pos_ += 1;
    for (auto t : two)
        if (src_.substr(start, 2) == t) pos_ = start + 2;
    std::string_view p = src_.substr(start, pos_ - start);
    static constexpr std::string_view ok[] = {"(", ")", "[", "]", ",", ".", "=", "<", ">", "<=", ">=",
                                              "==", "!=", "+", "-", "*", "/"};
    if (std::find(std::begin(ok), std::end(ok), p) != std::end(ok)) return;
    tok.kind = Tok::bad;
    tok.text = p;
    message_ = "unexpected character '" + std::string(p) + "'";
    hint_ = p == "&&" ? "write `and`" : p == "||" ? "write `or`" : p == "!" ? "write `not`" : "";
}

bool parse_number_literal(std::string_view text, double& value, std::string& why) {
    size_t i = 0;
    while (i < text.size() && (is_digit(text[i]) || text[i] == '.')) ++i;
    std::string_view digits = text.substr(0, i), suffix = text.substr(i);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty()) {
        why = "not a number";
        return false;
    }
    struct {
        std::string_view s;
        double f;
    } static constexpr units[] = {{"", 1},    {"%", 1},    {"bp", 0.01}, {"bps", 0.01}, {"k", 1e3}, {"K", 1e3},
                                  {"M", 1e6}, {"mn", 1e6}, {"B", 1e9},   {"bn", 1e9},   {"T", 1e12}, {"tn", 1e12}};
    for (const auto& u : units) {
        if (u.s == suffix) {
            value *= u.f;
            return true;
        }
    }
    if (suffix == "m") why = "unit 'm' is ambiguous here: write M for millions (m means minutes in durations)";
    else if (suffix == "h" || suffix == "d" || suffix == "s" || suffix == "w" || suffix == "ms")
        why = "a duration is not a number; durations go in windows such as count(6h) or in cooldown:";
    else why = "unknown unit '" + std::string(suffix) + "'";
    return false;
}

}  // namespace herald::rules::detail
