// cubbyctl share / unshare: a folder (of the caller's home, typically) shared into a
// container. The stored definition is fetched, edited as a value (folder_shares.h) and
// defined again, so the helper runs every check and polkit decides as for any definition.
#include "commands.h"

#include "cli_common.h"

#include "domain_xml.h"
#include "folder_shares.h"
#include "launch_support.h"

#include <QFileInfo>
#include <cstdio>

namespace cubby::cli {

namespace {

// Takes "--NAME VALUE" out of `arguments`; false (with the error printed) when VALUE is missing.
bool takeOption(QStringList& arguments, const QString& name, std::optional<QString>& value) {
    const qsizetype at = arguments.indexOf(name);
    if (at < 0)
        return true;
    if (at + 1 >= arguments.size()) {
        failWith(name + QStringLiteral(" needs a value"));
        return false;
    }
    value = arguments[at + 1];
    arguments.remove(at, 2);
    return true;
}

int share(const QStringList& given) {
    QStringList arguments = given;
    const bool readOnly = arguments.removeAll(QStringLiteral("--read-only")) > 0;
    std::optional<QString> target, user;
    if (!takeOption(arguments, QStringLiteral("--target"), target) ||
        !takeOption(arguments, QStringLiteral("--user"), user))
        return 1;
    if (arguments.size() != 2)
        return failWith(QStringLiteral("usage: cubbyctl share NAME FOLDER [--target DIR] "
                                       "[--read-only] [--user UID]"));
    FolderShare folder;
    folder.source = QFileInfo(arguments[1]).absoluteFilePath().toStdString();
    folder.target = target.value_or(QString()).toStdString();
    folder.readOnly = readOnly;
    if (user) {
        bool ok = false;
        const uint number = user->toUInt(&ok);
        if (!ok)
            return failWith(
                QStringLiteral("--user takes a user id inside the container, not %1").arg(*user));
        folder.user = number;
    }
    const int status = redefine(arguments[0], [&](Domain& domain) -> Status {
        CUBBY_CHECK(addFolderShare(domain, folder));
        folder.target = domain.filesystems.back().targetDir;
        return Status{};
    });
    if (status == 0)
        out() << "Folder " << QString::fromStdString(folder.source) << " shared with '"
              << arguments[0] << "' on " << QString::fromStdString(folder.target)
              << (readOnly ? " (read-only)" : "") << "; it is mounted at the next start\n\n";
    return status;
}

int unshare(const QStringList& arguments) {
    const int status = redefine(arguments[0], [&](Domain& domain) {
        return removeFolderShare(domain, arguments[1].toStdString());
    });
    if (status == 0)
        out() << "Folder on " << arguments[1] << " no longer shared with '" << arguments[0]
              << "' from the next start\n\n";
    return status;
}

const std::vector<Command> table = {
    {"share", "NAME FOLDER [--target DIR] [--read-only] [--user UID]",
     "share a host folder (one of your home: no administrator needed) with a container; its "
     "files show as root's inside (or UID's) and stay yours",
     2, 7, share},
    {"unshare", "NAME TARGET", "stop sharing the folder mounted at TARGET", 2, 2, unshare},
};

} // namespace

std::span<const Command> shareCommands() {
    return table;
}

} // namespace cubby::cli
