#include "models/library_model.hpp"

#include "models/lesson_markup.hpp"

#include <asyncscope/scenario/library.hpp>

#include <QCoreApplication>
#include <QFont>

#include <algorithm>
#include <map>

namespace asyncscope::core {

namespace {

// The context stays "Library" (as before the panels had classes of their
// own), so the existing translations keep working.
QString categoryTitle(const QString& key) {
    static const std::map<QString, const char*> names = {
        {QStringLiteral("futures"), QT_TRANSLATE_NOOP("Library", "Futures and polling")},
        {QStringLiteral("tasks"), QT_TRANSLATE_NOOP("Library", "Tasks: spawn and join")},
        {QStringLiteral("blocking"), QT_TRANSLATE_NOOP("Library", "Blocking work")},
        {QStringLiteral("sync"), QT_TRANSLATE_NOOP("Library", "Locks and shared state")},
        {QStringLiteral("channels"), QT_TRANSLATE_NOOP("Library", "Channels")},
        {QStringLiteral("scheduler"), QT_TRANSLATE_NOOP("Library", "The scheduler")},
        {QStringLiteral("cancellation"), QT_TRANSLATE_NOOP("Library", "Errors and cancellation")},
        {QStringLiteral("io"), QT_TRANSLATE_NOOP("Library", "I/O-bound work")},
        {QStringLiteral("models"), QT_TRANSLATE_NOOP("Library", "Runtime models compared")},
        {QStringLiteral("pitfalls"), QT_TRANSLATE_NOOP("Library", "Pitfalls")},
    };
    auto it = names.find(key);
    return it != names.end() ? QCoreApplication::translate("Library", it->second) : key;
}

}  // namespace

LibraryModel::LibraryModel(QObject* parent) : QAbstractItemModel(parent) {
    for (const scenario::BuiltinScenario& b : scenario::builtinScenarios()) {
        scenario::LoadResult r = scenario::loadBuiltin(b);
        if (!r.ok()) continue;
        const scenario::Scenario& s = *r.scenario;
        const QString key = QString::fromStdString(s.category);
        auto cat = std::find_if(m_categories.begin(), m_categories.end(),
                                [&](const Category& c) { return c.key == key; });
        if (cat == m_categories.end()) cat = m_categories.insert(cat, Category{key, {}});
        cat->entries.push_back(Entry{
            QString::fromStdString(s.name), s.title, s.description,
            QString::fromStdString(s.difficulty),
            QString::fromStdString(s.name + " " + s.title.en + " " + s.title.zh + " " + s.category +
                                   " " + s.description.en + " " + s.description.zh)});
    }
}

void LibraryModel::setLanguage(const QString& lang) {
    m_lang = lang == QLatin1String("zh") ? QStringLiteral("zh") : QStringLiteral("en");
    if (m_categories.empty()) return;
    const int last = static_cast<int>(m_categories.size()) - 1;
    Q_EMIT dataChanged(index(0, 0), index(last, 0), {Qt::DisplayRole, Qt::ToolTipRole});
    for (int c = 0; c <= last; ++c) {
        const QModelIndex parent = index(c, 0);
        const int rows = rowCount(parent);
        if (rows > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, 0, parent),
                               {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

QModelIndex LibraryModel::indexOfScenario(const QString& name) const {
    for (std::size_t c = 0; c < m_categories.size(); ++c) {
        const auto& entries = m_categories[c].entries;
        for (std::size_t e = 0; e < entries.size(); ++e)
            if (entries[e].name == name)
                return createIndex(static_cast<int>(e), 0, static_cast<quintptr>(c + 1));
    }
    return {};
}

QModelIndex LibraryModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, quintptr(0));
    return createIndex(row, column, static_cast<quintptr>(parent.row() + 1));
}

QModelIndex LibraryModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int LibraryModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(m_categories.size());
    if (parent.column() != 0) return 0;
    const Category* c = categoryOf(parent);
    return c ? static_cast<int>(c->entries.size()) : 0;
}

int LibraryModel::columnCount(const QModelIndex&) const {
    return 1;
}

const LibraryModel::Category* LibraryModel::categoryOf(const QModelIndex& index) const {
    if (!index.isValid() || index.internalId() != 0) return nullptr;
    return &m_categories[static_cast<std::size_t>(index.row())];
}

const LibraryModel::Entry* LibraryModel::entryOf(const QModelIndex& index) const {
    if (!index.isValid() || index.internalId() == 0) return nullptr;
    const Category& c = m_categories[static_cast<std::size_t>(index.internalId() - 1)];
    return &c.entries[static_cast<std::size_t>(index.row())];
}

QVariant LibraryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    if (const Category* c = categoryOf(index)) {
        if (role == Qt::DisplayRole) return categoryTitle(c->key);
        if (role == Qt::FontRole) {
            QFont f;  // only bold is set: the rest comes from the view's font
            f.setBold(true);
            return f;
        }
        return {};
    }
    const Entry* e = entryOf(index);
    const std::string lang = m_lang.toStdString();
    switch (role) {
    case Qt::DisplayRole: return QString::fromStdString(e->title.in(lang));
    case Qt::ToolTipRole:
        return QStringLiteral("<b>%1</b> (%2)<br/>%3")
            .arg(lessonMarkupToHtml(e->title.in(lang)), e->difficulty,
                 lessonMarkupToHtml(e->description.in(lang)));
    case NameRole: return e->name;
    case SearchRole: return e->search;
    default: return {};
    }
}

Qt::ItemFlags LibraryModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    // A category is a heading: it cannot be selected or opened.
    return index.internalId() == 0 ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

LibraryFilterModel::LibraryFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setFilterRole(LibraryModel::SearchRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setRecursiveFilteringEnabled(true);
}

}  // namespace asyncscope::core
