#include "view_export.hpp"

#include "live_model.hpp"

#include <asyncscope/trace/export.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <functional>
#include <sstream>

namespace asyncscope::core {

namespace {

QString cannotWrite(const QString& path) {
    return QCoreApplication::translate("ViewExport", "cannot write %1").arg(path);
}

QString cannotWrite(const QString& path, const QString& why) {
    return QCoreApplication::translate("ViewExport", "cannot write %1: %2").arg(path, why);
}

// SVG and PDF writers have no atomic mode: write "path.part", then rename.
QString moveIntoPlace(const QString& path) {
    QFile::remove(path);
    if (!QFile::rename(path + QStringLiteral(".part"), path)) return cannotWrite(path);
    return {};
}

}  // namespace

QString paintToFile(const QString& path, QSize size, double pixelRatio,
                    const std::function<void(QPainter&, const QRectF&)>& paint) {
    const QString ext = QFileInfo(path).suffix().toLower();
    const QRectF area(QPointF(0, 0), QSizeF(size));
    if (ext == QLatin1String("svg")) {
        QSvgGenerator gen;
        gen.setFileName(path + QStringLiteral(".part"));
        gen.setSize(size);
        gen.setViewBox(area);
        gen.setTitle(QStringLiteral("AsyncScope"));
        {
            QPainter p(&gen);
            if (!p.isActive()) return cannotWrite(path);
            paint(p, area);
        }
        return moveIntoPlace(path);
    }
    if (ext == QLatin1String("pdf")) {
        QPdfWriter pdf(path + QStringLiteral(".part"));
        pdf.setPageSize(QPageSize(QSizeF(size) * 0.75, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(96);
        {
            QPainter p(&pdf);
            if (!p.isActive()) return cannotWrite(path);
            paint(p, area);
        }
        return moveIntoPlace(path);
    }
    QImage img((QSizeF(size) * pixelRatio).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (img.isNull()) return cannotWrite(path);
    img.setDevicePixelRatio(pixelRatio);
    img.fill(Qt::white);
    {
        QPainter p(&img);
        paint(p, area);
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !img.save(&f, "PNG") || !f.commit())
        return cannotWrite(path, f.errorString());
    return {};
}

QString exportRuntimeView(const LiveModel& model, const PaintOptions& options, const QString& path,
                          QSize size, double pixelRatio) {
    return paintToFile(path, size, pixelRatio, [&](QPainter& p, const QRectF& area) {
        paintRuntime(p, area, model, options);
    });
}

QString exportChromeTrace(const trace::Trace& trace, const QString& path) {
    std::ostringstream out;
    trace::writeChromeTrace(trace, out);
    const std::string s = out.str();
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly) &&
        f.write(s.data(), static_cast<qint64>(s.size())) == static_cast<qint64>(s.size()) &&
        f.commit())
        return {};
    return cannotWrite(path, f.errorString());
}

}  // namespace asyncscope::core
