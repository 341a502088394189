#pragma once

#include <asyncscope/trace/trace.hpp>

#include <string>

namespace asyncscope::cli {

// asyncscope-cli trace SUBCOMMAND ...
int runTraceCommand(int argc, char** argv);

struct ExportRequest {
    std::string record;  // .astrace
    std::string chrome;  // Chrome trace JSON
    std::string csv;     // prefix: PREFIX-tasks.csv, PREFIX-workers.csv
};
// Writes what was asked for; prints each file written; returns false on error.
bool exportTrace(const trace::Trace& trace, const ExportRequest& req);

}  // namespace asyncscope::cli
