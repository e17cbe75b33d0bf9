// cubby-helper: Cubby's privileged service on the system bus (io.github.cubby1). Started by
// bus activation, it serves io.github.cubby1.Manager, asks polkit before every action, and
// exits after a minute without callers. It keeps no state of its own: definitions are on
// disk and running containers are found through their controllers, so it may be killed at
// any moment and started again.
//
//   cubby-helper [--prefix DIR] [--controller PATH] [--network PATH] [--resolv-file PATH]
//                [--cgroup-parent NAME] [--idle-exit SECONDS] [--rootfs-worker PATH]
//                [--busybox PATH]
//   cubby-helper --stop-containers SECONDS [--prefix DIR] [--cgroup-parent NAME]
#include "host_shutdown.h"
#include "manager_adaptor.h"
#include "manager_service.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QTimer>
#include <cstdio>

#ifndef CUBBY_CONTROLLER_DEFAULT
#error "CUBBY_CONTROLLER_DEFAULT must name the installed cubby-controller"
#endif
#ifndef CUBBY_ROOTFS_DEFAULT
#error "CUBBY_ROOTFS_DEFAULT must name the installed cubby-rootfs"
#endif
#ifndef CUBBY_NETWORK_DEFAULT
#error "CUBBY_NETWORK_DEFAULT must name the installed cubby-network"
#endif

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("cubby-helper"));
    QCommandLineParser options;
    options.setApplicationDescription(QStringLiteral("Cubby's privileged D-Bus service"));
    options.addHelpOption();
    const QCommandLineOption prefix(QStringLiteral("prefix"),
                                    QStringLiteral("Root of etc/, run/ and var/ (tests)."),
                                    QStringLiteral("dir"), QStringLiteral("/"));
    const QCommandLineOption controller(
        QStringLiteral("controller"), QStringLiteral("The cubby-controller program."),
        QStringLiteral("path"), QStringLiteral(CUBBY_CONTROLLER_DEFAULT));
    const QCommandLineOption network(QStringLiteral("network"),
                                     QStringLiteral("The cubby-network program."),
                                     QStringLiteral("path"), QStringLiteral(CUBBY_NETWORK_DEFAULT));
    const QCommandLineOption resolvFile(
        QStringLiteral("resolv-file"),
        QStringLiteral("Upstream name servers for the networks' dnsmasq (tests)."),
        QStringLiteral("path"), QStringLiteral("/etc/resolv.conf"));
    const QCommandLineOption cgroupParent(QStringLiteral("cgroup-parent"),
                                          QStringLiteral("Group the containers' groups go in."),
                                          QStringLiteral("name"), QStringLiteral("cubby"));
    const QCommandLineOption idleExit(QStringLiteral("idle-exit"),
                                      QStringLiteral("Seconds without callers before exiting."),
                                      QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption rootfsWorker(
        QStringLiteral("rootfs-worker"),
        QStringLiteral("The cubby-rootfs program (root filesystem jobs)."), QStringLiteral("path"),
        QStringLiteral(CUBBY_ROOTFS_DEFAULT));
    const QCommandLineOption busybox(
        QStringLiteral("busybox"),
        QStringLiteral("The static busybox that BusyBox root filesystems are made from."),
        QStringLiteral("path"), QStringLiteral("/bin/busybox"));
    const QCommandLineOption userContainers(
        QStringLiteral("user-containers"),
        QStringLiteral("Containers a user may own without an administrator."),
        QStringLiteral("count"), QStringLiteral("20"));
    const QCommandLineOption userRootfs(
        QStringLiteral("user-rootfs"),
        QStringLiteral("Root filesystems a user may make without an administrator."),
        QStringLiteral("count"), QStringLiteral("10"));
    const QCommandLineOption userRootfsSize(
        QStringLiteral("user-rootfs-mib"),
        QStringLiteral("Disk a user's root filesystems may use without an administrator."),
        QStringLiteral("MiB"), QStringLiteral("32768"));
    const QCommandLineOption stopContainers(
        QStringLiteral("stop-containers"),
        QStringLiteral("At host shutdown: give every running container's init its shutdown "
                       "signal and this long to stop, wait for them, and exit (no bus)."),
        QStringLiteral("seconds"));
    options.addOptions({prefix, controller, network, resolvFile, cgroupParent, idleExit,
                        rootfsWorker, busybox, userContainers, userRootfs, userRootfsSize,
                        stopContainers});
    options.process(app);

    cubby::HelperConfig config;
    config.paths.prefix = options.value(prefix).toStdString();
    config.paths.cgroupParent = options.value(cgroupParent).toStdString();
    config.controllerPath = options.value(controller);
    config.networkPath = options.value(network);
    config.resolvFile = options.value(resolvFile);
    config.rootfsWorkerPath = options.value(rootfsWorker);
    config.busyboxPath = options.value(busybox);
    bool numbers = true;
    for (const auto& [option, target] : {std::pair{&userContainers, &config.userContainerLimit},
                                         std::pair{&userRootfs, &config.userRootfsLimit}}) {
        bool ok = false;
        *target = options.value(*option).toULongLong(&ok);
        numbers = numbers && ok;
    }
    bool sizeOk = false;
    config.userRootfsBytesLimit = options.value(userRootfsSize).toULongLong(&sizeOk) << 20;
    if (!numbers || !sizeOk) {
        std::fprintf(stderr, "cubby-helper: --user-containers, --user-rootfs and "
                             "--user-rootfs-mib take whole numbers\n");
        return 2;
    }

    if (options.isSet(stopContainers)) {
        bool ok = false;
        const uint seconds = options.value(stopContainers).toUInt(&ok);
        if (!ok || seconds > 3600) {
            std::fprintf(stderr, "cubby-helper: --stop-containers takes seconds (at most 3600)\n");
            return 2;
        }
        return cubby::stopAllContainers(config.paths, std::chrono::seconds(seconds));
    }

    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        std::fprintf(stderr, "cubby-helper: cannot reach the system bus: %s\n",
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    cubby::ManagerService service(config);
    new ManagerAdaptor(&service);
    if (!bus.registerObject(QStringLiteral("/io/github/cubby1"), &service,
                            QDBusConnection::ExportAdaptors) ||
        !bus.registerService(QStringLiteral("io.github.cubby1"))) {
        std::fprintf(stderr, "cubby-helper: cannot own io.github.cubby1: %s\n",
                     qPrintable(bus.lastError().message()));
        return 1;
    }

    // The first start since boot brings up what is marked autostart, once the event loop runs
    // (everything it does is asynchronous; calls are served meanwhile).
    QTimer::singleShot(0, &service, [&service] {
        service.cleanStaleRootfs();
        service.autostartOnBoot();
    });

    // Exit when nobody has needed us for a while; never in the middle of a check or a start.
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(options.value(idleExit).toInt() * 1000);
    QObject::connect(&idle, &QTimer::timeout, &app, [&] {
        if (service.busy()) {
            idle.start();
            return;
        }
        bus.unregisterService(QStringLiteral("io.github.cubby1"));
        app.quit();
    });
    QObject::connect(&service, &cubby::ManagerService::activity, &idle,
                     qOverload<>(&QTimer::start));
    idle.start();
    return app.exec();
}
