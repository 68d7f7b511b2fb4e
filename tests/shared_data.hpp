#pragma once
// The shared evaluation data (../shared/data beside the checkout, HERALD_SHARED_DATA_DIR): a few
// cases measure against it. A fresh clone does not have it, so such a case skips with one line
// saying which file is missing and where it is looked for, instead of failing or passing silently.
//
//   std::ifstream in;
//   if (!herald::testing::open_shared_data("seeds.ndjson", in)) return;
#include <doctest/doctest.h>

#include <fstream>
#include <string>

namespace herald::testing {

inline bool open_shared_data(const std::string& name, std::ifstream& in) {
    const std::string path = std::string(HERALD_SHARED_DATA_DIR) + "/" + name;
    in.open(path);
    if (in) return true;
    MESSAGE("skipped: " << path << " is not there (this case needs the shared evaluation data, ../shared/data "
            "beside the checkout)");
    return false;
}

}  // namespace herald::testing
