// .astrace: save -> load gives the identical trace and state; damaged files
// are rejected with a message that says what is wrong.
#include <asyncscope/asyncscope.hpp>
#include <asyncscope/trace/recorder.hpp>
#include <asyncscope/trace/timeline.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

using namespace asyncscope;
using namespace asyncscope::trace;
using namespace std::chrono_literals;

namespace {

Task<int> child(int i) {
    co_await sleep(std::chrono::milliseconds(i));
    if (i == 3) throw std::runtime_error("child 3 failed: \"quoted\"");
    co_return i;
}

Task<int> parent() {
    int sum = 0;
    for (int i = 1; i <= 4; ++i) {
        auto h = spawn(child(i), "child-" + std::to_string(i));
        try {
            sum += co_await h;
        } catch (const std::exception&) {
            sum += 100;
        }
    }
    co_return sum;
}

Trace recordRun() {
    Recorder rec;
    RuntimeConfig cfg;
    cfg.workers = 1;
    cfg.clock = ClockKind::Virtual;
    rec.describe(cfg, "file test — ünïcode");
    {
        Runtime rt(cfg, &rec);
        EXPECT_EQ(rt.blockOn(parent()), 1 + 2 + 100 + 4);
    }
    rec.stop();
    return rec.takeTrace();
}

std::string tempPath(const char* name) {
    return (std::filesystem::temp_directory_path() / (std::string("asyncscope-") + name)).string();
}

}  // namespace

TEST(TraceFile, SaveLoadRoundTripIsIdentical) {
    Trace t = recordRun();
    const std::string path = tempPath("roundtrip.astrace");
    ASSERT_EQ(saveTrace(t, path), "");
    LoadResult r = loadTrace(path);
    ASSERT_TRUE(r.trace) << r.error;
    const Trace& u = *r.trace;
    ASSERT_EQ(u.size(), t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        Record a = t.at(i), b = u.at(i);
        ASSERT_EQ(a.time, b.time) << i;
        ASSERT_EQ(a.task, b.task) << i;
        ASSERT_EQ(a.arg, b.arg) << i;
        ASSERT_EQ(a.arg2, b.arg2) << i;
        ASSERT_EQ(a.worker, b.worker) << i;
        ASSERT_EQ(a.kind, b.kind) << i;
        ASSERT_EQ(a.sub, b.sub) << i;
    }
    EXPECT_EQ(u.strings(), t.strings());
    EXPECT_EQ(u.info().title, "file test — ünïcode");
    EXPECT_EQ(u.info().clock, "virtual");
    EXPECT_EQ(u.info().workers, 1u);
    EXPECT_EQ(u.taskName(3), "child-2");

    Timeline a(t), b(u);
    const RuntimeState &sa = a.finalState(), &sb = b.finalState();
    EXPECT_EQ(sa.spawned, sb.spawned);
    EXPECT_EQ(sb.failed, 1u);
    EXPECT_EQ(sb.completed, sa.completed);
    ASSERT_EQ(sa.tasks.size(), sb.tasks.size());
    for (std::size_t i = 0; i < sa.tasks.size(); ++i) {
        EXPECT_EQ(sa.tasks[i].phase, sb.tasks[i].phase);
        EXPECT_EQ(sa.tasks[i].busyNs, sb.tasks[i].busyNs);
        EXPECT_EQ(sa.tasks[i].polls, sb.tasks[i].polls);
    }
    // The failed child's message survived.
    bool found = false;
    for (const auto& task : sb.tasks)
        if (task.phase == TaskPhase::Failed) {
            EXPECT_EQ(u.string(task.errorText), "child 3 failed: \"quoted\"");
            found = true;
        }
    EXPECT_TRUE(found);
    std::filesystem::remove(path);
}

TEST(TraceFile, DamagedFilesAreRejectedWithAReason) {
    Trace t = recordRun();
    const std::string path = tempPath("damaged.astrace");
    ASSERT_EQ(saveTrace(t, path), "");
    std::vector<char> bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto writeAndLoad = [&](const std::vector<char>& b) {
        std::ofstream(path, std::ios::binary | std::ios::trunc)
            .write(b.data(), static_cast<std::streamsize>(b.size()));
        return loadTrace(path);
    };
    {
        auto b = bytes;
        b[b.size() / 2] ^= 0x5A;
        LoadResult r = writeAndLoad(b);
        EXPECT_FALSE(r.trace);
        EXPECT_NE(r.error.find("checksum mismatch"), std::string::npos) << r.error;
    }
    {
        auto b = bytes;
        b.resize(b.size() - 100);
        LoadResult r = writeAndLoad(b);
        EXPECT_FALSE(r.trace);
        EXPECT_NE(r.error.find(path), std::string::npos) << r.error;
    }
    {
        std::vector<char> b(bytes.begin(), bytes.begin() + 40);
        b[0] = 'X';
        LoadResult r = writeAndLoad(b);
        EXPECT_NE(r.error.find("not an AsyncScope trace"), std::string::npos) << r.error;
    }
    {
        LoadResult r = writeAndLoad({});
        EXPECT_NE(r.error.find("too short"), std::string::npos) << r.error;
    }
    std::filesystem::remove(path);
    LoadResult missing = loadTrace(path);
    EXPECT_FALSE(missing.trace);
    EXPECT_NE(missing.error.find("cannot open"), std::string::npos) << missing.error;
}

TEST(TraceFile, SaveNeverLeavesAHalfWrittenFile) {
    Trace t = recordRun();
    const std::string dir = tempPath("no-such-dir");
    std::filesystem::remove_all(dir);
    std::string err = saveTrace(t, dir + "/x.astrace");
    EXPECT_NE(err, "");
    EXPECT_FALSE(std::filesystem::exists(dir + "/x.astrace"));
}

namespace {
// The recording's checksum (an FNV-1a over `n` bytes, with the file format's
// own offset basis), so that a test can
// craft a file the reader trusts as undamaged.
std::uint64_t fnv(const char* p, std::size_t n) {
    std::uint64_t h = 1469598103934665603ull;  // the file format's basis (trace_file.cpp)
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(p[i]);
        h *= 0x100000001b3ull;
    }
    return h;
}
void reseal(std::vector<char>& b) {
    const std::uint64_t sum = fnv(b.data(), b.size() - 8);
    std::memcpy(b.data() + b.size() - 8, &sum, 8);
}
}  // namespace

// A hostile user's files: a directory, and checksum-valid files whose counts,
// ids or indexes no recording has. Each is refused with a reason, before
// anything is allocated for it.
TEST(TraceFile, HostileFilesAreRefusedWithAReason) {
    const std::string dir = tempPath("a-directory.astrace");
    std::filesystem::create_directories(dir);
    LoadResult d = loadTrace(dir);
    EXPECT_FALSE(d.trace);
    EXPECT_EQ(d.error, dir + ": is a directory, not a recording (expected a .astrace file)");
    std::filesystem::remove_all(dir);

    Trace t = recordRun();
    const std::string path = tempPath("crafted.astrace");
    ASSERT_EQ(saveTrace(t, path), "");
    std::vector<char> bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto writeAndLoad = [&](std::vector<char> b) {
        reseal(b);
        std::ofstream(path, std::ios::binary | std::ios::trunc)
            .write(b.data(), static_cast<std::streamsize>(b.size()));
        return loadTrace(path);
    };
    {
        LoadResult original = writeAndLoad(bytes);
        ASSERT_TRUE(original.trace) << "the resealed original loads: " << original.error;
    }
    {
        // The worker count (after the magic, the version and the byte-order mark).
        auto b = bytes;
        const std::uint32_t huge = 0xFFFFFFFFu;
        std::memcpy(b.data() + 16, &huge, 4);
        LoadResult r = writeAndLoad(b);
        EXPECT_FALSE(r.trace);
        EXPECT_EQ(r.error, path + ": bad worker count 4294967295 (at most 4096)");
    }
    // The event columns end the file, before its checksum: time (8 bytes an
    // event), then task (4), arg, arg2, worker (2), kind and sub (1 each).
    const std::size_t n = t.size();
    const std::size_t columns = bytes.size() - 8 - n * Trace::kBytesPerEvent;
    {
        auto b = bytes;
        const std::uint32_t task = 100'000'000;
        std::memcpy(b.data() + columns + n * 8, &task, 4);  // the first event's task
        LoadResult r = writeAndLoad(b);
        EXPECT_FALSE(r.trace);
        EXPECT_EQ(r.error, path + ": event 0 names task 100000000, but the recording holds only " +
                               std::to_string(n) + " events");
    }
    {
        // A poll on a worker the recording does not have.
        std::size_t poll = 0;
        while (poll < n && t.at(poll).kind != EventKind::PollStart) ++poll;
        ASSERT_LT(poll, n);
        auto b = bytes;
        const std::uint16_t worker = 7;
        std::memcpy(b.data() + columns + n * (8 + 4 + 4 + 4) + poll * 2, &worker, 2);
        LoadResult r = writeAndLoad(b);
        EXPECT_FALSE(r.trace);
        EXPECT_EQ(r.error, path + ": event " + std::to_string(poll) +
                               " names worker 7, but the recording has " +
                               std::to_string(t.info().workers) + " worker(s)");
    }
    {
        // A steal from a worker the recording does not have (the fuzzer's
        // find: a 4-worker recording reduced to 29,794 workers, every
        // keyframe carrying them all).
        std::size_t poll = 0;
        while (poll < n && t.at(poll).kind != EventKind::PollStart) ++poll;
        ASSERT_LT(poll, n);
        auto b = bytes;
        const std::uint8_t steal = static_cast<std::uint8_t>(EventKind::Steal);
        const std::uint32_t victim = 29'792;
        std::memcpy(b.data() + columns + n * (8 + 4 + 4 + 4 + 2) + poll, &steal, 1);
        std::memcpy(b.data() + columns + n * (8 + 4) + poll * 4, &victim, 4);
        LoadResult r = writeAndLoad(b);
        EXPECT_FALSE(r.trace);
        EXPECT_EQ(r.error, path + ": event " + std::to_string(poll) +
                               " steals from worker 29792, but the recording has " +
                               std::to_string(t.info().workers) + " worker(s)");
    }
    std::filesystem::remove(path);
}

// Found by the recording fuzzer (tests/fuzz/trace-regressions): a recording
// with no events copied its empty columns through a null pointer, undefined
// behaviour that UBSan (the asan preset) reports.
TEST(TraceFile, ARecordingWithNoEventsReadsFromMemoryAndFromAFile) {
    Trace empty;
    const std::string path = tempPath("empty.astrace");
    ASSERT_EQ(saveTrace(empty, path), "");
    LoadResult fromFile = loadTrace(path);
    ASSERT_TRUE(fromFile.trace) << fromFile.error;
    EXPECT_EQ(fromFile.trace->size(), 0u);

    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LoadResult fromBytes = loadTraceBytes(bytes, "empty");
    ASSERT_TRUE(fromBytes.trace) << fromBytes.error;
    EXPECT_EQ(fromBytes.trace->size(), 0u);

    // The same checks as for a file, under the name given.
    LoadResult cut = loadTraceBytes(bytes.substr(0, bytes.size() - 1), "cut");
    EXPECT_FALSE(cut.trace);
    EXPECT_EQ(cut.error, "cut: checksum mismatch: the file is damaged or truncated");
    LoadResult other = loadTraceBytes("{\"traceEvents\": []}, and more bytes", "json");
    EXPECT_EQ(other.error, "json: not an AsyncScope trace (bad magic; expected a .astrace file)");
}

namespace {
Task<int> mainBody() {
    auto h = spawn(child(1), "child-1");
    co_return co_await h;
}
}  // namespace

// Version 3 keeps the block_on thread: a recording of a run with one shows
// its lane (the thread after the workers) again, and refuses a crafted
// Schedule onto a block_on thread the recording does not have.
TEST(TraceFile, TheBlockOnThreadSurvivesTheFileAndIsChecked) {
    Recorder rec;
    RuntimeConfig cfg;
    cfg.workers = 1;
    cfg.clock = ClockKind::Virtual;
    cfg.blockOnThread = true;
    rec.describe(cfg, "block_on");
    {
        Runtime rt(cfg, &rec);
        JoinHandle<int> h = rt.spawnMain(mainBody(), "main");
        EXPECT_EQ(
            rt.blockOn([](JoinHandle<int> x) -> Task<int> { co_return co_await x; }(std::move(h))),
            1);
    }
    rec.stop();
    const Trace t = rec.takeTrace();
    ASSERT_TRUE(t.info().blockOnThread);
    std::size_t onMain = 0, schedule = t.size();
    for (std::size_t i = 0; i < t.size(); ++i) {
        const Record r = t.at(i);
        if (r.kind == EventKind::PollStart && r.worker == 1) ++onMain;
        if (r.kind == EventKind::Schedule &&
            r.sub == static_cast<std::uint8_t>(QueueKind::BlockOn) && schedule == t.size())
            schedule = i;
    }
    EXPECT_GE(onMain, 2u);
    ASSERT_LT(schedule, t.size());
    const std::string path = tempPath("block-on.astrace");
    ASSERT_EQ(saveTrace(t, path), "");
    LoadResult back = loadTrace(path);
    ASSERT_TRUE(back.trace) << back.error;
    EXPECT_TRUE(back.trace->info().blockOnThread);
    EXPECT_EQ(back.trace->size(), t.size());
    // The final state marks lane 1 as the block_on thread.
    Timeline timeline(*back.trace);
    const RuntimeState& s = timeline.finalState();
    ASSERT_EQ(s.workers.size(), 2u);
    EXPECT_FALSE(s.workers[0].blockOn);
    EXPECT_TRUE(s.workers[1].blockOn);

    // Crafted: the same file saying it has no block_on thread.
    Trace without = *back.trace;
    without.info().blockOnThread = false;
    ASSERT_EQ(saveTrace(without, path), "");
    LoadResult r = loadTrace(path);
    EXPECT_FALSE(r.trace);
    // The first record on the main thread is refused (a poll or the schedule).
    EXPECT_NE(r.error.find("but the recording has"), std::string::npos) << r.error;
    std::filesystem::remove(path);
}
