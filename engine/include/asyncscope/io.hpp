// Writing files without ever leaving a half-written one behind.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace asyncscope {

// Streams into `path` through a temporary file beside it, which replaces
// `path` only when everything was written. Returns "" or an error message
// naming the path.
std::string writeFileAtomically(const std::string& path,
                                const std::function<void(std::ostream&)>& body);

}  // namespace asyncscope
