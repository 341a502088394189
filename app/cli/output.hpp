// Writing output files without ever leaving a half-written one behind.
#pragma once

#include <asyncscope/io.hpp>

namespace asyncscope::cli {

using asyncscope::writeFileAtomically;

}  // namespace asyncscope::cli
