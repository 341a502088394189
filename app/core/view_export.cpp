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

QString exportRuntimeView(const LiveModel& model, const PaintOptions& options, const QString& path,
                          QSize size, double pixelRatio) {
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
            paintRuntime(p, area, model, options);
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
            paintRuntime(p, area, model, options);
        }
        return moveIntoPlace(path);
    }
    QImage img((QSizeF(size) * pixelRatio).toSize(), QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(pixelRatio);
    img.fill(Qt::white);
    {
        QPainter p(&img);
        paintRuntime(p, area, model, options);
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !img.save(&f, "PNG") || !f.commit())
        return cannotWrite(path, f.errorString());
    return {};
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
