// `herald rules check FILE...`: validate rules files; exit 0, or 2 with FILE:LINE:COL errors.
#include <cstdio>
#include <cstring>

#include "herald/app/commands.hpp"
#include "herald/app/options.hpp"
#include "herald/app/rules_source.hpp"

namespace herald::app {

int command_rules(int argc, char** argv, int first) {
    static const CommandSpec spec{"rules check",
                                  "herald rules check FILE...",
                                  "Validates rules files: every error is printed as FILE:LINE:COL: message, with a\n"
                                  "hint; exit code 0 when all files are valid, 2 otherwise.",
                                  {},
                                  true};
    if (first >= argc || std::strcmp(argv[first], "check") != 0) {
        if (first < argc && (!std::strcmp(argv[first], "--help") || !std::strcmp(argv[first], "-h"))) {
            std::fputs(spec.help_text().c_str(), stdout);
            return 0;
        }
        throw UsageError("herald rules: expected `herald rules check FILE` (see herald rules check --help)");
    }
    std::optional<Options> parsed = parse_command(argc, argv, first + 1, spec);
    if (!parsed) return 0;
    Options& o = *parsed;
    if (o.files.empty()) throw UsageError("herald rules: name at least one rules FILE to check (herald rules check FILE...)");
    int status = 0;
    for (const auto& path : o.files) {
        if (auto rules = RulesSource(path).check()) std::printf("%s: ok (%zu rules)\n", path.c_str(), rules->size());
        else status = 2;
    }
    return status;
}

}  // namespace herald::app
