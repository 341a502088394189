// The controls toolbar: the window's run actions, then the settings of the
// next run: speed (slow motion, 1× to 1000× slower, applied at once),
// workers, flavor and variant (applied at the next run). Everything goes to
// the Session. Emits speedChanged() when the slow-motion factor changed and
// variantChanged() when the user picked another variant; the window updates
// its status line and the lesson.
#pragma once

#include <QList>
#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSpinBox;

namespace asyncscope::gui {

class Session;

// The slow-motion box the toolbar and the compare window share: the offered
// factors (1 = real time ... 1000× slower) as item data, their labels, and
// the item closest to a factor.
void fillSpeedBox(QComboBox* box);
void retranslateSpeedBox(QComboBox* box);
int nearestSpeed(const QComboBox* box, double factor);

class RunToolBar final : public QToolBar {
    Q_OBJECT
public:
    // `actions` come first, a null one stands for a separator.
    RunToolBar(Session& session, const QList<QAction*>& actions, QWidget* parent = nullptr);

    // The offered speed closest to `factor` (1 = real time ... 1000).
    void setSlowdown(double factor);
    // One step faster (< 0) or slower (> 0) in the offered speeds.
    void changeSpeed(int delta);
    int speedIndex() const;
    void setSpeedIndex(int index);  // out of range: ignored
    // "base" or "" for none; false when the scenario has no such variant.
    bool selectVariant(const QString& name);
    // Lists the loaded scenario's variants (after a load or a language change).
    void updateVariants();
    void retranslate();

Q_SIGNALS:
    void speedChanged();
    void variantChanged();

private:
    Session& m_session;
    QComboBox* m_speed = nullptr;
    QComboBox* m_variant = nullptr;
    QComboBox* m_flavor = nullptr;
    QComboBox* m_clock = nullptr;
    QSpinBox* m_workers = nullptr;
    QLabel *m_speedLabel, *m_variantLabel, *m_flavorLabel, *m_workersLabel, *m_clockLabel;
};

}  // namespace asyncscope::gui
