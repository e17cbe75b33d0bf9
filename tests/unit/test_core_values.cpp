// The small value types and validators every definition is built from.
#include "cpuset.h"
#include "inet.h"
#include "names.h"
#include "netns_addresses.h"
#include "text.h"
#include "units.h"
#include "uuid.h"

#include <QTest>

using namespace cubby;

class TestCoreValues : public QObject {
    Q_OBJECT
private slots:
    void objectNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << "mycontainer" << true;
        QTest::newRow("dashes dots underscores") << "web-1.test_a" << true;
        QTest::newRow("64 characters") << QString(64, 'a') << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("parent") << "../x" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("dot dot inside") << "a..b" << false;
        QTest::newRow("leading dot") << ".hidden" << false;
        QTest::newRow("leading dash") << "-x" << false;
        QTest::newRow("space") << "a b" << false;
        QTest::newRow("300 characters") << QString(300, 'a') << false;
        QTest::newRow("65 characters") << QString(65, 'a') << false;
        QTest::newRow("non-ascii") << QString::fromUtf8("caf\xc3\xa9") << false;
        QTest::newRow("newline") << "a\nb" << false;
    }
    void objectNames() {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        const auto status = validateObjectName(name.toStdString(), "<name>");
        QCOMPARE(bool(status), valid);
        if (!valid) {
            QVERIFY(status.error().message.starts_with("<name>: "));
            QCOMPARE(status.error().kind, ErrorKind::InvalidArgument);
        }
    }

    void objectNameErrorsQuoteTheValue() {
        const auto status = validateObjectName("a/b", "/domain/name");
        QVERIFY(!status);
        QVERIFY2(status.error().message.find("'a/b'") != std::string::npos,
                 status.error().message.c_str());
        const auto tooLong = validateObjectName(std::string(300, 'x'), "/domain/name");
        QVERIFY(tooLong.error().message.find("300 characters") != std::string::npos);
    }

    void interfaceNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("eth0") << "eth0" << true;
        QTest::newRow("15 bytes") << "abcdefghijklmno" << true;
        QTest::newRow("16 bytes") << "abcdefghijklmnop" << false;
        QTest::newRow("colon") << "eth0:1" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("dot") << "." << false;
        QTest::newRow("dotdot") << ".." << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "br 0" << false;
    }
    void interfaceNames() {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(bool(validateInterfaceName(name.toStdString(), "<bridge>")), valid);
    }

    void absolutePaths_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("valid");
        QTest::newRow("root") << "/" << true;
        QTest::newRow("plain") << "/var/lib/cubby/rootfs" << true;
        QTest::newRow("relative") << "var/lib" << false;
        QTest::newRow("dotdot") << "/var/../etc" << false;
        QTest::newRow("dot") << "/var/./lib" << false;
        QTest::newRow("double slash") << "/var//lib" << false;
        QTest::newRow("trailing slash") << "/var/lib/" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("too long") << "/" + QString(5000, 'a') << false;
    }
    void absolutePaths() {
        QFETCH(QString, path);
        QFETCH(bool, valid);
        QCOMPARE(bool(validateAbsolutePath(path.toStdString(), "<source dir>")), valid);
    }

    void macAddresses() {
        const auto mac = MacAddress::parse("00:11:22:34:34:34", "mac");
        QVERIFY(mac);
        QCOMPARE(mac->toString(), std::string("00:11:22:34:34:34"));
        QCOMPARE(MacAddress::parse("52:54:00:AB:cd:EF", "mac")->toString(),
                 std::string("52:54:00:ab:cd:ef"));
        for (const char* bad :
             {"00:11:22:33:44", "00:11:22:33:44:55:66", "00-11-22-33-44-55", "zz:11:22:33:44:55",
              "01:00:5e:00:00:01", "00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", ""}) {
            const auto parsed = MacAddress::parse(bad, "<mac address>");
            QVERIFY2(!parsed, bad);
            QVERIFY(parsed.error().message.starts_with("<mac address>: "));
        }
    }

    void ipAddressesAndPrefixes() {
        QCOMPARE(IpAddress::parse("192.168.122.1", "ip")->toString(), std::string("192.168.122.1"));
        QCOMPARE(IpAddress::parse("fd00::1", "ip")->family, IpFamily::V6);
        for (const char* bad : {"192.168.1", "192.168.1.256", "1.2.3.4.5", "", "::g", " 1.2.3.4"})
            QVERIFY2(!IpAddress::parse(bad, "ip"), bad);

        const auto subnet = IpPrefix::parse("10.1.2.0/24", "subnet");
        QVERIFY(subnet);
        QVERIFY(subnet->contains(*IpAddress::parse("10.1.2.200", "")));
        QVERIFY(!subnet->contains(*IpAddress::parse("10.1.3.1", "")));
        QCOMPARE(subnet->broadcastV4()->toString(), std::string("10.1.2.255"));
        QCOMPARE(IpPrefix::parse("10.1.2.77/24", "")->network().toString(),
                 std::string("10.1.2.0/24"));
        for (const char* bad :
             {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "fd00::/129"})
            QVERIFY2(!IpPrefix::parse(bad, "subnet"), bad);
    }

    void overlappingSubnets_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("overlap");
        // A function, not a << chain: clang-format 14 and 19 lay those out differently.
        const auto row = [](const char* name, const char* a, const char* b, bool overlap) {
            QTest::newRow(name) << QString(a) << QString(b) << overlap;
        };
        row("same", "192.168.1.0/24", "192.168.1.0/24", true);
        row("inside", "10.0.0.0/8", "10.20.0.0/16", true);
        row("contains", "10.20.0.0/16", "10.0.0.0/8", true);
        row("neighbours", "192.168.1.0/24", "192.168.2.0/24", false);
        row("families", "10.0.0.0/8", "fd00::/8", false);
        row("v6 inside", "fd00::/48", "fd00:0:0:1::/64", true);
        row("default route", "0.0.0.0/0", "172.16.0.0/12", true);
    }
    void overlappingSubnets() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, overlap);
        QCOMPARE(
            IpPrefix::parse(a.toStdString(), "a")->overlaps(*IpPrefix::parse(b.toStdString(), "b")),
            overlap);
    }

    void netmasks() {
        QCOMPARE(*prefixLengthFromNetmask("255.255.255.0", "m"), 24u);
        QCOMPARE(*prefixLengthFromNetmask("255.255.0.0", "m"), 16u);
        QCOMPARE(*prefixLengthFromNetmask("0.0.0.0", "m"), 0u);
        QCOMPARE(*prefixLengthFromNetmask("255.255.255.255", "m"), 32u);
        QVERIFY(!prefixLengthFromNetmask("255.0.255.0", "m"));
        QVERIFY(!prefixLengthFromNetmask("255.255.255.1", "m"));
        QVERIFY(!prefixLengthFromNetmask("ffff::", "m"));
        QCOMPARE(netmaskFromPrefixLength(20).toString(), std::string("255.255.240.0"));
    }

    void memoryUnits_data() {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<qulonglong>("kib");
        const auto row = [](const char* name, const char* number, const char* unit,
                            qulonglong kib) {
            QTest::newRow(name) << QString(number) << QString(unit) << kib;
        };
        row("default KiB", "500000", "", 500000ull);
        row("KiB", "1", "KiB", 1ull);
        row("k", "2", "k", 2ull);
        row("MiB", "512", "MiB", 524288ull);
        row("M", "1", "M", 1024ull);
        row("GiB", "2", "GiB", 2097152ull);
        row("G upper", "1", "G", 1048576ull);
        row("MB decimal", "1", "MB", 977ull); // 1000000 bytes, rounded up
        row("bytes round up", "1025", "b", 2ull);
        row("case", "1", "mib", 1024ull);
    }
    void memoryUnits() {
        QFETCH(QString, number);
        QFETCH(QString, unit);
        QFETCH(qulonglong, kib);
        const auto value = scaledToKiB(number.toStdString(), unit.toStdString(), "<memory>");
        QVERIFY2(value, value ? "" : value.error().message.c_str());
        QCOMPARE(qulonglong(*value), kib);
    }
    void badMemoryUnits() {
        QVERIFY(!scaledToKiB("12x", "", "<memory>"));
        QVERIFY(!scaledToKiB("-5", "", "<memory>"));
        QVERIFY(!scaledToKiB("", "", "<memory>"));
        QVERIFY(!scaledToKiB("5", "parsecs", "<memory>"));
        QVERIFY(!scaledToKiB("99999999999", "EiB", "<memory>"));
        QVERIFY(!scaledToKiB("99999999999999999999999", "", "<memory>"));
        // No unit is KiB, bounded like KiB: 2^64-1 KiB would not survive being stored.
        QVERIFY(!scaledToKiB("18446744073709551615", "", "<memory>"));
        QCOMPARE(*scaledToKiB("1048576", "", "<memory>"), uint64_t(1048576));
    }

    void uuids() {
        const auto uuid = Uuid::parse("8369f1ac-7e46-e869-4ca5-759d51478066", "uuid");
        QVERIFY(uuid);
        QCOMPARE(uuid->toString(), std::string("8369f1ac-7e46-e869-4ca5-759d51478066"));
        QCOMPARE(*Uuid::parse("8369F1AC7E46E8694CA5759D51478066", "uuid"), *uuid);
        for (const char* bad :
             {"8369f1ac-7e46-e869-4ca5-759d5147806", "not-a-uuid",
              "00000000-0000-0000-0000-000000000000", "8369f1ac-7e46-e869-4ca5-759d51478066-1",
              "8369f1ac7e46-e869-4ca5-759d514780661"})
            QVERIFY2(!Uuid::parse(bad, "uuid"), bad);
        std::array<uint8_t, 16> random{};
        random.fill(0xFF);
        const Uuid v4 = Uuid::fromRandomBytes(random);
        QCOMPARE(v4.toString()[14], '4');
        QCOMPARE(v4.toString()[19], 'b');
    }

    // What the kernel shows of a container's network namespace: the addresses it really has
    // (SLAAC, a LAN's DHCP) for the list, never link-local, loopback or tentative ones.
    void addressesOfANetworkNamespace() {
        const std::string ifInet6 =
            "20010db8000000000000000000000005 02 40 00 00     eth0\n"
            "00000000000000000000000000000001 01 80 10 80       lo\n"
            "fe800000000000000000000000000001 02 40 20 80     eth0\n"
            "20010db8000000000000000000000006 02 40 00 40     eth0\n" // tentative
            "20010db8000000000000000000000007 02 40 00 08     eth0\n" // DAD failed
            "fd00000000000000021122fffe334455 02 40 00 80     eth0\n"
            "2001zzb8000000000000000000000008 02 40 00 00     eth0\n" // not hex
            "short 02 40 00 00 eth0\n";
        QStringList v6;
        for (const IpAddress& address : globalIpv6Addresses(ifInet6))
            v6 << QString::fromStdString(address.toString());
        QCOMPARE(v6, (QStringList{"2001:db8::5", "fd00::211:22ff:fe33:4455"}));
        QVERIFY(globalIpv6Addresses("").empty());

        const std::string fibTrie = "Main:\n"
                                    "  +-- 0.0.0.0/0 3 0 5\n"
                                    "     |-- 0.0.0.0\n"
                                    "        /0 universe UNICAST\n"
                                    "     +-- 10.0.2.0/24 2 0 2\n"
                                    "        |-- 10.0.2.0\n"
                                    "           /24 link UNICAST\n"
                                    "        |-- 10.0.2.15\n"
                                    "           /32 host LOCAL\n"
                                    "     +-- 127.0.0.0/8 2 0 2\n"
                                    "        |-- 127.0.0.0\n"
                                    "           /8 host LOCAL\n"
                                    "        |-- 127.0.0.1\n"
                                    "           /32 host LOCAL\n"
                                    "Local:\n"
                                    "        |-- 10.0.2.15\n"
                                    "           /32 host LOCAL\n"
                                    "        |-- 192.168.7.3\n"
                                    "           /32 host LOCAL\n"
                                    "        |-- 999.1.1.1\n"
                                    "           /32 host LOCAL\n";
        QStringList v4;
        for (const IpAddress& address : localIpv4Addresses(fibTrie))
            v4 << QString::fromStdString(address.toString());
        QCOMPARE(v4, (QStringList{"10.0.2.15", "192.168.7.3"}));
    }

    void cpusets() {
        QCOMPARE(formatCpuset(*parseCpuset("0-3,^2,6", "cpuset")), std::string("0-1,3,6"));
        QCOMPARE(formatCpuset(*parseCpuset("1", "cpuset")), std::string("1"));
        QCOMPARE(formatCpuset(*parseCpuset("4,0,1,2", "cpuset")), std::string("0-2,4"));
        for (const char* bad : {"", "a", "3-1", "0-", "^1", "0,^0", "1-2-3", "99999"})
            QVERIFY2(!parseCpuset(bad, "cpuset"), bad);
    }

    void utf8Validation() {
        QCOMPARE(firstInvalidUtf8("plain"), std::string_view::npos);
        QCOMPARE(firstInvalidUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa6"),
                 std::string_view::npos);
        QCOMPARE(firstInvalidUtf8("ab\xff"), size_t(2));
        QCOMPARE(firstInvalidUtf8("\xc0\xaf"), size_t(0));         // overlong '/'
        QCOMPARE(firstInvalidUtf8("x\xed\xa0\x80"), size_t(1));    // a surrogate
        QCOMPARE(firstInvalidUtf8("xy\xe2\x82"), size_t(2));       // truncated
        QCOMPARE(firstInvalidUtf8("\xf4\x90\x80\x80"), size_t(0)); // past U+10FFFF
    }

    void quotingEscapesControlCharacters() {
        QCOMPARE(cubby::quoted("a\nb"), std::string("'a\\x0ab'"));
        QVERIFY(cubby::quoted(std::string(500, 'z')).size() < 80);
    }
};

QTEST_APPLESS_MAIN(TestCoreValues)
#include "test_core_values.moc"
