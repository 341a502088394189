// The Library panel: the built-in lessons by category (LibraryModel) above a
// search box that filters them by English or Chinese title, name, category
// or description (LibraryFilterModel). Emits scenarioActivated(name) when the
// user opens a lesson (double click or Enter); the window loads it.
#pragma once

#include <QWidget>

class QLineEdit;
class QTreeView;

namespace asyncscope::core {
class LibraryFilterModel;
class LibraryModel;
}  // namespace asyncscope::core

namespace asyncscope::gui {
using namespace asyncscope::core;

class LibraryPanel final : public QWidget {
    Q_OBJECT
public:
    explicit LibraryPanel(QWidget* parent = nullptr);

    QTreeView* view() const noexcept { return m_view; }
    LibraryModel* model() const noexcept { return m_model; }
    LibraryFilterModel* filter() const noexcept { return m_filter; }
    QLineEdit* searchBox() const noexcept { return m_search; }

    // Titles in `lang` ("en" or "zh"), UI text from the installed translator.
    void retranslate(const QString& lang);

Q_SIGNALS:
    void scenarioActivated(const QString& name);

private:
    void search(const QString& text);

    LibraryModel* m_model = nullptr;
    LibraryFilterModel* m_filter = nullptr;
    QLineEdit* m_search = nullptr;
    QTreeView* m_view = nullptr;
};

}  // namespace asyncscope::gui
