#include "commands.h"

#include "cli_common.h"

#include "domain_xml.h"
#include "launch_support.h"
#include "network_xml.h"
#include "terminal_session.h"
#include "xml_reader.h"

#include <QDBusConnection>
#include <QDBusMetaType>
#include <QDateTime>
#include <QFile>
#include <QTextStream>
#include <cstdio>
#include <pwd.h>
#include <random>
#include <vector>

namespace cubby::cli {

namespace {

// "alice (1000)" where the user exists on this machine, else the number.
QString userName(qlonglong uid) {
    passwd entry{};
    passwd* found = nullptr;
    char buffer[1024];
    if (::getpwuid_r(static_cast<uid_t>(uid), &entry, buffer, sizeof buffer, &found) == 0 && found)
        return QStringLiteral("%1 (%2)").arg(QString::fromLocal8Bit(found->pw_name)).arg(uid);
    return QString::number(uid);
}

// A network handed to `define` or a container to `net-define` is named as such, with the
// verb that takes it, before anything is sent; other problems are the helper's to report.
bool rightKindOfDefinition(const QString& file, const QString& xml, const char* wanted) {
    const auto top = topElementName(xml.toStdString());
    if (!top || *top == wanted)
        return true;
    if (*top == "network" || *top == "domain") {
        const bool network = *top == "network";
        failWith(QStringLiteral("%1 is a %2 definition; use 'cubbyctl %3'")
                     .arg(file, network ? QStringLiteral("network") : QStringLiteral("container"),
                          network ? QStringLiteral("net-define") : QStringLiteral("define")));
        return false;
    }
    return true;
}

int defineContainer(const QStringList& arguments) {
    QString xml;
    if (!readFile(arguments[0], xml))
        return 1;
    if (!rightKindOfDefinition(arguments[0], xml, "domain"))
        return 1;
    auto reply = manager().DefineContainer(xml);
    if (!wait(reply))
        return 1;
    for (const auto& warning : reply.argumentAt<1>())
        std::fprintf(stderr, "warning: %s\n", qPrintable(warning));
    out() << "Domain '" << reply.argumentAt<0>() << "' defined from " << arguments[0] << "\n\n";
    return 0;
}

int undefineContainer(const QStringList& arguments) {
    auto reply = manager().UndefineContainer(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << "Domain '" << arguments[0] << "' has been undefined\n\n";
    return 0;
}

int listContainers(const QStringList& arguments) {
    const bool all = arguments.contains(QStringLiteral("--all"));
    const bool inactive = arguments.contains(QStringLiteral("--inactive"));
    // Names alone, one per line, as virsh list --name: for scripts (the package's prerm).
    const bool namesOnly = arguments.contains(QStringLiteral("--name"));
    for (const auto& option : arguments) {
        if (option != QStringLiteral("--all") && option != QStringLiteral("--inactive") &&
            option != QStringLiteral("--name"))
            return failWith(QStringLiteral("unknown option %1").arg(option));
    }
    auto reply = manager().ListContainers();
    if (!wait(reply))
        return 1;
    QList<QStringList> rows;
    for (const auto& entry : reply.value()) {
        const bool running = entry.value(QStringLiteral("state")).toString() == "running";
        if ((running && inactive) || (!running && !all && !inactive))
            continue;
        if (namesOnly) {
            out() << entry.value(QStringLiteral("name")).toString() << "\n";
            continue;
        }
        rows << QStringList{
            running ? entry.value(QStringLiteral("pid")).toString() : QStringLiteral("-"),
            entry.value(QStringLiteral("name")).toString(),
            entry.value(QStringLiteral("state")).toString(),
            entry.value(QStringLiteral("privileged")).toBool() ? QStringLiteral("yes")
                                                               : QStringLiteral("no")};
    }
    if (!namesOnly)
        printTable({QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("State"),
                    QStringLiteral("Privileged")},
                   rows);
    return 0;
}

int startContainer(const QStringList& arguments) {
    auto reply = manager().StartContainer(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << "Domain '" << arguments[0] << "' started\n\n";
    return 0;
}

int shutdownContainer(const QStringList& arguments) {
    uint timeout = 0;
    if (arguments.size() == 3 && arguments[1] == QStringLiteral("--timeout"))
        timeout = arguments[2].toUInt();
    else if (arguments.size() != 1)
        return failWith(QStringLiteral("usage: cubbyctl shutdown NAME [--timeout SECONDS]"));
    auto reply = manager().ShutdownContainer(arguments[0], timeout);
    if (!wait(reply))
        return 1;
    out() << "Domain '" << arguments[0] << "' is being shutdown\n\n";
    return 0;
}

int destroyContainer(const QStringList& arguments) {
    auto reply = manager().DestroyContainer(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << "Domain '" << arguments[0] << "' destroyed\n\n";
    return 0;
}

int rebootContainer(const QStringList& arguments) {
    auto reply = manager().RebootContainer(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << "Domain '" << arguments[0] << "' is being rebooted\n\n";
    return 0;
}

int dominfo(const QStringList& arguments) {
    auto reply = manager().GetContainerInfo(arguments[0]);
    if (!wait(reply))
        return 1;
    const QVariantMap info = reply.value();
    const qlonglong id = info.value(QStringLiteral("id")).toLongLong();
    const auto field = [](const char* label, const QString& value) {
        out() << QString::fromLatin1(label).leftJustified(16) << value << '\n';
    };
    field("Id:", id > 0 ? QString::number(id) : QStringLiteral("-"));
    field("Name:", info.value(QStringLiteral("name")).toString());
    field("UUID:", info.value(QStringLiteral("uuid")).toString());
    field("OS Type:", info.value(QStringLiteral("os_type")).toString());
    field("State:", info.value(QStringLiteral("state")).toString());
    field("CPU(s):", info.value(QStringLiteral("cpus")).toString());
    if (id > 0)
        field(
            "CPU time:",
            QString::number(info.value(QStringLiteral("cpu_time_ns")).toULongLong() / 1e9, 'f', 1) +
                QStringLiteral("s"));
    field("Max memory:", info.value(QStringLiteral("max_memory_kib")).toString() + " KiB");
    field("Used memory:", info.value(QStringLiteral("used_memory_kib")).toString() + " KiB");
    field("Persistent:", QStringLiteral("yes"));
    field("Security model:", info.value(QStringLiteral("privileged")).toBool()
                                 ? QStringLiteral("privileged (root inside is root on the host)")
                                 : QStringLiteral("unprivileged (host ids %1)")
                                       .arg(info.value(QStringLiteral("id_range")).toString()));
    const qlonglong owner = info.value(QStringLiteral("owner"), -1).toLongLong();
    field("Owner:", owner >= 0 ? userName(owner) : QStringLiteral("-"));
    field("Autostart:", info.value(QStringLiteral("autostart")).toBool()
                            ? QStringLiteral("enable")
                            : QStringLiteral("disable"));
    if (id > 0)
        field("Console:", info.value(QStringLiteral("console")).toString());
    out() << '\n';
    return 0;
}

int dumpxml(const QStringList& arguments) {
    const bool inactive = arguments.contains(QStringLiteral("--inactive"));
    QStringList names = arguments;
    names.removeAll(QStringLiteral("--inactive"));
    if (names.size() != 1)
        return failWith(QStringLiteral("usage: cubbyctl dumpxml NAME [--inactive]"));
    auto reply = manager().GetContainerXml(names[0], !inactive);
    if (!wait(reply))
        return 1;
    out() << reply.value();
    return 0;
}

int autostart(const QStringList& arguments) {
    const bool disable = arguments.contains(QStringLiteral("--disable"));
    QStringList names = arguments;
    names.removeAll(QStringLiteral("--disable"));
    if (names.size() != 1)
        return failWith(QStringLiteral("usage: cubbyctl autostart NAME [--disable]"));
    auto reply = manager().SetAutostart(names[0], !disable);
    if (!wait(reply))
        return 1;
    out() << "Domain '" << names[0]
          << (disable ? "' unmarked as autostarted\n\n" : "' marked as autostarted\n\n");
    return 0;
}

int log(const QStringList& arguments) {
    auto reply = manager().GetLog(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << reply.argumentAt<0>() << "--- console ---\n" << reply.argumentAt<1>();
    return 0;
}

int permissions(const QStringList& arguments) {
    auto reply = manager().GetPermissions(arguments[0]);
    if (!wait(reply))
        return 1;
    const QMap<QString, QString> answers = reply.value();
    for (const char* verb : {"start", "stop", "console", "delete", "define"})
        out() << verb << ": " << answers.value(QLatin1String(verb)) << "\n";
    if (const QString why = answers.value(QStringLiteral("why")); !why.isEmpty())
        out() << "an administrator is needed because " << why << "\n";
    return 0;
}

int stats(const QStringList&) {
    auto reply = manager().GetStats();
    if (!wait(reply))
        return 1;
    QList<QStringList> rows;
    for (const auto& entry : reply.value()) {
        const qulonglong memoryMax = entry.value(QStringLiteral("memory_max_bytes")).toULongLong();
        rows << QStringList{
            entry.value(QStringLiteral("name")).toString(),
            QString::number(entry.value(QStringLiteral("cpu_time_ns")).toULongLong() / 1e9, 'f', 2),
            QString::number(entry.value(QStringLiteral("memory_bytes")).toULongLong() / 1024),
            memoryMax ? QString::number(memoryMax / 1024) : QStringLiteral("unlimited"),
            entry.value(QStringLiteral("oom_kills")).toString(),
            entry.value(QStringLiteral("pids")).toString()};
    }
    printTable({QStringLiteral("Name"), QStringLiteral("CPU(s)"), QStringLiteral("Memory(KiB)"),
                QStringLiteral("Limit(KiB)"), QStringLiteral("OOM kills"), QStringLiteral("Tasks")},
               rows);
    return 0;
}

int console(const QStringList& arguments) {
    auto reply = manager().OpenConsole(arguments[0]);
    if (!wait(reply))
        return 1;
    std::fprintf(stderr, "Console of %s (%s)\n", qPrintable(arguments[0]),
                 qPrintable(reply.argumentAt<1>()));
    return runTerminalSession(reply.argumentAt<0>().fileDescriptor());
}

int shell(const QStringList& arguments) {
    QString user;
    QStringList names = arguments;
    if (const qsizetype at = names.indexOf(QStringLiteral("--user")); at >= 0) {
        if (at + 1 >= names.size())
            return failWith(QStringLiteral("--user needs a user name"));
        user = names[at + 1];
        names.remove(at, 2);
    }
    if (names.size() != 1)
        return failWith(QStringLiteral("usage: cubbyctl shell NAME [--user USER]"));
    auto reply = manager().OpenShell(names[0], user);
    if (!wait(reply))
        return 1;
    return runTerminalSession(reply.argumentAt<0>().fileDescriptor());
}

int netDefine(const QStringList& arguments) {
    QString xml;
    if (!readFile(arguments[0], xml))
        return 1;
    if (!rightKindOfDefinition(arguments[0], xml, "network"))
        return 1;
    auto reply = manager().DefineNetwork(xml);
    if (!wait(reply))
        return 1;
    for (const auto& warning : reply.argumentAt<1>())
        std::fprintf(stderr, "warning: %s\n", qPrintable(warning));
    out() << "Network " << reply.argumentAt<0>() << " defined from " << arguments[0] << "\n\n";
    return 0;
}

int netUndefine(const QStringList& arguments) {
    auto reply = manager().UndefineNetwork(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << "Network " << arguments[0] << " has been undefined\n\n";
    return 0;
}

int netList(const QStringList& arguments) {
    const bool all = arguments.contains(QStringLiteral("--all"));
    const bool namesOnly = arguments.contains(QStringLiteral("--name"));
    for (const auto& option : arguments) {
        if (option != QStringLiteral("--all") && option != QStringLiteral("--name"))
            return failWith(QStringLiteral("unknown option %1").arg(option));
    }
    auto reply = manager().ListNetworks();
    if (!wait(reply))
        return 1;
    const auto yesNo = [](bool value) {
        return value ? QStringLiteral("yes") : QStringLiteral("no");
    };
    QList<QStringList> rows;
    for (const auto& entry : reply.value()) {
        const bool active = entry.value(QStringLiteral("active")).toBool();
        if (!active && !all)
            continue;
        if (namesOnly) {
            out() << entry.value(QStringLiteral("name")).toString() << "\n";
            continue;
        }
        rows << QStringList{entry.value(QStringLiteral("name")).toString(),
                            active ? QStringLiteral("active") : QStringLiteral("inactive"),
                            yesNo(entry.value(QStringLiteral("autostart")).toBool()),
                            yesNo(entry.value(QStringLiteral("persistent")).toBool()),
                            entry.value(QStringLiteral("bridge")).toString(),
                            entry.value(QStringLiteral("subnet")).toString()};
    }
    if (!namesOnly)
        printTable({QStringLiteral("Name"), QStringLiteral("State"), QStringLiteral("Autostart"),
                    QStringLiteral("Persistent"), QStringLiteral("Bridge"),
                    QStringLiteral("Subnet")},
                   rows);
    return 0;
}

int netStart(const QStringList& arguments) {
    auto reply = manager().StartNetwork(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << "Network " << arguments[0] << " started\n\n";
    return 0;
}

int netDestroy(const QStringList& arguments) {
    auto reply = manager().StopNetwork(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << "Network " << arguments[0] << " destroyed\n\n";
    return 0;
}

int netAutostart(const QStringList& arguments) {
    const bool disable = arguments.contains(QStringLiteral("--disable"));
    QStringList names = arguments;
    names.removeAll(QStringLiteral("--disable"));
    if (names.size() != 1)
        return failWith(QStringLiteral("usage: cubbyctl net-autostart NAME [--disable]"));
    auto reply = manager().SetNetworkAutostart(names[0], !disable);
    if (!wait(reply))
        return 1;
    out() << "Network " << names[0]
          << (disable ? " unmarked as autostarted\n\n" : " marked as autostarted\n\n");
    return 0;
}

int netDhcpLeases(const QStringList& arguments) {
    auto reply = manager().GetDhcpLeases(arguments[0]);
    if (!wait(reply))
        return 1;
    QList<QStringList> rows;
    for (const auto& lease : reply.value()) {
        const qlonglong expiry = lease.value(QStringLiteral("expiry")).toLongLong();
        const QString hostname = lease.value(QStringLiteral("hostname")).toString();
        const QString clientId = lease.value(QStringLiteral("client_id")).toString();
        rows << QStringList{expiry == 0 ? QStringLiteral("never")
                                        : QDateTime::fromSecsSinceEpoch(expiry).toString(
                                              QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                            lease.value(QStringLiteral("mac")).toString(),
                            QStringLiteral("ipv4"),
                            lease.value(QStringLiteral("ip")).toString(),
                            hostname.isEmpty() ? QStringLiteral("-") : hostname,
                            clientId.isEmpty() ? QStringLiteral("-") : clientId};
    }
    printTable({QStringLiteral("Expiry Time"), QStringLiteral("MAC address"),
                QStringLiteral("Protocol"), QStringLiteral("IP address"),
                QStringLiteral("Hostname"), QStringLiteral("Client ID or DUID")},
               rows);
    return 0;
}

// One line per hop, then a verdict. Exits 0 only when nothing failed, so scripts can use it.
int netDiagnose(const QStringList& arguments) {
    auto reply = manager().DiagnoseNetwork(arguments[0]);
    if (!wait(reply))
        return 1;
    QString firstFailure;
    int warnings = 0;
    for (const auto& hop : reply.value()) {
        const QString status = hop.value(QStringLiteral("status")).toString();
        const QString message = hop.value(QStringLiteral("message")).toString();
        out() << QStringLiteral("[%1] %2: %3\n")
                     .arg(status.leftJustified(7), hop.value(QStringLiteral("hop")).toString(),
                          message);
        if (status == QStringLiteral("fail") && firstFailure.isEmpty())
            firstFailure = message;
        if (status == QStringLiteral("warning"))
            ++warnings;
    }
    if (!firstFailure.isEmpty())
        out() << "Verdict: containers on " << arguments[0]
              << " cannot reach the outside: " << firstFailure << "\n";
    else if (warnings > 0)
        out() << "Verdict: every hop works, with " << warnings << " warning"
              << (warnings == 1 ? "" : "s") << " above\n";
    else
        out() << "Verdict: every hop works\n";
    out().flush();
    return firstFailure.isEmpty() ? 0 : 3;
}

int netDumpxml(const QStringList& arguments) {
    auto reply = manager().GetNetworkXml(arguments[0]);
    if (!wait(reply))
        return 1;
    out() << reply.value();
    return 0;
}

// Offline: checks a definition as the helper will and prints it as Cubby stores it.
int validate(const QStringList& arguments) {
    QString text;
    if (!readFile(arguments[0], text))
        return 1;
    const std::string xml = text.toStdString();
    // By the top element, as the helper's define methods each require theirs: a network's
    // DNS <domain> or a name containing "<network" inside a comment decides nothing.
    auto top = topElementName(xml);
    if (!top)
        return failWith(arguments[0] + ": " + QString::fromStdString(top.error().message));
    if (*top != "domain" && *top != "network")
        return failWith(arguments[0] + ": " +
                        QStringLiteral("the top element is <%1>; a definition is a container's "
                                       "<domain> or a <network>")
                            .arg(QString::fromStdString(*top)));
    std::vector<std::string> warnings;
    std::string normalized;
    if (*top == "network") {
        // As the helper reads it: a NAT network's subnet may be left to the helper.
        auto network = parseNetworkXml(xml, randomUuid, NetworkCompleteness::SubnetChosenLater);
        if (network) {
            if (auto supported = refuseUnsupportedNetworkElements(*network); !supported)
                network = std::unexpected(supported.error());
        }
        if (!network)
            return failWith(arguments[0] + ": " + QString::fromStdString(network.error().message));
        normalized = formatNetworkXml(*network);
        warnings = networkWarnings(*network);
    } else {
        auto domain = parseDomainXml(xml, randomUuid);
        if (!domain)
            return failWith(arguments[0] + ": " + QString::fromStdString(domain.error().message));
        normalized = formatDomainXml(*domain);
        warnings = domainWarnings(*domain);
    }
    for (const auto& warning : warnings)
        std::fprintf(stderr, "warning: %s\n", warning.c_str());
    out() << QString::fromStdString(normalized);
    return 0;
}

const std::vector<Command> table = {
    {"define", "FILE", "define a container from libvirt-style XML ('-' reads stdin)", 1, 1,
     defineContainer},
    {"undefine", "NAME", "remove a container's definition (it must not be running)", 1, 1,
     undefineContainer},
    {"list", "[--all|--inactive] [--name]",
     "list running containers (or all, or only stopped ones); --name prints names alone", 0, 2,
     listContainers},
    {"start", "NAME", "start a container; returns once its init runs", 1, 1, startContainer},
    {"shutdown", "NAME [--timeout SECONDS]", "ask a container's init to power off", 1, 3,
     shutdownContainer},
    {"destroy", "NAME", "stop a container at once (SIGKILL)", 1, 1, destroyContainer},
    {"reboot", "NAME", "restart a container's init", 1, 1, rebootContainer},
    {"dominfo", "NAME", "show a container's basic information", 1, 1, dominfo},
    {"dumpxml", "NAME [--inactive]", "print a container's XML (live while it runs)", 1, 2, dumpxml},
    {"autostart", "NAME [--disable]", "start a container at boot (or not)", 1, 2, autostart},
    {"console", "NAME", "attach to a container's console (Ctrl+] leaves)", 1, 1, console},
    {"shell", "NAME [--user USER]", "open a login shell inside a running container", 1, 3, shell},
    {"stats", "", "CPU, memory and OOM figures of every running container", 0, 0, stats},
    {"log", "NAME", "a container's lifecycle events with times, then the end of its console", 1, 1,
     log},
    {"permissions", "NAME",
     "what you may do with a container: yes, password (polkit will ask) or no, per verb", 1, 1,
     permissions},
    {"net-define", "FILE", "define a network from libvirt-style XML", 1, 1, netDefine},
    {"net-undefine", "NAME", "remove a network's definition", 1, 1, netUndefine},
    {"net-list", "[--all] [--name]",
     "list active networks (or all of them); --name prints names alone", 0, 2, netList},
    {"net-start", "NAME", "start a network (bridge, NAT rules, DHCP and DNS)", 1, 1, netStart},
    {"net-destroy", "NAME", "stop a network; its definition stays", 1, 1, netDestroy},
    {"net-autostart", "NAME [--disable]", "mark a network to be started automatically (or not)", 1,
     2, netAutostart},
    {"net-dhcp-leases", "NAME", "list the DHCP leases dnsmasq handed out on a network", 1, 1,
     netDhcpLeases},
    {"net-diagnose", "NAME",
     "check every hop from a network's containers to the internet (exit 3 when one fails)", 1, 1,
     netDiagnose},
    {"net-dumpxml", "NAME", "print a network's XML", 1, 1, netDumpxml},
    {"validate", "FILE", "check a container or network definition offline and print it", 1, 1,
     validate},
};

} // namespace

std::span<const Command> commands() {
    static const std::vector<Command> all = [] {
        std::vector<Command> joined = table;
        for (const auto more : {execCommands(), exportCommands(), cpCommands(), rootfsCommands(),
                                shareCommands(), limitCommands()})
            joined.insert(joined.end(), more.begin(), more.end());
        return joined;
    }();
    return all;
}

} // namespace cubby::cli
