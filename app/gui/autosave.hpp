// Autosave: the editor's unsaved work, kept in the app's data folder every
// few seconds, so that a crash, a kill -9 or a power cut loses at most those
// seconds. Each running window writes its own file (autosave-PID.json,
// atomically) and removes it when the work is saved, discarded or the
// window closes normally. A file whose process no longer runs was left by a
// run that did not end normally: the next start offers to restore it.
#pragma once

#include <QDateTime>
#include <QString>

#include <vector>

namespace asyncscope::gui {

class Autosave {
public:
    // `dir`: where the files live (default: <app data>/autosave).
    explicit Autosave(QString dir = {});

    struct Entry {
        QString text;  // the editor's text
        QString path;  // the file it belongs to ("" for a built-in lesson or a new scenario)
        QString name;  // what the editor calls it (for the question)
        QDateTime when;
        qint64 pid = 0;
        QString file;  // the autosave file itself
    };

    // Keeps `text` (only when it differs from what is kept); "" or an error.
    QString store(const QString& text, const QString& path, const QString& name);
    // Nothing unsaved any more: removes this process's file.
    void clear();
    // Files left by processes that no longer run, newest first (unreadable
    // or foreign files are skipped, never deleted).
    std::vector<Entry> leftBehind() const;
    // Removes a file leftBehind() returned (restored or declined).
    static void discard(const Entry& e);
    const QString& dir() const noexcept { return m_dir; }

private:
    QString m_dir;
    QString m_last;  // the text last stored
};

}  // namespace asyncscope::gui
