// The timeline's export: which range (the visible one, the selection or the
// whole run), how large (1x, 2x for high-density screens and slides, or a
// width in pixels), the title, whether to draw the wake and steal arrows,
// and where (PNG, SVG or PDF, by the file's suffix). The choices are
// remembered for the next export.
#pragma once

#include <QDialog>
#include <QString>

#include <cstdint>
#include <optional>
#include <utility>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace asyncscope::gui {

struct TimelineExportChoice {
    std::uint64_t from = 0, to = 0;  // runtime ns
    int width = 1920;                // view pixels
    double pixelRatio = 1.0;
    QString title;
    bool arrows = true;
    QString path;
};

class TimelineExportDialog final : public QDialog {
    Q_OBJECT
public:
    struct Ranges {
        std::pair<std::uint64_t, std::uint64_t> visible, whole;
        std::optional<std::pair<std::uint64_t, std::uint64_t>> selection;
        int viewWidth = 1200;  // the timeline's width on screen, pixels
    };
    TimelineExportDialog(const Ranges& ranges, const QString& title, QWidget* parent = nullptr);

    // After exec() == Accepted: what to write, and where (asks for the file).
    std::optional<TimelineExportChoice> choose();

private:
    Ranges m_ranges;
    QRadioButton* m_visible = nullptr;
    QRadioButton* m_selection = nullptr;
    QRadioButton* m_whole = nullptr;
    QComboBox* m_size = nullptr;
    QSpinBox* m_width = nullptr;
    QLineEdit* m_title = nullptr;
    QCheckBox* m_arrows = nullptr;
};

}  // namespace asyncscope::gui
