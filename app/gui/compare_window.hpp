// Compare: the open scenario run twice, side by side. Each side is a Session
// of its own (the same run seam as the main window) over the very scenario
// the window has loaded, with its own variant, worker count and flavor: the
// pitfall and its fix, or one program under 2 and 8 workers.
//
// Both runtime views play at once at one speed. Under them, the two
// timelines share one time axis (the longer run's length): zooming or
// panning one moves the other, and moving the cursor in one moves the other
// to the same instant. When both runs have ended, the delta table compares
// them (duration, polls, steals, the longest scheduling delay, busy time per
// worker, findings; core/compare.hpp), and the whole comparison can be
// exported as one image (PNG, SVG or PDF).
#pragma once

#include <look.hpp>

#include "session.hpp"

#include <compare.hpp>

#include <QWidget>

#include <array>

class QComboBox;
class QLabel;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace asyncscope::gui {

class RuntimeView;
class TimelineCanvas;

class CompareWindow final : public QWidget {
    Q_OBJECT
public:
    // What one side runs: a variant ("": the base), workers (0: the
    // scenario's), flavor (-1 the scenario's, 0 multi-thread, 1 current-thread).
    struct Side {
        QString variant;
        int workers = 0;
        int flavor = -1;
        friend bool operator==(const Side&, const Side&) = default;
    };
    enum Which { Left = 0, Right = 1 };

    // Over the scenario `main` has loaded; `slowdown`: the speed both play at.
    CompareWindow(const Session& main, double slowdown, const QString& language,
                  QWidget* parent = nullptr);
    ~CompareWindow() override;

    // The sides (default: the base on the left; on the right the first
    // variant, or the base under twice the workers when there is none).
    void setSide(Which which, const Side& side);
    Side side(Which which) const;
    // Runs both sides from the start (F5).
    void start();
    void togglePause();  // both (Space)
    void setSlowdown(double factor);
    double slowdown() const noexcept { return m_slowdown; }

    Session& session(Which which) { return *m_sides[which].session; }
    RuntimeView* view(Which which) const { return m_sides[which].view; }
    TimelineCanvas* timeline(Which which) const { return m_sides[which].timeline; }
    QTableWidget* table() const noexcept { return m_table; }
    // Both runs ended and the delta table compares them.
    bool compared() const noexcept { return !m_rows.empty(); }
    const std::vector<CompareRow>& rows() const noexcept { return m_rows; }
    // What a side is called in headers and the table: "base", a variant's
    // title, then the overrides ("· 8 workers").
    QString sideName(Which which) const;

    // The language ("en" or "zh") and the look the main window switches to:
    // an open comparison follows them.
    void setLanguage(const QString& lang);
    void setLook(const Look& look);

    // Both views, both timelines over the shared range and the table, as one
    // picture of `size` (PNG at twice the pixels, SVG or PDF by extension).
    QString exportImage(const QString& path, QSize size = {1600, 1000});

Q_SIGNALS:
    // Both runs ended; rows() is the delta table.
    void comparedChanged();

protected:
    void keyPressEvent(QKeyEvent* e) override;

private:
    struct SideUi {
        std::unique_ptr<Session> session;
        RuntimeView* view = nullptr;
        TimelineCanvas* timeline = nullptr;
        QLabel* heading = nullptr;
        QComboBox* variant = nullptr;
        QSpinBox* workers = nullptr;
        QComboBox* flavor = nullptr;
    };
    QWidget* buildSide(Which which);
    void applySide(Which which);
    void updateHeadings();
    void updateTable();
    void updateSharedEnd();
    void exportDialog();
    // The other side shows what this one's timeline shows.
    void followView(Which from);
    void retranslate();

    const Session& m_main;
    QString m_lang;
    double m_slowdown = 1;
    std::array<SideUi, 2> m_sides;
    std::vector<CompareRow> m_rows;
    QTableWidget* m_table = nullptr;
    QComboBox* m_speed = nullptr;
    QToolButton *m_runButton = nullptr, *m_pauseButton = nullptr, *m_exportButton = nullptr;
    QLabel* m_speedLabel = nullptr;
    bool m_syncing = false;  // a view following the other: do not echo back
};

}  // namespace asyncscope::gui
