// Exec and ExecTerminal: a command in a running container with its exit status (cubbyctl exec,
// as `incus exec` or `machinectl shell NAME /bin/cmd`). The container's controller starts it
// the way it starts a shell (the same namespaces, capabilities, filter and user) and keeps a
// process waiting for it that writes how it ended to the status pipe. Allowed as a shell is:
// it is one.
#include "manager_service.h"

#include "control_protocol.h"
#include "controller_client.h"
#include "manager_common.h"
#include "names.h"

#include <QDBusConnection>

namespace cubby {

using namespace manager;

namespace {

// Checked before polkit is asked: the arguments are the caller's alone to get right.
Result<ExecRequest> execRequest(const QStringList& argv, const QString& user, bool terminal) {
    if (argv.isEmpty() || argv.front().isEmpty())
        return failInvalid("exec needs a program to run");
    if (size_t(argv.size()) > maxExecArguments)
        return failInvalid(std::format("exec takes at most {} arguments", maxExecArguments));
    if (!user.isEmpty())
        CUBBY_CHECK(validateObjectName(user.toStdString(), "user"));
    ExecRequest request;
    request.user = user.toStdString();
    request.terminal = terminal;
    size_t bytes = 0;
    for (const QString& argument : argv) {
        request.argv.push_back(argument.toStdString());
        bytes += request.argv.back().size() + 1;
    }
    // The controller takes one packet: the arguments must fit in it.
    if (bytes + request.user.size() + 4 > maxControlPacket - 1)
        return failInvalid(std::format("exec's arguments come to {} bytes; at most {} fit", bytes,
                                       maxControlPacket - 64));
    return request;
}

} // namespace

void ManagerService::startExec(const QString& name, const QStringList& argv, const QString& user,
                               bool terminal) {
    if (!checkContainerName(name))
        return;
    auto request = execRequest(argv, user, terminal);
    if (!request) {
        replyError(request.error());
        return;
    }
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, "exec"), consoleAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, payload = formatExecRequest(*request), terminal](const QDBusMessage& call) {
            if (auto running = containerRunning(name); !running) {
                replyError(call, running.error());
                return;
            }
            auto started = [&]() -> Result<std::pair<std::string, std::vector<UniqueFd>>> {
                CUBBY_TRY(client, ControllerClient::connect(
                                      m_config.paths.controlSocket(name.toStdString())));
                return client.requestWithFds(ControlMessage::Exec, payload);
            }();
            if (!started) {
                replyError(call, started.error());
                return;
            }
            auto& fds = started->second;
            const auto fd = [&](size_t i) {
                return QVariant::fromValue(QDBusUnixFileDescriptor(fds[i].get()));
            };
            if (terminal && fds.size() == 2) {
                QDBusConnection::systemBus().send(
                    call.createReply({fd(0), fd(1), q(started->first.substr(3))}));
            } else if (!terminal && fds.size() == 4) {
                QDBusConnection::systemBus().send(call.createReply({fd(0), fd(1), fd(2), fd(3)}));
            } else {
                replyError(call, Error::system(EPROTO, "the controller's exec reply was not "
                                                       "what was asked for"));
            }
        });
}

QDBusUnixFileDescriptor ManagerService::Exec(const QString& name, const QStringList& argv,
                                             const QString& user, QDBusUnixFileDescriptor&,
                                             QDBusUnixFileDescriptor&, QDBusUnixFileDescriptor&) {
    startExec(name, argv, user, false);
    return {};
}

QDBusUnixFileDescriptor ManagerService::ExecTerminal(const QString& name, const QStringList& argv,
                                                     const QString& user, QDBusUnixFileDescriptor&,
                                                     QString&) {
    startExec(name, argv, user, true);
    return {};
}

} // namespace cubby
