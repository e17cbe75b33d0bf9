// Authorization that matches the risk (issue 9, item 4), through the real bus, polkitd and
// the helper. cubbytest-carol stands in for a user at the machine in an active session (the
// test rules grant her what allow_active grants: monitor and manage-own; there is no logind
// on these machines). She makes a root filesystem, defines a container sharing a folder of
// her home, starts it, opens a shell in it and deletes it all without an administrator; she
// is refused (needing an administrator she is not) a privileged container, a mount outside her
// home or through a symlink, another user's container, a network change and more than the
// per-user limits (the test helper runs with --user-containers 3 --user-rootfs 2).
#include "helper_client.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace cubby::test;

namespace {

const QString rootfsDir = QStringLiteral(CUBBY_TEST_PREFIX "/var/lib/cubby/rootfs");
const QString home = QStringLiteral("/home/cubbytest-carol");

uid_t desktopUser() {
    return static_cast<uid_t>(qEnvironmentVariableIntValue("CUBBY_TEST_DESKTOP_UID"));
}

QByteArray containerXml(const QString& name, const QString& root, const QString& extra = {}) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>/sbin/init</init></os>%3<devices>"
                          "<filesystem type='mount'><source dir='%2'/><target dir='/'/>"
                          "</filesystem>%4<console type='pty'/></devices></domain>")
        .arg(name, root, extra.startsWith(QLatin1String("<metadata")) ? extra : QString(),
             extra.startsWith(QLatin1String("<metadata")) ? QString() : extra)
        .toUtf8();
}

QString share(const QString& source, const QString& target) {
    return QStringLiteral("<filesystem type='mount'><source dir='%1'/><target dir='%2'/>"
                          "</filesystem>")
        .arg(source, target);
}

bool chownPath(const QString& path, uid_t uid) {
    return ::chown(QFile::encodeName(path).constData(), uid, uid) == 0;
}

} // namespace

class TestOwnContainers : public QObject {
    Q_OBJECT
    QString m_root; // carol's BusyBox root filesystem

    void expectAdminNeeded(const Run& run, const QString& action, const QString& why) {
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("not authorized for " + action), qPrintable(run.err));
        QVERIFY2(run.err.contains(why), qPrintable(run.err));
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the dbus tier needs root: run it through scripts/test");
        QVERIFY2(desktopUser() != 0, "run this test through tests/support/with-system-bus");
        QVERIFY(QDir().mkpath(home + "/shared"));
        QVERIFY(chownPath(home + "/shared", desktopUser()));
        QFile note(home + "/shared/note.txt");
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("carol's\n");
        note.close();
        QVERIFY(chownPath(note.fileName(), desktopUser()));
    }

    void desktopUserManagesHerOwnContainerWithoutAPassword() {
        const Run created = cubbyctl({"rootfs-create", "carolroot"}, desktopUser());
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        m_root = rootfsDir + "/carolroot";

        const Run defined =
            cubbyctl({"define", "-"}, desktopUser(), containerXml("carolbox", m_root));
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        // cubbyctl share: the stored definition gains the folder, with no administrator.
        const Run shared = cubbyctl({"share", "carolbox", home + "/shared/"}, desktopUser());
        QVERIFY2(shared.exitCode == 0, qPrintable(shared.err));
        QVERIFY2(shared.out.contains(QStringLiteral("on /mnt/shared")), qPrintable(shared.out));
        const Run extra = cubbyctl({"share", "carolbox", home + "/shared", "--target",
                                    "/mnt/as1000", "--user", "1000", "--read-only"},
                                   desktopUser());
        QVERIFY2(extra.exitCode == 0, qPrintable(extra.err));
        const Run again =
            cubbyctl({"share", "carolbox", home, "--target", "/mnt/shared"}, desktopUser());
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("already the target")), qPrintable(again.err));
        const Run info = cubbyctl({"dominfo", "carolbox"}, desktopUser());
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("Owner:\\s+4203"))) ||
                     info.out.contains(QStringLiteral("cubbytest-carol")),
                 qPrintable(info.out));
        QVERIFY2(info.out.contains(QStringLiteral("unprivileged")), qPrintable(info.out));

        // Everything her own container offers needs no password; asking never opens a dialog.
        const Run permissions = cubbyctl({"permissions", "carolbox"}, desktopUser());
        QVERIFY2(permissions.exitCode == 0, qPrintable(permissions.err));
        for (const char* verb : {"start: yes", "stop: yes", "console: yes", "delete: yes"})
            QVERIFY2(permissions.out.contains(QLatin1String(verb)), qPrintable(permissions.out));
        const Run started = cubbyctl({"start", "carolbox"}, desktopUser());
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        // Her folder shows as root's inside (its idmap covers her uid alone), and what root
        // inside makes there stays hers on the host.
        const Run shell = cubbyctl({"shell", "carolbox"}, desktopUser(),
                                   "echo uid=$(id -u); cat /mnt/shared/note.txt; echo "
                                   "owner=$(stat -c %u:%g /mnt/shared/note.txt); echo x > "
                                   "/mnt/shared/made-inside; ls /mnt/shared; echo "
                                   "as1000=$(stat -c %u /mnt/as1000/note.txt); exit\n");
        QVERIFY2(shell.out.contains(QStringLiteral("uid=0")), qPrintable(shell.out));
        QVERIFY2(shell.out.contains(QStringLiteral("carol's")), qPrintable(shell.out));
        QVERIFY2(shell.out.contains(QStringLiteral("owner=0:0")), qPrintable(shell.out));
        QVERIFY2(shell.out.contains(QStringLiteral("as1000=1000")), qPrintable(shell.out));
        QVERIFY2(!shell.out.contains(QStringLiteral("etc-link")), qPrintable(shell.out));
        struct stat made = {};
        QCOMPARE(::stat(QFile::encodeName(home + "/shared/made-inside").constData(), &made), 0);
        QCOMPARE(made.st_uid, desktopUser());
        QCOMPARE(made.st_gid, gid_t(desktopUser()));

        QCOMPARE(cubbyctl({"destroy", "carolbox"}, desktopUser()).exitCode, 0);
        const Run unshared = cubbyctl({"unshare", "carolbox", "/mnt/as1000"}, desktopUser());
        QVERIFY2(unshared.exitCode == 0, qPrintable(unshared.err));
        QVERIFY(!cubbyctl({"dumpxml", "carolbox"}).out.contains(QStringLiteral("as1000")));
        QCOMPARE(cubbyctl({"undefine", "carolbox"}, desktopUser()).exitCode, 0);
        QVERIFY(!cubbyctl({"list", "--all"}).out.contains(QStringLiteral("carolbox")));
    }

    void aFolderSwappedForASymlinkAfterDefineIsNotFollowed() {
        QVERIFY(QDir().mkpath(home + "/later"));
        QVERIFY(chownPath(home + "/later", desktopUser()));
        const Run defined =
            cubbyctl({"define", "-"}, desktopUser(),
                     containerXml("carolswap", m_root, share(home + "/later", "/mnt/later")));
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        // She (or anything running as her) swaps the folder for a link to the host's /etc.
        QVERIFY(QDir(home + "/later").removeRecursively());
        QVERIFY(QFile::link(QStringLiteral("/etc"), home + "/later"));
        const Run started = cubbyctl({"start", "carolswap"}, desktopUser());
        QCOMPARE(started.exitCode, 1);
        QVERIFY2(started.err.contains(QStringLiteral("symbolic link")), qPrintable(started.err));
        QVERIFY(!cubbyctl({"list"}).out.contains(QStringLiteral("carolswap")));
        QFile::remove(home + "/later");
        QCOMPARE(cubbyctl({"undefine", "carolswap"}, desktopUser()).exitCode, 0);
    }

    void aWritableFolderNeedsAHomeOthersCannotEnter() {
        QCOMPARE(::chmod(QFile::encodeName(home).constData(), 0755), 0);
        expectAdminNeeded(
            cubbyctl({"define", "-"}, desktopUser(),
                     containerXml("carolopen", m_root, share(home + "/shared", "/mnt/shared"))),
            QStringLiteral("io.github.cubby1.manage"), QStringLiteral("others may enter"));
        // Read-only, nothing can be planted: hers to share. Inside, writing fails.
        const Run defined = cubbyctl(
            {"define", "-"}, desktopUser(),
            containerXml("carolopen", m_root,
                         QStringLiteral("<filesystem type='mount'><source dir='%1'/><target "
                                        "dir='/mnt/ro'/><readonly/></filesystem>")
                             .arg(home + "/shared")));
        QCOMPARE(::chmod(QFile::encodeName(home).constData(), 0700), 0);
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        QCOMPARE(cubbyctl({"start", "carolopen"}, desktopUser()).exitCode, 0);
        const Run shell = cubbyctl({"shell", "carolopen"}, desktopUser(),
                                   "echo y > /mnt/ro/note.txt || echo write-refused; exit\n");
        QVERIFY2(shell.out.contains(QStringLiteral("write-refused")), qPrintable(shell.out));
        QCOMPARE(cubbyctl({"destroy", "carolopen"}, desktopUser()).exitCode, 0);
        QCOMPARE(cubbyctl({"undefine", "carolopen"}, desktopUser()).exitCode, 0);
        QFile note(home + "/shared/note.txt");
        QVERIFY(note.open(QIODevice::ReadOnly));
        QCOMPARE(note.readAll(), QByteArray("carol's\n"));
    }

    void privilegedNeedsAnAdministrator() {
        const QString privileged =
            QStringLiteral("<metadata><cubby:container xmlns:cubby='https://github.com/cubby1/"
                           "cubby/xmlns/container/1'><cubby:privileged/></cubby:container>"
                           "</metadata>");
        expectAdminNeeded(
            cubbyctl({"define", "-"}, desktopUser(), containerXml("carolpriv", m_root, privileged)),
            QStringLiteral("io.github.cubby1.manage"), QStringLiteral("privileged"));
        QVERIFY(!cubbyctl({"list", "--all"}).out.contains(QStringLiteral("carolpriv")));
    }

    void mountsOutsideHerHomeNeedAnAdministrator_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("why");
        QTest::newRow("host directory") << QStringLiteral("/etc")
                                        << QStringLiteral("not a "
                                                          "directory of "
                                                          "yours");
        QTest::newRow("symlink in her home to /etc")
            << home + "/etc-link" << QStringLiteral("/etc-link");
        QTest::newRow("root's directory in her home") << home + "/roots" << QStringLiteral("roots");
        QTest::newRow("her home's parent") << QStringLiteral("/home") << QStringLiteral("/home");
        QTest::newRow("another root filesystem")
            << QStringLiteral(CUBBY_TEST_PREFIX "/var/lib/cubby") << QStringLiteral("var/lib");
    }

    void mountsOutsideHerHomeNeedAnAdministrator() {
        QFETCH(QString, source);
        QFETCH(QString, why);
        QFile::link(QStringLiteral("/etc"), home + "/etc-link");
        QDir().mkpath(home + "/roots"); // made by root, left root's
        expectAdminNeeded(cubbyctl({"define", "-"}, desktopUser(),
                                   containerXml("carolshare", m_root, share(source, "/mnt/x"))),
                          QStringLiteral("io.github.cubby1.manage"), why);
        QVERIFY(!cubbyctl({"list", "--all"}).out.contains(QStringLiteral("carolshare")));
    }

    void dotDotIsRefusedBeforeAnyoneIsAsked() {
        const Run refused = cubbyctl(
            {"define", "-"}, desktopUser(),
            containerXml("carolshare", m_root, share(home + "/shared/../../../etc", "/x")));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("'..' component"), qPrintable(refused.err));
    }

    void anotherUsersContainerNeedsAnAdministrator() {
        // Alice (the rules' administrator stand-in) defines one on carol's very root filesystem.
        QCOMPARE(cubbyctl({"define", "-"}, allowed(), containerXml("alicebox", m_root)).exitCode,
                 0);
        // What the app greys out or marks with a lock: here an administrator's password.
        const Run permissions = cubbyctl({"permissions", "alicebox"}, desktopUser());
        QVERIFY2(permissions.out.contains(QStringLiteral("start: password")) &&
                     permissions.out.contains(QStringLiteral("belongs to uid 4201")),
                 qPrintable(permissions.out));
        const Run bobAsks = cubbyctl({"permissions", "alicebox"}, denied());
        QCOMPARE(bobAsks.exitCode, 1);
        QVERIFY2(bobAsks.err.contains(QStringLiteral("not authorized")), qPrintable(bobAsks.err));
        expectAdminNeeded(cubbyctl({"start", "alicebox"}, desktopUser()),
                          QStringLiteral("io.github.cubby1.manage"),
                          QStringLiteral("belongs to uid 4201"));
        expectAdminNeeded(cubbyctl({"undefine", "alicebox"}, desktopUser()),
                          QStringLiteral("io.github.cubby1.manage"),
                          QStringLiteral("belongs to uid 4201"));
        // Redefining it as her own is taking it over: refused too.
        expectAdminNeeded(
            cubbyctl({"define", "-"}, desktopUser(), containerXml("alicebox", m_root)),
            QStringLiteral("io.github.cubby1.manage"), QStringLiteral("belongs to uid 4201"));
        QVERIFY(cubbyctl({"list", "--all"}).out.contains(QStringLiteral("alicebox")));
        QCOMPARE(cubbyctl({"undefine", "alicebox"}).exitCode, 0);
    }

    void aRootFilesystemSheDidNotMakeNeedsAnAdministrator() {
        QCOMPARE(cubbyctl({"rootfs-create", "adminroot"}).exitCode, 0);
        expectAdminNeeded(cubbyctl({"define", "-"}, desktopUser(),
                                   containerXml("carolother", rootfsDir + "/adminroot")),
                          QStringLiteral("io.github.cubby1.manage"),
                          QStringLiteral("is not one Cubby made for uid 4203"));
        expectAdminNeeded(cubbyctl({"rootfs-delete", "adminroot"}, desktopUser()),
                          QStringLiteral("io.github.cubby1.manage"),
                          QStringLiteral("belongs to uid 0"));
        QVERIFY(QFile::exists(rootfsDir + "/adminroot/bin/busybox"));
        QCOMPARE(cubbyctl({"rootfs-delete", "adminroot"}).exitCode, 0);
    }

    void networkChangesNeedAnAdministrator() {
        const Run refused = cubbyctl({"net-define", "-"}, desktopUser(),
                                     "<network><name>carolnet</name><bridge name='cubcarol0'/>"
                                     "<ip address='10.91.0.1' netmask='255.255.255.0'/></network>");
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("not authorized for io.github.cubby1.network"),
                 qPrintable(refused.err));
    }

    void limitsPerUser() {
        for (const QString name : {"c1", "c2", "c3"}) {
            const Run defined =
                cubbyctl({"define", "-"}, desktopUser(), containerXml(name, m_root));
            QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        }
        expectAdminNeeded(cubbyctl({"define", "-"}, desktopUser(), containerXml("c4", m_root)),
                          QStringLiteral("io.github.cubby1.manage"),
                          QStringLiteral("already has 3 containers"));
        // Redefining one she has is not a new one.
        QCOMPARE(cubbyctl({"define", "-"}, desktopUser(), containerXml("c3", m_root)).exitCode, 0);
        for (const QString name : {"c1", "c2", "c3"})
            QCOMPARE(cubbyctl({"undefine", name}, desktopUser()).exitCode, 0);

        const Run second = cubbyctl({"rootfs-create", "carolroot2"}, desktopUser());
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        expectAdminNeeded(cubbyctl({"rootfs-create", "carolroot3"}, desktopUser()),
                          QStringLiteral("io.github.cubby1.manage"),
                          QStringLiteral("already has 2 root filesystems"));
        QVERIFY(!QFile::exists(rootfsDir + "/carolroot3"));
        QCOMPARE(cubbyctl({"rootfs-delete", "carolroot2"}, desktopUser()).exitCode, 0);
        QCOMPARE(cubbyctl({"rootfs-delete", "carolroot"}, desktopUser()).exitCode, 0);
        QVERIFY(!QFile::exists(m_root));
    }
};

QTEST_GUILESS_MAIN(TestOwnContainers)
#include "test_own_containers.moc"
