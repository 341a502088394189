// Writing output files without ever leaving a half-written one behind.
#pragma once

#include <asyncscope/io.hpp>

#include <string>

namespace asyncscope::cli {

using asyncscope::writeFileAtomically;

// Every verb's --csv PREFIX writes PREFIX-tasks.csv and PREFIX-workers.csv
// (a PREFIX given as NAME.csv counts as NAME).
inline std::string csvPath(std::string prefix, const char* table) {
    const std::string ext = ".csv";
    if (prefix.size() > ext.size() &&
        prefix.compare(prefix.size() - ext.size(), ext.size(), ext) == 0)
        prefix.resize(prefix.size() - ext.size());
    return prefix + "-" + table + ext;
}

}  // namespace asyncscope::cli
