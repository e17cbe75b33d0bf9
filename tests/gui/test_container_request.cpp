// The New Container wizard's request value without a display or a bus: the definition
// domainFromRequest() makes for every root filesystem kind and network choice, that its XML
// parses back to the same value, each page's checks, and the jobs' sources and options.
#include "container_request.h"
#include "domain_xml.h"

#include <QTest>
#include <algorithm>

using namespace cubby;

namespace {

Uuid fixedUuid() {
    return *Uuid::parse("11111111-2222-4333-8444-555555555555", "test");
}

ContainerRequest basic(RootfsKind kind) {
    ContainerRequest request;
    request.name = "box1";
    request.rootfs = kind;
    request.init = defaultInit(kind);
    request.directory = "/srv/roots/box1";
    request.tarballPath = "/home/u/root.tar";
    return request;
}

// Builds the domain, formats it, parses it back: the same value, the same text again.
Domain roundTrip(const ContainerRequest& request, const std::string& rootfsPath) {
    const auto domain = domainFromRequest(request, rootfsPath, fixedUuid());
    if (!domain)
        qFatal("domainFromRequest: %s", domain.error().message.c_str());
    const std::string xml = formatDomainXml(*domain);
    const auto parsed = parseDomainXml(xml, [] { return Uuid{}; });
    if (!parsed)
        qFatal("parseDomainXml: %s\n%s", parsed.error().message.c_str(), xml.c_str());
    if (!(*parsed == *domain) || formatDomainXml(*parsed) != xml)
        qFatal("the XML does not round-trip:\n%s", xml.c_str());
    return *parsed;
}

std::string errorOf(const Status& status) {
    return status ? std::string() : status.error().message;
}

} // namespace

class TestContainerRequest : public QObject {
    Q_OBJECT
private slots:
    void busyboxWithDefaults() {
        const Domain domain = roundTrip(basic(RootfsKind::Busybox), "/var/lib/cubby/rootfs/box1");
        QCOMPARE(domain.name, std::string("box1"));
        QCOMPARE(domain.uuid, fixedUuid());
        QCOMPARE(domain.memoryKiB, uint64_t{512 * 1024});
        QCOMPARE(domain.currentMemoryKiB, uint64_t{512 * 1024});
        QCOMPARE(domain.os.init, std::string("/sbin/init"));
        QVERIFY(domain.rootFilesystem());
        QCOMPARE(domain.rootFilesystem()->sourceDir, std::string("/var/lib/cubby/rootfs/box1"));
        QCOMPARE(domain.rootFilesystem()->type, FilesystemType::Mount);
        QVERIFY(domain.interfaces.empty());
        QVERIFY(domain.features.privnet); // no network: its own, with only loopback
        QCOMPARE(domain.consoles.size(), size_t{1});
        QVERIFY(!domain.cputune.quotaUs);
        QVERIFY(!domain.cputune.shares);
    }

    void everyRootfsKind() {
        const std::string made = "/var/lib/cubby/rootfs/box1";
        // A Debian system boots systemd; a minimal one runs bash.
        QCOMPARE(roundTrip(basic(RootfsKind::Debian), made).os.init, std::string("/sbin/init"));
        QCOMPARE(defaultInit(RootfsKind::Debian, true), std::string("/bin/bash"));
        QCOMPARE(roundTrip(basic(RootfsKind::Debian), made).rootFilesystem()->sourceDir, made);
        QCOMPARE(roundTrip(basic(RootfsKind::Tarball), made).rootFilesystem()->sourceDir, made);
        // An existing directory is used as it is: no job, the rootfs path given is ignored.
        QCOMPARE(roundTrip(basic(RootfsKind::Directory), "").rootFilesystem()->sourceDir,
                 std::string("/srv/roots/box1"));
        // An application container has no filesystem at '/': it shares the host's root.
        const Domain app = roundTrip(basic(RootfsKind::Application), "");
        QVERIFY(!app.rootFilesystem());
        QVERIFY(app.filesystems.empty());
        QCOMPARE(app.os.init, std::string("/bin/sh"));
        // A job kind without the path the job produced cannot make a valid definition.
        QVERIFY(!domainFromRequest(basic(RootfsKind::Busybox), "", fixedUuid()));
    }

    void everyNetworkChoice() {
        ContainerRequest request = basic(RootfsKind::Busybox);
        request.network = NetworkKind::Network;
        request.networkName = "default";
        Domain domain = roundTrip(request, "/r");
        QCOMPARE(domain.interfaces.size(), size_t{1});
        QCOMPARE(domain.interfaces[0].type, InterfaceType::Network);
        QCOMPARE(domain.interfaces[0].source, std::string("default"));
        QVERIFY(!domain.features.privnet);

        request.network = NetworkKind::Bridge;
        request.bridgeName = "br0";
        domain = roundTrip(request, "/r");
        QCOMPARE(domain.interfaces[0].type, InterfaceType::Bridge);
        QCOMPARE(domain.interfaces[0].source, std::string("br0"));

        request = basic(RootfsKind::Application);
        request.network = NetworkKind::Host;
        domain = roundTrip(request, "");
        QVERIFY(!domain.hasPrivateNetwork());
    }

    void resources() {
        ContainerRequest request = basic(RootfsKind::Busybox);
        request.memoryMiB = 64;
        request.cpuLimit = 1.5;
        request.cpuShares = 512;
        request.init = "/bin/sh";
        const Domain domain = roundTrip(request, "/r");
        QCOMPARE(domain.memoryKiB, uint64_t{64 * 1024});
        QCOMPARE(domain.cputune.periodUs, std::optional<uint64_t>(100000));
        QCOMPARE(domain.cputune.quotaUs, std::optional<int64_t>(150000));
        QCOMPARE(domain.cputune.shares, std::optional<uint64_t>(512));
        QCOMPARE(domain.vcpus, 2u);
        QCOMPARE(domain.os.init, std::string("/bin/sh"));
    }

    void sharedFolderAndPrivileged() {
        ContainerRequest request = basic(RootfsKind::Busybox);
        QVERIFY(!roundTrip(request, "/r").cubby.privileged); // unprivileged unless asked
        request.sharedFolder = "/home/ann/Projects";
        request.sharedReadOnly = true;
        request.privileged = true;
        QCOMPARE(sharedFolderTarget(request), std::string("/mnt/Projects"));
        const Domain domain = roundTrip(request, "/r");
        QVERIFY(domain.cubby.privileged);
        const auto share = std::ranges::find(domain.filesystems, std::string("/mnt/Projects"),
                                             &Filesystem::targetDir);
        QVERIFY(share != domain.filesystems.end());
        QCOMPARE(share->sourceDir, std::string("/home/ann/Projects"));
        QVERIFY(share->readOnly);
        QVERIFY(formatDomainXml(domain).find("<cubby:privileged/>") != std::string::npos);
        for (const char* bad : {"relative/dir", "/", "/home/ann/.."}) {
            request.sharedFolder = bad;
            QVERIFY2(!validateIdentity(request, {}), bad);
        }
    }

    void identityChecks() {
        ContainerRequest request = basic(RootfsKind::Busybox);
        QVERIFY(validateIdentity(request, {}));
        QVERIFY(!validateIdentity(request, {"other", "box1"}));
        QVERIFY(errorOf(validateIdentity(request, {"box1"})).find("exists") != std::string::npos);
        for (const char* bad : {"", "-x", "a b", "a/b", "a..b", "ünï"}) {
            request.name = bad;
            QVERIFY2(!validateIdentity(request, {}), bad);
        }
        request.name = std::string(65, 'a');
        QVERIFY(!validateIdentity(request, {}));
        request.name = "ok";
        request.memoryMiB = 15;
        QVERIFY(errorOf(validateIdentity(request, {})).find("16 MiB") != std::string::npos);
        request.memoryMiB = 16;
        request.cpuShares = 1;
        QVERIFY(!validateIdentity(request, {}));
    }

    void rootfsChecks() {
        ContainerRequest request = basic(RootfsKind::Debian);
        QVERIFY(validateRootfs(request));
        request.debianSuite = "jessie-nope";
        QVERIFY(!validateRootfs(request));
        request.debianSuite = "sid";
        request.debianPackages = {"iproute2", "bad package"};
        QVERIFY(!validateRootfs(request));
        request = basic(RootfsKind::Tarball);
        request.tarballPath.clear();
        QVERIFY(!validateRootfs(request));
        request = basic(RootfsKind::Directory);
        request.directory = "relative/dir";
        QVERIFY(!validateRootfs(request));
        request.directory = "/";
        QVERIFY(!validateRootfs(request));
        request = basic(RootfsKind::Busybox);
        request.init = "sbin/init";
        QVERIFY(!validateRootfs(request));
    }

    void networkChecks() {
        ContainerRequest request = basic(RootfsKind::Busybox);
        QVERIFY(validateNetwork(request));
        request.network = NetworkKind::Host; // a system container would reconfigure the host
        QVERIFY(!validateNetwork(request));
        request.rootfs = RootfsKind::Application;
        QVERIFY(validateNetwork(request));
        request.network = NetworkKind::Network;
        QVERIFY(!validateNetwork(request)); // none chosen
        request.networkName = "net1";
        QVERIFY(validateNetwork(request));
        request.network = NetworkKind::Bridge;
        request.bridgeName = "a-bridge-name-too-long";
        QVERIFY(!validateNetwork(request));
    }

    // The Settings tab's arguments line: what is joined splits back into the same arguments,
    // blanks, quotes and empty ones included; and a line splits as people type it.
    void initArgumentsRoundTrip() {
        const std::vector<std::vector<std::string>> cases = {
            {},
            {"--port", "80"},
            {"two words", "say \"hi\"", "", "tab\there", "back\\slash", "plain"},
        };
        for (const auto& arguments : cases)
            QCOMPARE(splitInitArguments(joinInitArguments(arguments)), arguments);
        QCOMPARE(joinInitArguments({"-c", "echo hi"}), QStringLiteral("-c \"echo hi\""));
        QCOMPARE(splitInitArguments(QStringLiteral("  -v   --name \"my box\" ")),
                 (std::vector<std::string>{"-v", "--name", "my box"}));
    }

    void jobsAndOptions() {
        QVERIFY(needsRootfsJob(RootfsKind::Busybox));
        QVERIFY(needsRootfsJob(RootfsKind::Debian));
        QVERIFY(needsRootfsJob(RootfsKind::Tarball));
        QVERIFY(!needsRootfsJob(RootfsKind::Directory));
        QVERIFY(!needsRootfsJob(RootfsKind::Application));
        QCOMPARE(rootfsSource(basic(RootfsKind::Busybox)), QStringLiteral("busybox"));
        QVERIFY(rootfsOptions(basic(RootfsKind::Busybox)).isEmpty()); // busybox takes none
        ContainerRequest debian = basic(RootfsKind::Debian);
        debian.debianSuite = "bookworm";
        debian.debianPackages = splitPackages("iproute2, openssh-server  vim,");
        QCOMPARE(rootfsSource(debian), QStringLiteral("debian"));
        const QVariantMap options = rootfsOptions(debian);
        QCOMPARE(options.value("suite").toString(), QStringLiteral("bookworm"));
        QCOMPARE(options.value("packages").toStringList(),
                 QStringList({"iproute2", "openssh-server", "vim"}));
        QCOMPARE(options.value("packages").typeId(), int(QMetaType::QStringList));
        QVERIFY(!rootfsOptions(basic(RootfsKind::Debian)).contains("packages"));
        QCOMPARE(rootfsOptions(basic(RootfsKind::Debian)).value("variant"), QVariant("system"));
        ContainerRequest minimal = basic(RootfsKind::Debian);
        minimal.debianMinimal = true;
        QCOMPARE(rootfsOptions(minimal).value("variant"), QVariant("minimal"));

        // Logins: the options name the user and the console login; the password is never in
        // them (ContainerCreation adds only its hash, under loginPasswordOption's key).
        QCOMPARE(rootfsOptions(basic(RootfsKind::Debian)).value("autologin"), QVariant(true));
        QVERIFY(loginPasswordOption(basic(RootfsKind::Debian)).isEmpty());
        ContainerRequest user = basic(RootfsKind::Debian);
        user.debianLogin = DebianLogin::SudoUser;
        user.debianUser = "alice";
        user.debianPassword = user.debianPasswordRepeat = "s3cret pass";
        const QVariantMap userOptions = rootfsOptions(user);
        QCOMPARE(userOptions.value("user"), QVariant("alice"));
        QCOMPARE(userOptions.value("autologin"), QVariant(false));
        for (const QVariant& value : userOptions)
            QVERIFY(!value.toString().contains("s3cret"));
        QCOMPARE(loginPasswordOption(user), QStringLiteral("userPasswordHash"));
        QCOMPARE(int(loginProblem(user)), int(LoginProblem::None));
        user.debianPasswordRepeat = "s3cret pas";
        QCOMPARE(int(loginProblem(user)), int(LoginProblem::Mismatch));
        user.debianUser = "daemon";
        QCOMPARE(int(loginProblem(user)), int(LoginProblem::BadUserName));
        ContainerRequest root = basic(RootfsKind::Debian);
        root.debianLogin = DebianLogin::RootPassword;
        QCOMPARE(int(loginProblem(root)), int(LoginProblem::NoPassword));
        QVERIFY(!rootfsOptions(root).contains("user"));
        QCOMPARE(loginPasswordOption(root), QStringLiteral("rootPasswordHash"));
        root.debianMinimal = true; // no logins to set up there
        QCOMPARE(int(loginProblem(root)), int(LoginProblem::None));
        QVERIFY(loginPasswordOption(root).isEmpty());
        QVERIFY(!rootfsOptions(root).contains("autologin"));
    }
};

QTEST_GUILESS_MAIN(TestContainerRequest)
#include "test_container_request.moc"
