// The Breakpoints panel: what a live run pauses at. A list (tick to enable,
// Delete to remove) and a form to add one: a wake of a task, contention on
// a lock, a steal, a spawn of a template, a finding of a kind, an instant,
// or a task starting to wait on a resource. The name fields offer the loaded
// scenario's templates and resources. When the run pauses at one, its row is
// selected and the line under the list says which and when.
#pragma once

#include <asyncscope/trace/breakpoints.hpp>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace asyncscope::gui {

class Session;

// "a wake of reader", in the app's language.
QString describeBreakpoint(const trace::Breakpoint& b);

class BreakpointsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit BreakpointsPanel(Session& session, QWidget* parent = nullptr);

    // The form's fields (tests drive them as a user does).
    QComboBox* kindBox() const noexcept { return m_kind; }
    QComboBox* nameBox() const noexcept { return m_name; }
    QComboBox* resourceBox() const noexcept { return m_resource; }
    QComboBox* findingBox() const noexcept { return m_finding; }
    QDoubleSpinBox* instantBox() const noexcept { return m_at; }
    QListWidget* list() const noexcept { return m_list; }
    // Adds what the form says (the Add button).
    void addFromForm();
    void retranslate();

public Q_SLOTS:
    // The scenario changed: the name fields offer its templates and resources.
    void refreshNames();

private:
    void rebuildList();
    void updateForm();
    void showHit(std::size_t index);

    Session& m_session;
    QListWidget* m_list = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_name = nullptr;
    QComboBox* m_resource = nullptr;
    QComboBox* m_finding = nullptr;
    QDoubleSpinBox* m_at = nullptr;
    QPushButton *m_add = nullptr, *m_remove = nullptr, *m_clear = nullptr;
    QLabel *m_hit = nullptr, *m_nameLabel = nullptr, *m_resourceLabel = nullptr;
};

}  // namespace asyncscope::gui
