// Writing output files without ever leaving a half-written one behind.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace asyncscope::cli {

// Streams into `path` through a temporary file that replaces it only when
// everything was written. Returns "" or an error message naming the path.
std::string writeFileAtomically(const std::string& path,
                                const std::function<void(std::ostream&)>& body);

}  // namespace asyncscope::cli
