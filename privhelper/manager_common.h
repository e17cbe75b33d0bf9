#pragma once
// What the parts of ManagerService (manager_service.cpp, manager_networks.cpp) share: the
// polkit action ids, the details shown in authentication dialogs, and small conversions.

#include "launch_support.h"
#include "uuid.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <array>
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
