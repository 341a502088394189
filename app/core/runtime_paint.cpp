// Painting a RuntimeDrawList (no lookups, no translation, no string
// building: the layout did all of that), hit lookup, and the tooltip of a
// task chip, which is built on hover from the facts the layout kept.
#include "runtime_painter.hpp"
#include "text_runs.hpp"

#include <QCoreApplication>
#include <QPaintEngine>

namespace asyncscope::core {

QString HitItem::tooltip(const std::function<QString(std::uint32_t task)>& stepOf) const {
    const std::optional<TaskId> task = ref.task();
    if (kind != Kind::Task || !task) return tip;
    const std::uint32_t id = task->value();
    QString s = QCoreApplication::translate("RuntimeView",
                                            "Task %1 \"%2\": %3. Polled %4 times, woken %5 times.")
                    .arg(id)
                    .arg(facts.name)
                    .arg(facts.phase != trace::TaskPhase::Unknown
                             ? QString::fromLatin1(trace::toString(facts.phase).data())
                             : QString())
                    .arg(facts.polls)
                    .arg(facts.wakes);
    if (stepOf) {
        const QString step = stepOf(id);
        if (!step.isEmpty())
            s += QStringLiteral(" ") +
                 QCoreApplication::translate("RuntimeView", "At await point %1.").arg(step);
    }
    return s;
}

const HitItem* RuntimeDrawList::hitAt(QPointF pos) const {
    // Later items are drawn on top; tasks win over the boxes they sit in.
    const HitItem* best = nullptr;
    for (auto it = hits.rbegin(); it != hits.rend(); ++it) {
        if (!it->rect.contains(pos)) continue;
        if (it->kind == HitItem::Kind::Task) return &*it;
        if (!best) best = &*it;
    }
    return best;
}

void paintDrawList(QPainter& p, const RuntimeDrawList& list) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.fillRect(list.area, list.background);

    // On a raster device an opaque box is two fills, its border's outer edge
    // and then its inside: the same shape as a fill and a border stroked on
    // the edge, but antialiased strokes cost the raster engine a span per
    // pixel, and borders were most of a frame's time. Vector devices (SVG,
    // PDF) get a stroked border.
    const bool raster = p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster;
    p.setPen(Qt::NoPen);
    for (const auto& b : list.boxes) {
        if (b.borderWidth <= 0) {
            if (b.radius <= 0) {
                p.fillRect(b.rect, b.fill);
            } else {
                p.setBrush(b.fill);
                p.drawRoundedRect(b.rect, b.radius, b.radius);
            }
        } else if (raster && b.fill.alpha() == 255 && b.border.alpha() == 255) {
            const double h = b.borderWidth / 2;
            p.setBrush(b.border);
            p.drawRoundedRect(b.rect.adjusted(-h, -h, h, h), b.radius + h, b.radius + h);
            p.setBrush(b.fill);
            const double inner = std::max(0.0, b.radius - h);
            p.drawRoundedRect(b.rect.adjusted(h, h, -h, -h), inner, inner);
        } else {
            p.setPen(QPen(b.border, b.borderWidth));
            p.setBrush(b.fill);
            p.drawRoundedRect(b.rect, b.radius, b.radius);
            p.setPen(Qt::NoPen);
        }
    }

    paintTextRuns(p, list.texts, list.fonts);

    p.setFont(list.fonts[static_cast<std::size_t>(RuntimeDrawList::Font::Small)]);
    for (const auto& a : list.arrows) {
        QPen pen(a.color, a.width, Qt::SolidLine, Qt::RoundCap);
        if (!a.dashes.isEmpty()) {
            pen.setCapStyle(Qt::FlatCap);  // the pattern's gaps stay gaps
            pen.setDashPattern(a.dashes);
        }
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(a.path);
        if (!a.head.isEmpty()) {
            p.setPen(Qt::NoPen);
            p.setBrush(a.color);
            p.drawPolygon(a.head);
        }
        if (!a.label.isEmpty()) {
            p.setPen(Qt::NoPen);
            p.setBrush(a.labelFill);
            p.drawRoundedRect(a.labelRect, a.labelRadius, a.labelRadius);
            p.setPen(a.labelColor);
            p.drawText(a.labelRect, Qt::AlignCenter, a.label);
        }
    }

    if (!list.cycle.empty()) {
        const QPen dashed(list.cycleColor, list.cycleWidth, Qt::DashLine, Qt::RoundCap);
        for (const auto& l : list.cycle) {
            p.setPen(dashed);
            p.setBrush(Qt::NoBrush);
            p.drawPath(l.path);
            p.setPen(Qt::NoPen);
            p.setBrush(list.cycleColor);
            p.drawPolygon(l.head);
        }
    }
    p.restore();
}

void paintRuntime(QPainter& p, const QRectF& area, const LiveModel& model,
                  const PaintOptions& options, std::vector<HitItem>* hits) {
    RuntimeDrawList list = layoutRuntime(model, options, area, p.font());
    paintDrawList(p, list);
    if (hits) *hits = std::move(list.hits);
}

}  // namespace asyncscope::core
