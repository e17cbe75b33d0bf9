// The Debian root filesystem request: what is refused before mmdebstrap ever runs, the
// command line it becomes, and the progress read from mmdebstrap's output.
#include "debian_bootstrap.h"

#include <QTest>
#include <algorithm>

using namespace cubby;

class TestDebianBootstrap : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreValid() { QVERIFY(validateDebianBootstrap({}).has_value()); }

    void badRequestsAreRefused_data() {
        QTest::addColumn<QString>("suite");
        QTest::addColumn<QString>("mirror");
        QTest::addColumn<QString>("package");
        const QString mirror = QString::fromLatin1(defaultDebianMirror);
        QTest::newRow("unknown suite") << "jammy" << mirror << "";
        QTest::newRow("suite with a path") << "../trixie" << mirror << "";
        QTest::newRow("file mirror") << "trixie"
                                     << "file:///etc"
                                     << "";
        QTest::newRow("no host") << "trixie"
                                 << "http:///debian"
                                 << "";
        QTest::newRow("newline in mirror")
            << "trixie"
            << "http://deb.debian.org/debian\ndeb http://evil/ x main"
            << "";
        QTest::newRow("space in mirror") << "trixie"
                                         << "http://deb.debian.org/ debian"
                                         << "";
        QTest::newRow("credentials") << "trixie"
                                     << "http://user:pw@mirror/debian"
                                     << "";
        QTest::newRow("upper case package") << "trixie" << mirror << "Vim";
        QTest::newRow("option as package") << "trixie" << mirror << "--allow-unauthenticated";
        QTest::newRow("one letter") << "trixie" << mirror << "a";
        QTest::newRow("comma") << "trixie" << mirror << "vim,emacs";
    }
    void badRequestsAreRefused() {
        QFETCH(QString, suite);
        QFETCH(QString, mirror);
        QFETCH(QString, package);
        DebianBootstrap request;
        request.suite = suite.toStdString();
        request.mirror = mirror.toStdString();
        if (!package.isEmpty())
            request.packages.push_back(package.toStdString());
        const auto valid = validateDebianBootstrap(request);
        QVERIFY(!valid);
        QCOMPARE(int(valid.error().kind), int(ErrorKind::InvalidArgument));
    }

    void tooManyPackagesAreRefused() {
        DebianBootstrap request;
        request.packages.assign(65, "vim");
        QVERIFY(!validateDebianBootstrap(request));
        request.packages.resize(64);
        QVERIFY(validateDebianBootstrap(request).has_value());
    }

    void commandLine() {
        DebianBootstrap request;
        request.suite = "bookworm";
        request.mirror = "https://mirror.example/debian";
        request.packages = {"vim", "g++"};
        request.variant = DebianVariant::Minimal;
        QVERIFY(validateDebianBootstrap(request).has_value());
        const auto arguments = mmdebstrapArguments(request, "/var/lib/cubby/rootfs/.partial-x",
                                                   "/var/lib/cubby/cache/debian");
        const std::vector<std::string> tail(arguments.end() - 3, arguments.end());
        QCOMPARE(tail, (std::vector<std::string>{"bookworm", "/var/lib/cubby/rootfs/.partial-x",
                                                 "https://mirror.example/debian"}));
        const auto has = [&](const std::string& argument) {
            return std::ranges::find(arguments, argument) != arguments.end();
        };
        QVERIFY(has("--mode=root"));
        QVERIFY(has("--variant=minbase"));
        QVERIFY(has("--include=vim,g++"));
        QVERIFY(has("--setup-hook=sync-in /var/lib/cubby/cache/debian /var/cache/apt/archives/"));
        QVERIFY(has("--customize-hook=sync-out /var/cache/apt/archives "
                    "/var/lib/cubby/cache/debian"));
        // No cache, or a cache path a hook's shell words could not carry: no hooks at all.
        for (const char* cache : {"", "relative/cache", "/tmp/with space", "/tmp/$(reboot)"}) {
            const auto plain = mmdebstrapArguments(request, "/r", cache);
            QVERIFY2(std::ranges::none_of(plain,
                                          [](const std::string& argument) {
                                              return argument.find("hook") != std::string::npos;
                                          }),
                     cache);
        }
    }

    // The default: a Debian that boots. systemd and what a server needs on top of minbase,
    // and the hooks that name it, leave its machine ID to the first boot, bring up DHCP and
    // log root in on the console.
    void systemVariant() {
        DebianBootstrap request;
        request.packages = {"vim"};
        request.hostname = hostnameFor("web_01.test");
        QCOMPARE(request.hostname, std::string("web-01-test"));
        QVERIFY(validateDebianBootstrap(request).has_value());
        const auto arguments = mmdebstrapArguments(request, "/r", "");
        const auto has = [&](std::string_view part) {
            return std::ranges::any_of(arguments, [&](const std::string& argument) {
                return argument.find(part) != std::string::npos;
            });
        };
        QVERIFY(has("--include=systemd-sysv,dbus,libpam-systemd,iproute2,iputils-ping,sudo,"
                    "locales,vim"));
        QVERIFY(has("--customize-hook=echo web-01-test >\"$1/etc/hostname\""));
        QVERIFY(has(": >\"$1/etc/machine-id\""));
        QVERIFY(has("systemctl --root=\"$1\" enable systemd-networkd.service"));
        QVERIFY(has("--autologin root"));
        QVERIFY(has("Name=eth*"));
        // A hostname is checked like the rest of the request.
        request.hostname = "a;reboot";
        QVERIFY(!validateDebianBootstrap(request));
        QCOMPARE(hostnameFor("--"), std::string("debian"));
        QCOMPARE(hostnameFor(std::string(80, 'a')).size(), size_t{63});
        QCOMPARE(debianVariantNamed("minimal"), std::optional(DebianVariant::Minimal));
        QCOMPARE(debianVariantNamed("full"), std::optional<DebianVariant>());
    }

    // Who logs in: root on the console by itself (the default), a new user in group sudo, and
    // passwords as crypt(3) hashes that are set after the build and never become arguments.
    void logins() {
        const std::string hash = "$y$j9T$abcdefghijklmnop$0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZab./";
        DebianBootstrap request;
        request.consoleAutologin = false;
        request.user = "alice";
        request.passwords = {{"root", hash}, {"alice", hash}};
        QVERIFY(validateDebianBootstrap(request).has_value());
        const auto arguments = mmdebstrapArguments(request, "/r", "");
        const auto has = [&](std::string_view part) {
            return std::ranges::any_of(arguments, [&](const std::string& argument) {
                return argument.find(part) != std::string::npos;
            });
        };
        QVERIFY(has("useradd --root \"$1\" --create-home --shell /bin/bash --groups sudo alice"));
        QVERIFY(!has("--autologin root"));
        QVERIFY(!has("j9T")); // the hashes go to chpasswd on a pipe, not to mmdebstrap

        const std::string lines = formatPasswordLines(request.passwords);
        QCOMPARE(lines, "root:" + hash + "\nalice:" + hash + "\n");
        const auto parsed = parsePasswordLines(lines);
        QVERIFY(parsed && parsed->size() == 2 && (*parsed)[1].account == "alice");

        // Refused, each for a reason a user would make or an attacker try.
        const auto refused = [&](auto change) {
            DebianBootstrap bad = request;
            change(bad);
            return !validateDebianBootstrap(bad).has_value();
        };
        QVERIFY(refused([](DebianBootstrap& r) { r.user = "root"; }));
        QVERIFY(refused([](DebianBootstrap& r) { r.user = "messagebus"; }));
        QVERIFY(refused([](DebianBootstrap& r) { r.user = "Alice"; }));
        QVERIFY(refused([](DebianBootstrap& r) { r.user = "a;reboot"; }));
        QVERIFY(refused([](DebianBootstrap& r) { r.user = std::string(33, 'a'); }));
        QVERIFY(refused([](DebianBootstrap& r) { r.passwords[1].account = "bob"; }));
        QVERIFY(refused([](DebianBootstrap& r) { r.passwords[1].account = "root"; }));
        QVERIFY(refused([](DebianBootstrap& r) { r.passwords[0].hash = "secret"; }));
        QVERIFY(refused([](DebianBootstrap& r) { r.passwords[0].hash = "$6$a$b\nevil::0:0"; }));
        QVERIFY(refused([&](DebianBootstrap& r) {
            r.passwords[0].hash = "$6$" + std::string(600, 'a') + "$x";
        }));
        QVERIFY(refused([](DebianBootstrap& r) { r.passwords.clear(); })); // nobody could log in
        QVERIFY(refused([](DebianBootstrap& r) { r.variant = DebianVariant::Minimal; }));
        QVERIFY(!refused([](DebianBootstrap& r) {
            r.passwords.clear();
            r.consoleAutologin = true;
        }));

        for (const std::string_view text :
             {std::string_view("root:secret\n"), std::string_view("root:$y$a$b"),
              std::string_view("daemon:$y$a$b\n"), std::string_view("$y$a$b\n"),
              std::string_view("root:$y$a$b\nalice:$y$a$b\nbob:$y$a$b\n")}) {
            const auto bad = parsePasswordLines(text);
            QVERIFY2(!bad, std::string(text).c_str());
            // The error never repeats what could be a password.
            QVERIFY(bad.error().message.find("secret") == std::string::npos);
        }
    }

    void progressFromOutput() {
        const char* lines[] = {"I: chroot architecture amd64 is equal to the host's architecture",
                               "I: running apt-get update...",
                               "I: downloading packages with apt...",
                               "Get:1 http://deb.debian.org/debian trixie/main amd64 bash",
                               "I: extracting archives...",
                               "I: installing essential packages...",
                               "I: installing remaining packages inside the chroot...",
                               "I: cleaning package lists and apt cache...",
                               "I: success in 41.2 seconds"};
        double last = -1;
        int steps = 0;
        for (const char* line : lines) {
            const auto step = mmdebstrapProgress(line);
            if (!step)
                continue;
            QVERIFY2(step->fraction > last, line);
            QVERIFY(!step->text.empty());
            last = step->fraction;
            ++steps;
        }
        QCOMPARE(steps, 7);
        QCOMPARE(last, 1.0);
        QVERIFY(!mmdebstrapProgress("E: apt-get update failed").has_value());
    }
};

QTEST_APPLESS_MAIN(TestDebianBootstrap)
#include "test_debian_bootstrap.moc"
