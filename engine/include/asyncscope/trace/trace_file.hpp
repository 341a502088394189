// The .astrace file: a recorded run, to replay later on any machine without
// running the engine.
//
// Format (version 1), little-endian:
//   "ASTRACE\0"                 8-byte magic
//   u32 version                 = 1
//   u32 byte-order mark         = 0x01020304 as written by the host
//   info block                  u32 workers, u32 cores, f64 timeScale,
//                               str flavor, str clock, str title,
//                               u8 truncated, u64 truncatedAtEvent,
//                               u64 truncatedAtTime, u64 droppedLiveEvents
//   u32 string count, then strings (str = u32 length + bytes)
//   u64 event count, then the columns: time u64[], task u32[], arg u32[],
//                               arg2 u32[], worker u16[], kind u8[], sub u8[]
//   u64 FNV-1a checksum of every byte before it
// Loading checks every length against the file size, every kind, every
// string index and the checksum, and says exactly what is wrong.
#pragma once

#include <asyncscope/trace/trace.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace asyncscope::trace {

// 2: exact timer deadlines, spawn templates; 3: the block_on thread (2 is still read).
inline constexpr std::uint32_t kTraceFileVersion = 3;

// Writes atomically (a temporary file renamed over `path`). Returns an error
// message, or "" on success.
std::string saveTrace(const Trace& trace, const std::string& path);

struct LoadResult {
    std::optional<Trace> trace;
    std::string error;  // set when trace is empty
};
LoadResult loadTrace(const std::string& path);
// The same checks on a recording already in memory; `name` starts every
// error message (as the path does for a file).
LoadResult loadTraceBytes(std::string_view bytes, const std::string& name);

}  // namespace asyncscope::trace
