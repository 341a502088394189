#include <asyncscope/io.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include <unistd.h>

namespace asyncscope::trace {

namespace {

constexpr char kMagic[8] = {'A', 'S', 'T', 'R', 'A', 'C', 'E', '\0'};
constexpr std::uint32_t kByteOrderMark = 0x01020304u;

class Writer {
public:
    void bytes(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        m_buf.insert(m_buf.end(), b, b + n);
    }
    template <class T>
    void pod(const T& v) {
        bytes(&v, sizeof v);
    }
    void str(std::string_view s) {
        pod(static_cast<std::uint32_t>(s.size()));
        bytes(s.data(), s.size());
    }
    template <class T>
    void column(const std::vector<T>& v) {
        bytes(v.data(), v.size() * sizeof(T));
    }
    std::vector<unsigned char>& data() { return m_buf; }

private:
    std::vector<unsigned char> m_buf;
};

std::uint64_t fnv1a(const unsigned char* p, std::size_t n) {
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

class Reader {
public:
    Reader(const unsigned char* p, std::size_t n) : m_p(p), m_n(n) {}
    bool bytes(void* out, std::size_t n) {
        if (n > m_n - m_off) return false;
        if (n == 0) return true;  // `out` may be null (an empty column): memcpy must not see it
        std::memcpy(out, m_p + m_off, n);
        m_off += n;
        return true;
    }
    template <class T>
    bool pod(T& v) {
        return bytes(&v, sizeof v);
    }
    bool str(std::string& s, std::size_t maxLen = 1u << 24) {
        std::uint32_t len;
        if (!pod(len) || len > maxLen || len > m_n - m_off) return false;
        s.assign(reinterpret_cast<const char*>(m_p + m_off), len);
        m_off += len;
        return true;
    }
    std::size_t offset() const { return m_off; }
    std::size_t remaining() const { return m_n - m_off; }

private:
    const unsigned char* m_p;
    std::size_t m_n;
    std::size_t m_off = 0;
};

std::string at(const Reader& r, const std::string& what) {
    return "byte " + std::to_string(r.offset()) + ": " + what;
}

}  // namespace

std::string saveTrace(const Trace& trace, const std::string& path) {
    Writer w;
    w.bytes(kMagic, sizeof kMagic);
    w.pod(kTraceFileVersion);
    w.pod(kByteOrderMark);
    const TraceInfo& info = trace.info();
    w.pod(static_cast<std::uint32_t>(info.workers));
    w.pod(static_cast<std::uint32_t>(info.cores));
    w.pod(info.timeScale);
    w.str(info.flavor);
    w.str(info.clock);
    w.str(info.title);
    w.pod(static_cast<std::uint8_t>(info.truncated));
    w.pod(info.truncatedAtEvent);
    w.pod(info.truncatedAtTime);
    w.pod(info.droppedLiveEvents);
    w.pod(static_cast<std::uint8_t>(info.blockOnThread));
    w.pod(static_cast<std::uint32_t>(info.templates.size()));
    for (std::size_t t = 0; t < info.templates.size(); ++t) {
        w.str(info.templates[t]);
        const auto& points =
            t < info.awaitPoints.size() ? info.awaitPoints[t] : std::vector<std::string>{};
        w.pod(static_cast<std::uint32_t>(points.size()));
        for (const auto& p : points) w.str(p);
    }
    w.str(info.runEnd);
    w.pod(info.endTime);
    w.pod(static_cast<std::uint32_t>(info.resources.size()));
    for (const RecordedResource& res : info.resources) {
        w.pod(res.id);
        w.str(res.name);
        w.pod(res.kind);
        w.pod(res.capacity);
    }
    w.pod(static_cast<std::uint32_t>(trace.strings().size()));
    for (const auto& s : trace.strings()) w.str(s);
    const std::size_t n = trace.size();
    w.pod(static_cast<std::uint64_t>(n));
    std::vector<std::uint64_t> time(n);
    std::vector<std::uint32_t> task(n), arg(n), arg2(n);
    std::vector<std::uint16_t> worker(n);
    std::vector<std::uint8_t> kind(n), sub(n);
    for (std::size_t i = 0; i < n; ++i) {
        Record r = trace.at(i);
        time[i] = r.time;
        task[i] = r.task;
        arg[i] = r.arg;
        arg2[i] = r.arg2;
        worker[i] = r.worker;
        kind[i] = static_cast<std::uint8_t>(r.kind);
        sub[i] = r.sub;
    }
    w.column(time);
    w.column(task);
    w.column(arg);
    w.column(arg2);
    w.column(worker);
    w.column(kind);
    w.column(sub);
    std::uint64_t sum = fnv1a(w.data().data(), w.data().size());
    w.pod(sum);

    return writeFileAtomically(path, [&](std::ostream& out) {
        out.write(reinterpret_cast<const char*>(w.data().data()),
                  static_cast<std::streamsize>(w.data().size()));
    });
}

namespace {
constexpr std::uint32_t kMaxRecordedWorkers = 4096;
constexpr unsigned kMaxRecordedBlockingThreads = 4096;
LoadResult parseTrace(const unsigned char* data, std::size_t size, const std::string& path);
}  // namespace

LoadResult loadTrace(const std::string& path) {
    LoadResult res;
    auto fail = [&](const std::string& msg) {
        res.error = path + ": " + msg;
        res.trace.reset();
        return res;
    };
    // Only a regular file is read, and only as far as its header before the
    // rest: a directory, a device or a large file of something else is
    // refused without reading it.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status))
        return fail("is a directory, not a recording (expected a .astrace file)");
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        return fail("is not a regular file (expected a .astrace file)");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        res.error = path + ": cannot open: " + std::strerror(errno);
        return res;
    }
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return fail("cannot read its size: " + ec.message());
    if (size < sizeof kMagic + 8 + 8) return fail("not an AsyncScope trace (file too short)");
    unsigned char head[sizeof kMagic];
    if (!in.read(reinterpret_cast<char*>(head), sizeof head))
        return fail("cannot read: " + std::string(std::strerror(errno)));
    if (std::memcmp(head, kMagic, sizeof kMagic) != 0)
        return fail("not an AsyncScope trace (bad magic; expected a .astrace file)");
    std::vector<unsigned char> data;
    try {
        data.resize(static_cast<std::size_t>(size));
    } catch (const std::bad_alloc&) {
        return fail("too large to load in this machine's memory (" + std::to_string(size) +
                    " bytes)");
    }
    std::memcpy(data.data(), head, sizeof head);
    if (!in.read(reinterpret_cast<char*>(data.data() + sizeof head),
                 static_cast<std::streamsize>(size - sizeof head)))
        return fail("cannot read all of it (it changed while being read?)");
    return parseTrace(data.data(), data.size(), path);
}

LoadResult loadTraceBytes(std::string_view bytes, const std::string& name) {
    return parseTrace(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), name);
}

namespace {

LoadResult parseTrace(const unsigned char* data, std::size_t size, const std::string& path) {
    LoadResult res;
    auto fail = [&](const std::string& msg) {
        res.error = path + ": " + msg;
        res.trace.reset();
        return res;
    };
    if (size < sizeof kMagic + 8 + 8) return fail("not an AsyncScope trace (file too short)");
    if (std::memcmp(data, kMagic, sizeof kMagic) != 0)
        return fail("not an AsyncScope trace (bad magic; expected a .astrace file)");
    const std::size_t body = size - 8;
    std::uint64_t stored;
    std::memcpy(&stored, data + body, 8);
    Reader r(data, body);
    char magic[8];
    r.bytes(magic, 8);
    std::uint32_t version = 0, bom = 0;
    r.pod(version);
    r.pod(bom);
    if (version != kTraceFileVersion && version != 2)
        return fail("unsupported trace version " + std::to_string(version) +
                    " (this build reads versions 2 and " + std::to_string(kTraceFileVersion) + ")");
    if (bom != kByteOrderMark) return fail("written on a machine with another byte order");
    if (fnv1a(data, body) != stored)
        return fail("checksum mismatch: the file is damaged or truncated");

    Trace t;
    TraceInfo& info = t.info();
    std::uint32_t workers = 0, cores = 0;
    std::uint8_t truncated = 0;
    if (!r.pod(workers) || !r.pod(cores) || !r.pod(info.timeScale) || !r.str(info.flavor) ||
        !r.str(info.clock) || !r.str(info.title) || !r.pod(truncated) ||
        !r.pod(info.truncatedAtEvent) || !r.pod(info.truncatedAtTime) ||
        !r.pod(info.droppedLiveEvents))
        return fail(at(r, "the info block is cut short"));
    std::uint8_t blockOn = 0;
    if (version >= 3 && (!r.pod(blockOn) || blockOn > 1))
        return fail(at(r, "bad block_on thread flag"));
    info.blockOnThread = blockOn != 0;
    // Bounds that no recording exceeds, checked before anything is sized by
    // them (a crafted header must not make the reader allocate gigabytes).
    if (workers > kMaxRecordedWorkers)
        return fail("bad worker count " + std::to_string(workers) + " (at most " +
                    std::to_string(kMaxRecordedWorkers) + ")");
    info.workers = workers;
    info.cores = cores;
    info.truncated = truncated != 0;
    // Every count is checked against the bytes left before anything is
    // allocated for it (a string takes at least its 4-byte length).
    std::uint32_t nTemplates = 0;
    if (!r.pod(nTemplates) || nTemplates > r.remaining() / 8)
        return fail(at(r, "bad template count"));
    info.templates.resize(nTemplates);
    info.awaitPoints.resize(nTemplates);
    for (std::uint32_t i = 0; i < nTemplates; ++i) {
        std::uint32_t nPoints = 0;
        if (!r.str(info.templates[i]) || !r.pod(nPoints) || nPoints > r.remaining() / 4)
            return fail(at(r, "template " + std::to_string(i) + " is cut short"));
        info.awaitPoints[i].resize(nPoints);
        for (std::uint32_t k = 0; k < nPoints; ++k)
            if (!r.str(info.awaitPoints[i][k]))
                return fail(at(r, "template " + std::to_string(i) + " is cut short"));
    }
    if (!r.str(info.runEnd, 64) || !r.pod(info.endTime))
        return fail(at(r, "the run's end is cut short"));
    std::uint32_t nResources = 0;
    if (!r.pod(nResources) || nResources > r.remaining() / 21)
        return fail(at(r, "bad resource count"));
    info.resources.resize(nResources);
    for (RecordedResource& rr : info.resources)
        if (!r.pod(rr.id) || !r.str(rr.name) || !r.pod(rr.kind) || !r.pod(rr.capacity))
            return fail(at(r, "the resource table is cut short"));
    std::uint32_t nStrings = 0;
    if (!r.pod(nStrings) || nStrings > r.remaining() / 4) return fail(at(r, "bad string count"));
    for (std::uint32_t i = 0; i < nStrings; ++i) {
        std::string s;
        if (!r.str(s)) return fail(at(r, "string " + std::to_string(i) + " is cut short"));
        if (t.intern(s) != i) return fail(at(r, "duplicate string " + std::to_string(i)));
    }
    std::uint64_t n = 0;
    if (!r.pod(n) || n > r.remaining() / Trace::kBytesPerEvent)
        return fail(at(r, "bad event count (larger than the file)"));
    if (n * Trace::kBytesPerEvent != r.remaining())
        return fail(at(r, "event columns have " + std::to_string(r.remaining()) +
                              " bytes, expected " + std::to_string(n * Trace::kBytesPerEvent)));
    const std::size_t cnt = static_cast<std::size_t>(n);
    std::vector<std::uint64_t> time(cnt);
    std::vector<std::uint32_t> task(cnt), arg(cnt), arg2(cnt);
    std::vector<std::uint16_t> worker(cnt);
    std::vector<std::uint8_t> kind(cnt), sub(cnt);
    r.bytes(time.data(), cnt * 8);
    r.bytes(task.data(), cnt * 4);
    r.bytes(arg.data(), cnt * 4);
    r.bytes(arg2.data(), cnt * 4);
    r.bytes(worker.data(), cnt * 2);
    r.bytes(kind.data(), cnt);
    r.bytes(sub.data(), cnt);
    t.reserve(cnt);
    for (std::size_t i = 0; i < cnt; ++i) {
        if (kind[i] >= static_cast<std::uint8_t>(EventKind::Count))
            return fail("event " + std::to_string(i) + " has an unknown kind " +
                        std::to_string(kind[i]));
        if (i > 0 && time[i] < time[i - 1])
            return fail("event " + std::to_string(i) + " goes back in time");
        Record rec{time[i], task[i], arg[i], arg2[i], worker[i], static_cast<EventKind>(kind[i]),
                   sub[i]};
        // Task ids are dense from 1, each introduced by one Spawn record: no
        // id can exceed the number of events. Threads are the recording's
        // workers or blocking threads.
        if (rec.task > cnt)
            return fail("event " + std::to_string(i) + " names task " + std::to_string(rec.task) +
                        ", but the recording holds only " + std::to_string(cnt) + " events");
        if (rec.kind == EventKind::Spawn) {  // `worker` holds the template
            if (rec.worker != kNoThread && rec.worker >= nTemplates && nTemplates > 0)
                return fail("event " + std::to_string(i) + " names template " +
                            std::to_string(rec.worker) + " of " + std::to_string(nTemplates));
        } else if (rec.worker != kNoThread) {
            const bool blocking = (rec.worker & kBlockingFlag) != 0;
            const unsigned index = rec.worker & ~kBlockingFlag;
            // (A recording that does not say its workers, 0, is not checked.)
            if (blocking ? index >= kMaxRecordedBlockingThreads
                         : workers > 0 && index >= workers + blockOn)
                return fail("event " + std::to_string(i) + " names " +
                            (blocking ? "blocking thread " : "worker ") + std::to_string(index) +
                            ", but the recording has " +
                            (blocking ? "at most " + std::to_string(kMaxRecordedBlockingThreads)
                                      : std::to_string(workers) + " worker(s)" +
                                            (blockOn ? " and a block_on thread" : "")));
        }
        // A task scheduled on the block_on thread names it in `arg`.
        if (rec.kind == EventKind::Schedule &&
            rec.sub == static_cast<std::uint8_t>(QueueKind::BlockOn) &&
            (!blockOn || rec.arg != workers))
            return fail("event " + std::to_string(i) + " schedules a task on thread " +
                        std::to_string(rec.arg) + ", but the recording has " +
                        (blockOn ? "its block_on thread at " + std::to_string(workers)
                                 : std::string("no block_on thread")));
        // A steal's victim is a worker too (its index in `arg`).
        if (rec.kind == EventKind::Steal &&
            (workers > 0 ? rec.arg >= workers : rec.arg >= kMaxRecordedWorkers))
            return fail("event " + std::to_string(i) + " steals from worker " +
                        std::to_string(rec.arg) + ", but the recording has " +
                        (workers > 0 ? std::to_string(workers) + " worker(s)"
                                     : "at most " + std::to_string(kMaxRecordedWorkers)));
        if ((rec.kind == EventKind::Spawn || rec.kind == EventKind::Error) &&
            rec.arg2 != kNoString && rec.arg2 >= nStrings)
            return fail("event " + std::to_string(i) + " names string " + std::to_string(rec.arg2) +
                        " of " + std::to_string(nStrings));
        t.append(rec);
    }
    res.trace = std::move(t);
    return res;
}

}  // namespace

}  // namespace asyncscope::trace
