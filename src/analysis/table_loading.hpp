#pragma once
// Builds a term table (Lexicon, AliasTable) from its compiled-in data and, optionally, a user's
// extension file read on top. Start-up only: throws std::runtime_error with a one-line message.
//
//   return detail::build_table<Lexicon>(data::lexicon_finance, "data/lexicon/finance.lex", &path, "lexicon");
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace herald::analysis::detail {

// Calls f(line, line_no) for every line of a table's text (1-based numbers, the last line even
// without a newline).
template <class F>
void for_each_line(std::string_view text, F&& f) {
    size_t pos = 0, line_no = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        f(line, ++line_no);
    }
}

// `extension_file` null: the built-in data alone. `what` names the file kind in errors.
template <class Table>
std::shared_ptr<const Table> build_table(std::string_view builtin, std::string_view builtin_name,
                                         const std::string* extension_file, std::string_view what) {
    auto impl = std::make_unique<typename Table::Impl>();
    impl->parse(builtin, builtin_name);
    if (extension_file) {
        std::ifstream in(*extension_file, std::ios::binary);
        if (!in)
            throw std::runtime_error(*extension_file + ": cannot open " + std::string(what) + " file; check the path");
        std::stringstream ss;
        ss << in.rdbuf();
        impl->parse(ss.str(), *extension_file);
    }
    return std::make_shared<const Table>(std::move(impl));
}

}  // namespace herald::analysis::detail
