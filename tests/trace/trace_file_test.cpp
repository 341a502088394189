// .astrace: save -> load gives the identical trace and state; damaged files
// are rejected with a message that says what is wrong.
#include <asyncscope/asyncscope.hpp>
#include <asyncscope/trace/recorder.hpp>
#include <asyncscope/trace/timeline.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <gtest/gtest.h>

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
