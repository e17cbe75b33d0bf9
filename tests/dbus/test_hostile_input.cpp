// Hostile input through the helper (issue 9, item 7): what a caller may send and learn once
// ordinary users reach the helper's code. Deep nesting gives an error, not a crashed helper;
// what is accepted is stored at a size linear in the input and never larger than the helper
// reads back; and a caller polkit refuses learns nothing about what exists, runs, or which
// jobs there are.
#include "helper_client.h"

#include <QDBusObjectPath>
#include <QFile>
#include <QTest>

using namespace cubby::test;

namespace {

// polkit said no, or asked for a password nobody gave (no agent runs here): either way the
// caller learns nothing more.
bool refusedByPolkit(const QString& reply) {
    return reply.contains(QLatin1String("io.github.cubby1.Error.NotAuthorized")) ||
           reply.contains(QLatin1String("io.github.cubby1.Error.NotAuthenticated"));
}

const QString containersDir = QStringLiteral(CUBBY_TEST_PREFIX "/etc/cubby/containers");

QString domainXml(const QString& name, const QString& uuid, const QString& inner = {}) {
    return "<domain type='lxc'><name>" + name + "</name>" +
           (uuid.isEmpty() ? QString() : "<uuid>" + uuid + "</uuid>") +
           "<memory unit='MiB'>64</memory><os><type>exe</type><init>/bin/sh</init></os>"
           "<devices/>" +
           inner + "</domain>";
}

// <metadata> with `levels` elements nested inside it and `leaves` empty elements innermost.
QString metadata(int levels, int leaves = 0) {
    QString text = QStringLiteral("<metadata>");
    for (int i = 0; i < levels; ++i)
        text += QStringLiteral("<a>");
    for (int i = 0; i < leaves; ++i)
        text += QStringLiteral("<b/>");
    for (int i = 0; i < levels; ++i)
        text += QStringLiteral("</a>");
    return text + QStringLiteral("</metadata>");
}

QDBusMessage define(const QString& xml) {
    return call(QStringLiteral("DefineContainer"), {xml});
}

// A method called as `uid` through dbus-send; its stdout and stderr together.
QString callAs(uid_t uid, const QString& path, const QString& method, const QStringList& args) {
    const QString id = QString::number(uid);
    QProcess process;
    process.start(QStringLiteral("setpriv"),
                  QStringList{"--reuid=" + id, "--regid=" + id, QStringLiteral("--clear-groups"),
                              QStringLiteral("dbus-send"), QStringLiteral("--system"),
                              QStringLiteral("--print-reply"), "--dest=" + helperService, path,
                              method} +
                      args);
    process.waitForFinished(60000);
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

QString managerAs(uid_t uid, const QString& method, const QStringList& args) {
    return callAs(uid, helperPath, helperInterface + "." + method, args);
}

} // namespace

class TestHostileInput : public QObject {
    Q_OBJECT

private slots:
    void deepNestingIsAnErrorNotACrash() {
        QVERIFY(call(QStringLiteral("ListContainers")).type() == QDBusMessage::ReplyMessage);
        const pid_t before = helperPid();
        const QDBusMessage reply = define(domainXml("deep", {}, metadata(100000)));
        QCOMPARE(reply.type(), QDBusMessage::ErrorMessage);
        QCOMPARE(reply.errorName(), QStringLiteral("io.github.cubby1.Error.InvalidArgument"));
        QVERIFY2(reply.errorMessage().contains("at most 32 levels"),
                 qPrintable(reply.errorMessage()));
        // The same helper still answers.
        QCOMPARE(helperPid(), before);
        QVERIFY(call(QStringLiteral("ListContainers")).type() == QDBusMessage::ReplyMessage);
        QVERIFY(!QFile::exists(containersDir + "/deep.xml"));
    }

    void storedFormAtTheDepthLimitIsLinear() {
        // 30 levels inside <metadata> (level 2) reach the limit; 500 leaves at the bottom.
        const QString xml = domainXml("linear", {}, metadata(29, 500));
        const QDBusMessage reply = define(xml);
        QVERIFY2(reply.type() == QDBusMessage::ReplyMessage, qPrintable(reply.errorMessage()));
        const qint64 stored = QFileInfo(containersDir + "/linear.xml").size();
        QVERIFY(stored > 0);
        QVERIFY2(stored < 20 * xml.size(),
                 qPrintable(QStringLiteral("%1 bytes in, %2 stored").arg(xml.size()).arg(stored)));
        QVERIFY(call(QStringLiteral("UndefineContainer"), {QStringLiteral("linear")}).type() ==
                QDBusMessage::ReplyMessage);
    }

    void storedFormLargerThanTheReadLimitIsRefused() {
        // 16000 leaves at level 32: about 64 KiB sent, over 1 MiB once indented.
        const QString huge = metadata(29, 16000);
        const QString uuidA = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001");
        const QString uuidB = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000002");
        QDBusMessage reply = define(domainXml("big", {}, huge));
        QCOMPARE(reply.errorName(), QStringLiteral("io.github.cubby1.Error.InvalidArgument"));
        QVERIFY2(reply.errorMessage().contains("nothing was written"),
                 qPrintable(reply.errorMessage()));
        QVERIFY(!QFile::exists(containersDir + "/big.xml"));

        // A redefinition that would be too large leaves the stored one as it was, so its
        // UUID stays taken.
        QVERIFY(define(domainXml("keeper", uuidA)).type() == QDBusMessage::ReplyMessage);
        QFile keeper(containersDir + "/keeper.xml");
        QVERIFY(keeper.open(QIODevice::ReadOnly));
        const QByteArray before = keeper.readAll();
        keeper.close();
        reply = define(domainXml("keeper", uuidA, huge));
        QCOMPARE(reply.errorName(), QStringLiteral("io.github.cubby1.Error.InvalidArgument"));
        QVERIFY(keeper.open(QIODevice::ReadOnly));
        QCOMPARE(keeper.readAll(), before);
        keeper.close();
        reply = define(domainXml("thief", uuidA));
        QCOMPARE(reply.errorName(), QStringLiteral("io.github.cubby1.Error.AlreadyExists"));

        // A stored definition the helper cannot read (left by an older version, or edited by
        // hand) is not skipped by the uniqueness check: defining another is refused.
        QFile broken(containersDir + "/broken.xml");
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("<domain>" + QByteArray(1100 * 1024, ' ') + "</domain>");
        broken.close();
        reply = define(domainXml("other", uuidB));
        QCOMPARE(reply.errorName(), QStringLiteral("io.github.cubby1.Error.Conflict"));
        QVERIFY2(reply.errorMessage().contains("'broken'"), qPrintable(reply.errorMessage()));
        QVERIFY(call(QStringLiteral("UndefineContainer"), {QStringLiteral("broken")}).type() ==
                QDBusMessage::ReplyMessage);
        QVERIFY(define(domainXml("other", uuidB)).type() == QDBusMessage::ReplyMessage);
        for (const QString& name : {QStringLiteral("keeper"), QStringLiteral("other")})
            call(QStringLiteral("UndefineContainer"), {name});
    }

    void deniedCallerCannotProbeNames() {
        const QString uuid = QStringLiteral("bbbbbbbb-0000-4000-8000-000000000001");
        QVERIFY(define(domainXml("probed", uuid)).type() == QDBusMessage::ReplyMessage);
        QVERIFY(call(QStringLiteral("DefineNetwork"),
                     {QStringLiteral("<network><name>probednet</name><forward mode='nat'/>"
                                     "<ip address='10.77.0.1' netmask='255.255.255.0'/>"
                                     "</network>")})
                    .type() == QDBusMessage::ReplyMessage);
        const QString exists = QStringLiteral("probed"), absent = QStringLiteral("nosuchthing");
        struct Probe {
            const char* method;
            QString existing;
            QStringList extra;
        };
        const QList<Probe> probes{
            {"StartContainer", exists, {}},
            {"DestroyContainer", exists, {}},
            {"ApplyLiveLimits", exists, {}},
            {"UndefineContainer", exists, {}},
            {"GetContainerXml", exists, {QStringLiteral("boolean:false")}},
            {"GetContainerInfo", exists, {}},
            {"OpenConsole", exists, {}},
            {"GetPermissions", exists, {}},
            {"GetLog", exists, {}},
            {"StartNetwork", QStringLiteral("probednet"), {}},
            {"StopNetwork", QStringLiteral("probednet"), {}},
            {"GetNetworkXml", QStringLiteral("probednet"), {}},
            {"DeleteRootfs", exists, {}},
            {"CloneContainer", exists, {QStringLiteral("string:probedclone")}},
            {"ListSnapshots", exists, {}},
            {"CreateSnapshot", exists, {QStringLiteral("string:s1")}},
            {"RestoreSnapshot", exists, {QStringLiteral("string:s1")}},
            {"DeleteSnapshot", exists, {QStringLiteral("string:s1")}},
        };
        for (const Probe& probe : probes) {
            const QString forExisting =
                managerAs(denied(), QString::fromLatin1(probe.method),
                          QStringList{"string:" + probe.existing} + probe.extra);
            QString forAbsent = managerAs(denied(), QString::fromLatin1(probe.method),
                                          QStringList{"string:" + absent} + probe.extra);
            QVERIFY2(refusedByPolkit(forExisting),
                     qPrintable(QString::fromLatin1(probe.method) + ": " + forExisting));
            QCOMPARE(forAbsent.replace(absent, probe.existing), forExisting);
        }
        // Redefining someone else's container with another UUID: no Conflict naming its UUID.
        const QString redefine =
            managerAs(denied(), QStringLiteral("DefineContainer"),
                      {"string:" + domainXml("probed", "bbbbbbbb-0000-4000-8000-0000000000ff")});
        QVERIFY2(refusedByPolkit(redefine) && !redefine.contains(uuid), qPrintable(redefine));
        QVERIFY(helperOnBus());
        call(QStringLiteral("UndefineContainer"), {exists});
        call(QStringLiteral("UndefineNetwork"), {QStringLiteral("probednet")});
    }

    void deniedCallerCannotReadJobs() {
        const QDBusMessage started =
            call(QStringLiteral("CreateRootfs"),
                 {QStringLiteral("hostilebb"), QStringLiteral("busybox"), QVariantMap()});
        QVERIFY2(started.type() == QDBusMessage::ReplyMessage, qPrintable(started.errorMessage()));
        const QString job = qvariant_cast<QDBusObjectPath>(started.arguments().at(0)).path();
        const QString absent = QStringLiteral("/io/github/cubby1/job/99999");
        const QString getAll = QStringLiteral("org.freedesktop.DBus.Properties.GetAll");
        const QString get = QStringLiteral("org.freedesktop.DBus.Properties.Get");
        const QString iface = QStringLiteral("string:io.github.cubby1.Job");
        // An allowed caller reads them (as the clients do).
        const QString allowedRead = callAs(allowed(), job, getAll, {iface});
        QVERIFY2(allowedRead.contains("hostilebb"), qPrintable(allowedRead));
        for (const auto& [method, args] :
             {std::pair{getAll, QStringList{iface}},
              std::pair{get, QStringList{iface, QStringLiteral("string:Target")}},
              std::pair{get, QStringList{iface, QStringLiteral("string:StartedBy")}},
              std::pair{QStringLiteral("io.github.cubby1.Job.Cancel"), QStringList{}}}) {
            const QString forJob = callAs(denied(), job, method, args);
            const QString forAbsent = callAs(denied(), absent, method, args);
            QVERIFY2(refusedByPolkit(forJob) && !forJob.contains("hostilebb"),
                     qPrintable(method + ": " + forJob));
            QCOMPARE(forAbsent, forJob);
        }
        QVERIFY(helperOnBus());
        QTRY_VERIFY_WITH_TIMEOUT(
            callAs(allowed(), job, get, {iface, QStringLiteral("string:State")}).contains("done"),
            60000);
        call(QStringLiteral("DeleteRootfs"), {QStringLiteral("hostilebb")});
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "test_hostile_input.moc"
