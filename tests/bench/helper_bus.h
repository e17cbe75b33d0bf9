#pragma once
// Calls to cubby-helper (io.github.cubby1.Manager) over the system bus with QtDBus, timed from
// just before the message is sent until its reply has been read: what a client of the helper
// waits for, without a client program's start-up.

#include "error.h"

#include <QDBusMessage>
#include <QString>
#include <QVariantList>
#include <sys/types.h>

namespace cubby::bench {

struct TimedReply {
    QDBusMessage reply;
    double ms = 0;
};

TimedReply callHelper(const QString& method, const QVariantList& arguments = {});
// The reply's error as an Error (the D-Bus error name and message), or success.
Status replyStatus(const QDBusMessage& reply);
// The helper's pid as the bus knows it; 0 when it is not on the bus.
pid_t helperPid();
// Polls GetContainerInfo until the container is in `state` ("running", "shut off").
Status waitForState(const QString& name, const QString& state, int timeoutMs = 10000);

} // namespace cubby::bench
