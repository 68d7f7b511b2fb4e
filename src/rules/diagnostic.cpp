#include "herald/rules/diagnostic.hpp"

namespace herald::rules {

namespace {
// Messages quote the user's text (and yaml-cpp's messages quote the offending byte): control
// characters are written escaped so a diagnostic always stays one line.
// Quoted user text can be megabytes (a 1 MB field name): one diagnostic stays readable.
constexpr size_t kMaxPartBytes = 512;

void append_one_line(std::string& s, const std::string& text) {
    static constexpr char hex[] = "0123456789abcdef";
    const size_t start = s.size();
    for (char ch : text) {
        if (s.size() - start >= kMaxPartBytes) {
            s.append("...");
            return;
        }
        unsigned char c = static_cast<unsigned char>(ch);
        if (c == '\n') s.append("\\n");
        else if (c == '\r') s.append("\\r");
        else if (c == '\t') s.append("\\t");
        else if (c < 0x20 || c == 0x7f) {
            s.append("\\x");
            s.push_back(hex[c >> 4]);
            s.push_back(hex[c & 15]);
        } else {
            s.push_back(ch);
        }
    }
}
}  // namespace

std::string Diagnostic::to_string() const {
    std::string s;
    append_one_line(s, file);
    if (line > 0) {
        s.push_back(':');
        s.append(std::to_string(line));
        s.push_back(':');
        s.append(std::to_string(column));
    }
    s.append(": ");
    append_one_line(s, message);
    if (!hint.empty()) {
        s.append(" (hint: ");
        append_one_line(s, hint);
        s.push_back(')');
    }
    return s;
}

}  // namespace herald::rules
