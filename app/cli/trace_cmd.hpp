#pragma once

#include <asyncscope/trace/detectors.hpp>
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

// Each finding: kind, time, title, what happened, why, how to fix.
void printFindings(const std::vector<trace::Finding>& findings, bool zh);

}  // namespace asyncscope::cli
