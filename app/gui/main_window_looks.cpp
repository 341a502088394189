// MainWindow, how it shows things: the zoom (type and view size),
// presentation mode, and the high-contrast and colour-blind-safe looks
// (see main_window.hpp).
#include "main_window.hpp"

#include "compare_window.hpp"

#include "panels/charts_panel.hpp"
#include "panels/timeline_panel.hpp"
#include "runtime_view.hpp"

#include <QAction>
#include <QApplication>
#include <QDockWidget>

namespace asyncscope::gui {

void MainWindow::setPresentation(bool on) {
    if (on == m_presenting) {
        m_presentation->setChecked(on);
        return;
    }
    if (on) {
        m_stateBeforePresenting = saveState();
        m_scaleBeforePresenting = m_view->scale();
        const bool guided = !m_session.moments().empty();
        for (QDockWidget* d : m_docks) {
            const QString n = d->objectName();
            d->setVisible(n == QLatin1String("LessonDock") || n == QLatin1String("TimelineDock") ||
                          (guided && n == QLatin1String("GuideDock")));
        }
        m_presenting = true;
        zoom(0);
        zoom(m_presentationScale);
        // Most of the screen for the runtime: the timeline under a third of the
        // height at most, the lesson a fifth of the width.
        resizeDocks({dock(QStringLiteral("TimelineDock"))}, {height() * 28 / 100}, Qt::Vertical);
        resizeDocks({dock(QStringLiteral("LessonDock"))}, {width() / 5}, Qt::Horizontal);
    } else {
        m_presentationScale = m_view->scale();  // zoomed while presenting: remembered
        m_presenting = false;
        restoreState(m_stateBeforePresenting);
        zoom(0);
        zoom(m_scaleBeforePresenting);
    }
    m_presentation->setChecked(on);
    applyLook();
}

void MainWindow::setHighContrast(bool on) {
    m_highContrast->setChecked(on);
    applyLook();
}

void MainWindow::setColourBlind(bool on) {
    m_colourBlind->setChecked(on);
    applyLook();
}

Look MainWindow::look() const {
    return Look{m_presenting || m_highContrast->isChecked(), m_colourBlind->isChecked()};
}

void MainWindow::applyLook() {
    const Look l = look();
    m_view->setLook(l);
    m_timeline->canvas()->setLook(l);
    for (CompareWindow* c : findChildren<CompareWindow*>()) c->setLook(l);
    if (l.highContrast) {
        QPalette p = m_normalPalette;
        for (auto group : {QPalette::Active, QPalette::Inactive}) {
            p.setColor(group, QPalette::Window, Qt::white);
            p.setColor(group, QPalette::Base, Qt::white);
            p.setColor(group, QPalette::AlternateBase, QColor(0xee, 0xee, 0xee));
            p.setColor(group, QPalette::WindowText, Qt::black);
            p.setColor(group, QPalette::Text, Qt::black);
            p.setColor(group, QPalette::ButtonText, Qt::black);
            p.setColor(group, QPalette::Mid, QColor(0x30, 0x30, 0x30));
            p.setColor(group, QPalette::Dark, QColor(0x20, 0x20, 0x20));
            p.setColor(group, QPalette::Highlight, QColor(0x00, 0x3c, 0x8f));
            p.setColor(group, QPalette::HighlightedText, Qt::white);
        }
        setPalette(p);
    } else {
        setPalette(m_normalPalette);
    }
}

void MainWindow::zoom(double factor) {
    const double s = factor == 0 ? 1.0 : m_view->scale() * factor;
    m_view->setScale(s);
    QFont f = QApplication::font();
    f.setPointSizeF(10.0 * m_view->scale());
    for (QDockWidget* d : m_docks) d->widget()->setFont(f);
    m_charts->setScale(m_view->scale());
}

}  // namespace asyncscope::gui
