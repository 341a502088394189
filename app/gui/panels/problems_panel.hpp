// The Problems panel: why the scenario did not load, one line per error with
// its file, line and column (ProblemsModel). A scenario with errors is not
// run. Clicking or activating a problem that has a position emits
// jumpRequested(line, column), and the window puts the editor's cursor there.
#pragma once

#include <asyncscope/scenario/loader.hpp>

#include <QListView>

#include <vector>

namespace asyncscope::core {
class ProblemsModel;
}  // namespace asyncscope::core

namespace asyncscope::gui {
using namespace asyncscope::core;

class ProblemsPanel final : public QListView {
    Q_OBJECT
public:
    explicit ProblemsPanel(QWidget* parent = nullptr);

    ProblemsModel* problems() const noexcept { return m_model; }
    void setDiagnostics(std::vector<scenario::Diagnostic> diagnostics);
    void clear();

Q_SIGNALS:
    void jumpRequested(int line, int column);

private:
    void jumpTo(const QModelIndex& index);

    ProblemsModel* m_model = nullptr;
};

}  // namespace asyncscope::gui
