#include "timeline_export_dialog.hpp"

#include <time_axis.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace asyncscope::gui {

namespace {

QString rangeText(std::pair<std::uint64_t, std::uint64_t> r) {
    return QStringLiteral("%1 – %2 (%3)")
        .arg(QString::fromStdString(core::TimeAxis::formatDuration(double(r.first))),
             QString::fromStdString(core::TimeAxis::formatDuration(double(r.second))),
             QString::fromStdString(core::TimeAxis::formatDuration(double(r.second - r.first))));
}

}  // namespace

TimelineExportDialog::TimelineExportDialog(const Ranges& ranges, const QString& title,
                                           QWidget* parent)
    : QDialog(parent), m_ranges(ranges) {
    setWindowTitle(tr("Export Timeline"));
    QSettings s;
    auto* form = new QFormLayout;
    auto* rangeBox = new QVBoxLayout;
    m_visible = new QRadioButton(tr("The visible range: %1").arg(rangeText(ranges.visible)), this);
    m_selection = new QRadioButton(
        ranges.selection ? tr("The selection: %1").arg(rangeText(*ranges.selection))
                         : tr("The selection (Ctrl+drag on the timeline to make one)"),
        this);
    m_selection->setEnabled(ranges.selection.has_value());
    m_whole = new QRadioButton(tr("The whole run: %1").arg(rangeText(ranges.whole)), this);
    rangeBox->addWidget(m_visible);
    rangeBox->addWidget(m_selection);
    rangeBox->addWidget(m_whole);
    (ranges.selection ? m_selection : m_visible)->setChecked(true);
    form->addRow(tr("Range:"), rangeBox);

    m_size = new QComboBox(this);
    m_size->addItem(tr("1× (as wide as on screen: %1 px)").arg(ranges.viewWidth));
    m_size->addItem(tr("2× (sharp on high-density screens and slides)"));
    m_size->addItem(tr("A width of my choice"));
    m_size->setToolTip(
        tr("PNG files get this many pixels; SVG and PDF are vector drawings at "
           "the chosen width."));
    m_width = new QSpinBox(this);
    m_width->setRange(320, 16384);
    m_width->setSuffix(tr(" px"));
    m_width->setValue(s.value(QStringLiteral("timelineExport/width"), 3840).toInt());
    m_size->setCurrentIndex(
        std::clamp(s.value(QStringLiteral("timelineExport/size"), 1).toInt(), 0, 2));
    auto syncWidth = [this] { m_width->setEnabled(m_size->currentIndex() == 2); };
    connect(m_size, &QComboBox::currentIndexChanged, this, syncWidth);
    syncWidth();
    form->addRow(tr("Size:"), m_size);
    form->addRow(tr("Width:"), m_width);

    m_title = new QLineEdit(title, this);
    m_title->setToolTip(
        tr("The header above the lanes: the scenario, its variant and the "
           "runtime it ran on. Empty: no header."));
    form->addRow(tr("Title:"), m_title);
    m_arrows = new QCheckBox(tr("Wake and steal arrows"), this);
    m_arrows->setChecked(s.value(QStringLiteral("timelineExport/arrows"), true).toBool());
    form->addRow(QString(), m_arrows);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* box = new QVBoxLayout(this);
    box->addLayout(form);
    box->addWidget(buttons);
}

std::optional<TimelineExportChoice> TimelineExportDialog::choose() {
    TimelineExportChoice c;
    const auto range = m_selection->isChecked() && m_ranges.selection ? *m_ranges.selection
                       : m_whole->isChecked()                         ? m_ranges.whole
                                                                      : m_ranges.visible;
    c.from = range.first;
    c.to = range.second;
    switch (m_size->currentIndex()) {
    case 0: c.width = m_ranges.viewWidth; break;
    case 1:
        c.width = m_ranges.viewWidth;
        c.pixelRatio = 2.0;
        break;
    default: c.width = m_width->value(); break;
    }
    c.title = m_title->text();
    c.arrows = m_arrows->isChecked();
    QSettings s;
    s.setValue(QStringLiteral("timelineExport/size"), m_size->currentIndex());
    s.setValue(QStringLiteral("timelineExport/width"), m_width->value());
    s.setValue(QStringLiteral("timelineExport/arrows"), c.arrows);
    const QString dir = s.value(QStringLiteral("timelineExport/dir"), QDir::homePath()).toString();
    c.path = QFileDialog::getSaveFileName(
        parentWidget(), tr("Export Timeline"), QDir(dir).filePath(QStringLiteral("timeline.png")),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (c.path.isEmpty()) return std::nullopt;
    if (QFileInfo(c.path).suffix().isEmpty()) c.path += QStringLiteral(".png");
    s.setValue(QStringLiteral("timelineExport/dir"), QFileInfo(c.path).absolutePath());
    return c;
}

}  // namespace asyncscope::gui
