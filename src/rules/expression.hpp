#pragma once
// Compiles `when` conditions and `summary` templates into a rule's node pool, type-checking
// them; errors carry the byte offset in the source text so the loader can report LINE:COL.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "program.hpp"

namespace herald::rules::detail {

struct ExprError {
    uint32_t offset = 0;
    std::string message;
    std::string hint;
};

// Compiles a boolean condition; returns its root node, or -1 after appending to `errors`.
int32_t compile_condition(Rule& rule, std::string_view text, std::vector<ExprError>& errors);

// Compiles "text {placeholder} text" into rule.summary; false after appending to `errors`.
bool compile_template(Rule& rule, std::string_view text, std::vector<ExprError>& errors);

// The closest candidate by edit distance, or "" when nothing is close.
std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates);

// Parses "25%", "300B", "1.5M", "2k", "50bp", "0.4"; false with a reason on anything else.
bool parse_number_literal(std::string_view text, double& value, std::string& why);

}  // namespace herald::rules::detail
