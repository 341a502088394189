#include "autosave.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <cerrno>
#include <csignal>

namespace asyncscope::gui {

namespace {

const char* const kPrefix = "autosave-";

bool running(qint64 pid) {
    if (pid <= 0) return false;
    // Signal 0 checks that the process exists; EPERM: it does, someone else's.
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

QString ownFile(const QString& dir) {
    return QDir(dir).filePath(QString::fromLatin1(kPrefix) +
                              QString::number(QCoreApplication::applicationPid()) +
                              QStringLiteral(".json"));
}

}  // namespace

Autosave::Autosave(QString dir) : m_dir(std::move(dir)) {
    if (m_dir.isEmpty())
        m_dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                QStringLiteral("/autosave");
}

QString Autosave::store(const QString& text, const QString& path, const QString& name) {
    if (text == m_last) return {};
    if (!QDir().mkpath(m_dir))
        return QCoreApplication::translate("Autosave", "cannot create %1").arg(m_dir);
    QJsonObject o;
    o.insert(QStringLiteral("version"), 1);
    o.insert(QStringLiteral("pid"), QCoreApplication::applicationPid());
    o.insert(QStringLiteral("path"), path);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("when"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("text"), text);
    QSaveFile f(ownFile(m_dir));
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return QCoreApplication::translate("Autosave", "cannot write %1: %2")
            .arg(f.fileName(), f.errorString());
    m_last = text;
    return {};
}

void Autosave::clear() {
    QFile::remove(ownFile(m_dir));
    m_last.clear();
}

std::vector<Autosave::Entry> Autosave::leftBehind() const {
    std::vector<Entry> out;
    const QDir d(m_dir);
    const QStringList files =
        d.entryList({QString::fromLatin1(kPrefix) + QStringLiteral("*.json")}, QDir::Files);
    for (const QString& name : files) {
        QFile f(d.filePath(name));
        // A scenario is at most 1 MiB; an autosave much larger is not ours.
        if (f.size() > 8 * 1024 * 1024 || !f.open(QIODevice::ReadOnly)) continue;
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        if (o.value(QStringLiteral("version")).toInt() != 1) continue;
        Entry e;
        e.pid = o.value(QStringLiteral("pid")).toInteger();
        if (e.pid == QCoreApplication::applicationPid() || running(e.pid)) continue;
        e.text = o.value(QStringLiteral("text")).toString();
        e.path = o.value(QStringLiteral("path")).toString();
        e.name = o.value(QStringLiteral("name")).toString();
        e.when =
            QDateTime::fromString(o.value(QStringLiteral("when")).toString(), Qt::ISODateWithMs);
        e.file = f.fileName();
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(),
              [](const Entry& a, const Entry& b) { return a.when > b.when; });
    return out;
}

void Autosave::discard(const Entry& e) {
    QFile::remove(e.file);
}

}  // namespace asyncscope::gui
