#include "herald/rules/diagnostic.hpp"

namespace herald::rules {

std::string Diagnostic::to_string() const {
    std::string s = file;
    if (line > 0) {
        s.push_back(':');
        s.append(std::to_string(line));
        s.push_back(':');
        s.append(std::to_string(column));
    }
    s.append(": ");
    s.append(message);
    if (!hint.empty()) {
        s.append(" (hint: ");
        s.append(hint);
        s.push_back(')');
    }
    return s;
}

}  // namespace herald::rules
