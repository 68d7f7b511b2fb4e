#pragma once
// The event parser's cold path: when a message is not JSON, say what is wrong and at which byte.
// simdjson's messages name a class of problem ("document ended early", "improper structure") and
// no place; dead letters need both. A plain byte-by-byte check of UTF-8 and of RFC 8259's grammar,
// run only for messages that already failed, so its speed does not matter (internal).
#include <string>
#include <string_view>

namespace herald::parse::detail {

enum class JsonProblem {
    none,    // `text` is one valid JSON value (surrounded by whitespace at most)
    utf8,    // bytes that are not UTF-8 (checked first, over the whole text)
    syntax,  // UTF-8, but not JSON from the byte named in the detail on
};

// Sets `detail` (one line, with the 0-based byte offset) unless the text is valid.
JsonProblem diagnose_json(std::string_view text, std::string& detail);

}  // namespace herald::parse::detail
