// `asyncscope-cli bench`: the workloads of shared/peers (Tokio, Go, asyncio),
// implemented on the AsyncScope engine under the same protocol.
#pragma once

#include <string>
#include <vector>

namespace asyncscope::cli {

const std::vector<std::string>& benchWorkloads();
// Runs one workload; prints the protocol's result line on stdout.
// Returns the process exit code.
int runBench(int argc, char** argv);
// `bench NAME --scenario`: the workload as a scenario through the interpreter,
// recording on (bench_scenarios.cpp).
// barging: the workload's mutexes are Go-style barging ones (bench --mutex barging).
int runScenarioBench(const std::string& name, unsigned workers, bool barging);

}  // namespace asyncscope::cli
