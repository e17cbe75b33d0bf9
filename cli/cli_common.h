#pragma once
// What cubbyctl's verbs share: the proxy of the helper's Manager, output, errors, tables.

#include "connection.h"
#include "domain.h"
#include "error.h"
#include "manager_interface.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <functional>

namespace cubby::cli {

using Manager = IoGithubCubby1ManagerInterface;

QTextStream& out();
// Prints "error: MESSAGE" on stderr; returns 1, the exit status of a failed verb.
int failWith(const QString& message);
Manager& manager();
// Reads FILE ('-': stdin), at most one XML document's worth; prints the error on failure.
bool readFile(const QString& path, QString& text);
// A left-aligned table with a rule under the header, as virsh prints them.
void printTable(const QStringList& header, const QList<QStringList>& rows);

// The stored definition of `name`, edited by `edit` as a value and defined again, so the
// helper runs every check and polkit decides as for any definition. 0 or 1, as a verb.
int redefine(const QString& name, const std::function<Status(Domain&)>& edit);

// Waits for a reply; prints the error and returns false when it failed.
template <class Reply>
bool wait(Reply& reply) {
    reply.waitForFinished();
    if (reply.isError()) {
        failWith(describeCallError(reply.error()));
        return false;
    }
    return true;
}

} // namespace cubby::cli
