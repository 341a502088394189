#include "compare.hpp"

#include "run_stats.hpp"
#include "time_axis.hpp"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cmath>

namespace asyncscope::core {
namespace {

QString tr(const char* s) {
    return QCoreApplication::translate("Compare", s);
}

QString duration(std::uint64_t ns) {
    return QString::fromStdString(TimeAxis::formatDuration(static_cast<double>(ns)));
}

QString percent(double fraction) {
    return QStringLiteral("%1%").arg(100.0 * fraction, 0, 'f', 1);
}

// "−59.3% (2.45× faster)" for times; smaller is better.
QString timeDelta(std::uint64_t a, std::uint64_t b) {
    if (a == b) return tr("same");
    if (a == 0) return QStringLiteral("+") + duration(b);
    const double change =
        (static_cast<double>(b) - static_cast<double>(a)) / static_cast<double>(a);
    QString s = QStringLiteral("%1%2%")
                    .arg(change > 0 ? QStringLiteral("+") : QStringLiteral("−"))
                    .arg(std::abs(change) * 100.0, 0, 'f', 1);
    if (b > 0 && b < a)
        s += QStringLiteral(" (") + tr("%1× faster").arg(static_cast<double>(a) / b, 0, 'f', 2) +
             QStringLiteral(")");
    else if (b > a)
        s += QStringLiteral(" (") + tr("%1× slower").arg(static_cast<double>(b) / a, 0, 'f', 2) +
             QStringLiteral(")");
    return s;
}

QString countDelta(std::size_t a, std::size_t b) {
    if (a == b) return tr("same");
    const long long d = static_cast<long long>(b) - static_cast<long long>(a);
    return (d > 0 ? QStringLiteral("+") : QStringLiteral("−")) + QString::number(std::llabs(d));
}

int smallerWins(double a, double b) {
    return a < b ? -1 : b < a ? 1 : 0;
}

}  // namespace

RunSummary summarizeRun(const TimelineModel& model, std::span<const trace::Finding> findings) {
    RunSummary s;
    s.duration = model.endTime();
    // The whole run; rangeStats takes in the end's instant (see run_stats.hpp).
    const RangeStats stats =
        rangeStats(model, model.startTime(), std::max<std::uint64_t>(1, s.duration));
    s.polls = model.pollCount();
    s.steals = stats.steals;
    s.maxSchedulingDelay = schedulingDelays(model, model.startTime(), s.duration + 1).max;
    for (const WorkerRangeStats& w : stats.workers) s.busy.push_back(w.busy);
    s.blockOnLast = model.blockOnLane().has_value();
    std::array<std::size_t, static_cast<std::size_t>(trace::FindingKind::Count)> kinds{};
    for (const trace::Finding& f : findings) {
        if (f.kind >= trace::FindingKind::Count) continue;
        ++kinds[static_cast<std::size_t>(f.kind)];
        if (!trace::isInformational(f.kind)) ++s.findings;
    }
    for (std::size_t k = 0; k < kinds.size(); ++k)
        if (kinds[k]) s.findingKinds.emplace_back(static_cast<trace::FindingKind>(k), kinds[k]);
    return s;
}

std::vector<CompareRow> compareRows(const RunSummary& left, const RunSummary& right) {
    std::vector<CompareRow> rows;
    rows.push_back(
        {tr("Duration"), duration(left.duration), duration(right.duration),
         timeDelta(left.duration, right.duration),
         smallerWins(static_cast<double>(left.duration), static_cast<double>(right.duration)),
         tr("Runtime time from the first event to the last (the virtual clock's, "
            "when the run used it)")});
    rows.push_back({tr("Polls"), QString::number(left.polls), QString::number(right.polls),
                    countDelta(left.polls, right.polls), 0,
                    tr("Future::poll calls: each is one step of a task, up to its next .await "
                       "that is not ready")});
    rows.push_back({tr("Steals"), QString::number(left.steals), QString::number(right.steals),
                    countDelta(left.steals, right.steals), 0,
                    tr("Times an idle worker took half of another worker's local queue")});
    rows.push_back({tr("Longest scheduling delay"), duration(left.maxSchedulingDelay),
                    duration(right.maxSchedulingDelay),
                    timeDelta(left.maxSchedulingDelay, right.maxSchedulingDelay),
                    smallerWins(static_cast<double>(left.maxSchedulingDelay),
                                static_cast<double>(right.maxSchedulingDelay)),
                    tr("The longest time a woken task waited in a queue before a worker polled "
                       "it")});
    const std::size_t lanes = std::max(left.busy.size(), right.busy.size());
    for (std::size_t w = 0; w < lanes; ++w) {
        // Lanes are compared by index; a lane that is the main thread on one
        // side (block_on) and a worker on the other says both.
        auto nameOf = [&](const RunSummary& r) {
            if (w >= r.busy.size()) return QString();
            return r.blockOnLast && w + 1 == r.busy.size() ? tr("Main thread busy")
                                                           : tr("Worker %1 busy").arg(w);
        };
        const QString ln = nameOf(left), rn = nameOf(right);
        const QString name = ln.isEmpty()               ? rn
                             : rn.isEmpty() || rn == ln ? ln
                                                        : ln + QStringLiteral(" / ") + rn;
        auto cell = [&](const RunSummary& r) {
            return w < r.busy.size() ? percent(r.busy[w]) : QStringLiteral("—");
        };
        QString delta;
        if (w < left.busy.size() && w < right.busy.size() &&
            std::abs(right.busy[w] - left.busy[w]) < 0.0005)
            delta = tr("same");
        else if (w < left.busy.size() && w < right.busy.size())
            delta =
                QStringLiteral("%1%2 pp")
                    .arg(right.busy[w] >= left.busy[w] ? QStringLiteral("+") : QStringLiteral("−"))
                    .arg(std::abs(right.busy[w] - left.busy[w]) * 100.0, 0, 'f', 1);
        rows.push_back({name, cell(left), cell(right), delta, 0,
                        tr("The share of the run this thread spent polling tasks")});
    }
    auto kindsText = [](const RunSummary& run) {
        QString s = QString::number(run.findings);
        QStringList parts;
        for (const auto& [kind, n] : run.findingKinds)
            parts << QStringLiteral("%1 ×%2").arg(QString::fromUtf8(trace::toString(kind))).arg(n);
        if (!parts.isEmpty())
            s += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QStringLiteral(")");
        return s;
    };
    rows.push_back(
        {tr("Findings"), kindsText(left), kindsText(right),
         countDelta(left.findings, right.findings),
         smallerWins(static_cast<double>(left.findings), static_cast<double>(right.findings)),
         tr("Problems the detectors found (informational findings are listed, not "
            "counted)")});
    return rows;
}

}  // namespace asyncscope::core
