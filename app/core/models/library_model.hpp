// The built-in lesson library as a two-level tree: categories, in the order
// the library first mentions them, and under each its scenarios. Titles and
// tooltips are in the UI language; every scenario also carries a search text
// with its name, category and both languages' title and description, which
// LibraryFilterModel matches, so a search finds a lesson in English and in
// Chinese whichever language the UI shows.
#pragma once

#include <asyncscope/scenario/model.hpp>

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace asyncscope::core {

class LibraryModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole,  // the scenario's name ("tour"); none on a category
        SearchRole,               // what the search box matches; none on a category
    };

    // Loads every built-in scenario (one that does not load is left out).
    explicit LibraryModel(QObject* parent = nullptr);

    // "en" or "zh" for the scenarios' titles and tooltips; category titles
    // follow the installed translator. Every row reports a change, so call it
    // after a translator changed too.
    void setLanguage(const QString& lang);
    QString language() const { return m_lang; }
    // The scenario row named `name`, or an invalid index.
    QModelIndex indexOfScenario(const QString& name) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Entry {
        QString name;
        scenario::Text title, description;
        QString difficulty;
        QString search;
    };
    struct Category {
        QString key;  // "sync"
        std::vector<Entry> entries;
    };
    // Scenario rows keep their category's row + 1 in internalId; category rows 0.
    const Category* categoryOf(const QModelIndex& index) const;
    const Entry* entryOf(const QModelIndex& index) const;

    std::vector<Category> m_categories;
    QString m_lang = QStringLiteral("en");
};

// The library search: case-insensitive, on LibraryModel::SearchRole; a
// category shows while any of its scenarios matches.
class LibraryFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit LibraryFilterModel(QObject* parent = nullptr);
};

}  // namespace asyncscope::core
