#pragma once
// What the parts of ManagerService (manager_service.cpp, manager_networks.cpp) share: the
// polkit action ids, the details shown in authentication dialogs, and small conversions.

#include "launch_support.h"
#include "unique_fd.h"
#include "uuid.h"

#include <QDBusUnixFileDescriptor>
#include <QMap>
#include <QString>
#include <QStringList>
#include <array>
#include <cerrno>
#include <fcntl.h>
#include <random>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace cubby::manager {

inline const QString monitorAction = QStringLiteral("io.github.cubby1.monitor");
inline const QString manageAction = QStringLiteral("io.github.cubby1.manage");
inline const QString networkAction = QStringLiteral("io.github.cubby1.network");
inline const QString consoleAction = QStringLiteral("io.github.cubby1.console");
// One's own unprivileged containers and root filesystems (engine/core/risk_assessment.h).
inline const QString manageOwnAction = QStringLiteral("io.github.cubby1.manage-own");

// Root filesystem jobs' operations (Job.Operation).
inline const QString createOperation = QStringLiteral("create-rootfs");
inline const QString importOperation = QStringLiteral("import-rootfs");
inline const QString deleteOperation = QStringLiteral("delete-rootfs");
// Containers carried elsewhere (manager_export.cpp).
inline const QString exportOperation = QStringLiteral("export-container");
inline const QString importContainerOperation = QStringLiteral("import-container");
inline const QString cloneOperation = QStringLiteral("clone-container");
inline const QString snapshotOperation = QStringLiteral("snapshot-container");
inline const QString restoreOperation = QStringLiteral("restore-snapshot");
inline const QString deleteSnapshotOperation = QStringLiteral("delete-snapshot");

// An archive descriptor a caller passed: open, no directory, and open for writing (an
// export's) or for reading (an import's).
inline Status checkArchiveDescriptor(const QDBusUnixFileDescriptor& archive, bool forWriting) {
    struct stat status = {};
    if (!archive.isValid() || ::fstat(archive.fileDescriptor(), &status) != 0)
        return failInvalid("the archive descriptor is not open");
    if (S_ISDIR(status.st_mode))
        return failInvalid("the archive descriptor is a directory, not an archive");
    const int flags = ::fcntl(archive.fileDescriptor(), F_GETFL);
    if (flags < 0 || (flags & O_ACCMODE) == (forWriting ? O_RDONLY : O_WRONLY))
        return failInvalid(forWriting ? "the archive descriptor is not open for writing"
                                      : "the archive descriptor is not open for reading");
    return {};
}

// A container's root directory (or a snapshot's), for a worker to read: the directory itself,
// never a symlink in its place.
inline Result<UniqueFd> openRootDirectory(const std::string& path) {
    UniqueFd root(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!root)
        return fail(Error::system(errno, "opening " + path));
    return root;
}

// A directory, not a symlink to one.
inline bool isDirectoryNoFollow(const std::string& path) {
    struct stat status = {};
    return ::lstat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

inline QString q(const std::string& text) {
    return QString::fromStdString(text);
}

inline QStringList toQStringList(const std::vector<std::string>& items) {
    QStringList list;
    for (const auto& item : items)
        list << q(item);
    return list;
}

inline QMap<QString, QString> details(const QString& kind, const QString& name,
                                      const QString& operation) {
    return {{QStringLiteral("cubby.") + kind, name},
            {QStringLiteral("cubby.operation"), operation}};
}

} // namespace cubby::manager
