#include "panels/library_panel.hpp"

#include "models/library_model.hpp"

#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace asyncscope::gui {

LibraryPanel::LibraryPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_model = new LibraryModel(this);
    m_filter = new LibraryFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_view = new QTreeView(this);
    m_view->setModel(m_filter);
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->expandAll();
    layout->addWidget(m_search);
    layout->addWidget(m_view);
    connect(m_search, &QLineEdit::textChanged, this, &LibraryPanel::search);
    // A single click loads a lesson, as Enter (or a double click) does.
    auto open = [this](const QModelIndex& index) {
        const QString name = index.data(LibraryModel::NameRole).toString();
        if (!name.isEmpty()) Q_EMIT scenarioActivated(name);
    };
    connect(m_view, &QTreeView::activated, this, open);
    connect(m_view, &QTreeView::clicked, this, open);
}

void LibraryPanel::search(const QString& text) {
    m_filter->setFilterFixedString(text);
    m_view->expandAll();  // a category the search brings back comes back open
}

void LibraryPanel::retranslate(const QString& lang) {
    m_search->setPlaceholderText(tr("Search lessons…"));
    m_model->setLanguage(lang);
}

}  // namespace asyncscope::gui
