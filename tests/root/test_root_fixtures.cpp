// Proves the root tier's fixtures on real kernel objects: throwaway network namespaces with a
// fake LAN, a bridge and an nftables table that never leak into the machine's namespace, and a
// cgroup of our own.
#include "cgroup_scratch.h"
#include "netlink.h"
#include "netns_fixture.h"
#include "nftables.h"

#include <QTest>
#include <csignal>
#include <fstream>
#include <net/if.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace cubby;
using namespace cubby::test;

namespace {

bool linkExistsHere(const char* name) {
    return if_nametoindex(name) != 0;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

class TestRootFixtures : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the root tier needs root: run it through scripts/test");
    }

    void hostAndUplinkAreSeparateFromTheMachine() {
        auto lab = HostAndUplink::create();
        QVERIFY2(lab, lab ? "" : lab.error().message.c_str());
        {
            NetNamespaceGuard inside(lab->host);
            QVERIFY(inside.status());
            auto socket = NetlinkSocket::open();
            QVERIFY(socket);
            const auto names = socket->linkNames();
            QVERIFY(std::ranges::find(names, std::string("uplink0")) != names.end());
            QVERIFY(std::ranges::find(names, std::string("lan0")) == names.end());
        }
        QVERIFY(!linkExistsHere("uplink0"));
        QVERIFY(!linkExistsHere("lan0"));
    }

    void trafficCrossesTheFakeLan() {
        auto lab = HostAndUplink::create();
        QVERIFY2(lab, lab ? "" : lab.error().message.c_str());
        EchoServer server(lab->uplink, HostAndUplink::uplinkAddress, 7007);
        const std::string failure = server.waitUntilListening();
        QVERIFY2(failure.empty(), failure.c_str());
        NetNamespaceGuard inside(lab->host);
        QVERIFY(inside.status());
        // The server answers with the address it saw: the host's side of the fake LAN.
        QCOMPARE(tcpRoundTrip(HostAndUplink::uplinkAddress, 7007, "hello"),
                 std::string(HostAndUplink::hostAddress) + " hello");
        // And over IPv6, which the fake LAN has too.
        EchoServer server6(lab->uplink, HostAndUplink::uplinkAddress6, 7008);
        QVERIFY(server6.waitUntilListening().empty());
        QCOMPARE(tcpRoundTrip(HostAndUplink::uplinkAddress6, 7008, "hello"),
                 std::string(HostAndUplink::hostAddress6) + " hello");
    }

    void bridgeLivesOnlyInItsNamespace() {
        auto lab = HostAndUplink::create();
        QVERIFY2(lab, lab ? "" : lab.error().message.c_str());
        {
            NetNamespaceGuard inside(lab->host);
            auto socket = NetlinkSocket::open();
            QVERIFY(socket);
            auto created = socket->createBridge("cubbytest0");
            QVERIFY2(created, created ? "" : created.error().message.c_str());
            QVERIFY(socket->addAddress("cubbytest0", *IpPrefix::parse("10.99.0.1/24", "")));
            QVERIFY(socket->setUp("cubbytest0"));
            QVERIFY(socket->linkIndex("cubbytest0") > 0);
            // Creating it twice is refused, not duplicated.
            QVERIFY(!socket->createBridge("cubbytest0"));
            QVERIFY(linkExistsHere("cubbytest0"));
        }
        QVERIFY(!linkExistsHere("cubbytest0"));
    }

    void nftablesTableLivesOnlyInItsNamespace() {
        auto lab = HostAndUplink::create();
        QVERIFY2(lab, lab ? "" : lab.error().message.c_str());
        {
            NetNamespaceGuard inside(lab->host);
            auto nft = Nftables::create();
            QVERIFY(nft);
            auto applied = nft->run("add table inet cubby_test\n"
                                    "add chain inet cubby_test forward { type filter hook forward "
                                    "priority 0; policy accept; }\n");
            QVERIFY2(applied, applied ? "" : applied.error().message.c_str());
            auto listed = nft->run("list ruleset");
            QVERIFY(listed);
            QVERIFY2(listed->find("table inet cubby_test") != std::string::npos, listed->c_str());
            // A bad ruleset is refused as a whole and reported.
            auto refused = nft->run("add rule inet cubby_test forward bogus expression");
            QVERIFY(!refused);
            QVERIFY(refused.error().message.find("nftables refused") != std::string::npos);
        }
        auto here = Nftables::create();
        QVERIFY(here);
        auto listed = here->run("list tables");
        QVERIFY(listed);
        QVERIFY2(listed->find("cubby_test") == std::string::npos, listed->c_str());
    }

    void cgroupOfOurOwn() {
        CgroupScratch group;
        QVERIFY2(group.ok(), group.failure().c_str());
        QVERIFY(group.setMemoryLimit(64ll << 20));
        QCOMPARE(group.memoryLimit(), 64ll << 20);
        const pid_t child = fork();
        if (child == 0) {
            pause();
            _exit(0);
        }
        QVERIFY(child > 0);
        const bool added = group.addProcess(child);
        const std::string membership = readFile("/proc/" + std::to_string(child) + "/cgroup");
        kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
        QVERIFY(added);
        QVERIFY2(membership.find(group.relativePath()) != std::string::npos, membership.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRootFixtures)
#include "test_root_fixtures.moc"
