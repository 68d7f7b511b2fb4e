#pragma once
// A problem found while loading a rules file, with the place it was found.
//
//   for (const herald::rules::Diagnostic& d : result.errors)
//       std::fprintf(stderr, "%s\n", d.to_string().c_str());
//   // rules.yaml:12:30: unknown field 'sentiment.scor' (hint: did you mean 'sentiment.score'?)
#include <string>

namespace herald::rules {

struct Diagnostic {
    std::string file;
    int line = 0;    // 1-based; 0 when the problem is the file as a whole
    int column = 0;  // 1-based
    std::string message;
    std::string hint;  // what to do about it; may be empty
    // "FILE:LINE:COL: message (hint: ...)"
    std::string to_string() const;
};

}  // namespace herald::rules
