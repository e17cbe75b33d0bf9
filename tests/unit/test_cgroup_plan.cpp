// What a container may use, from its definition: the limits, the v2 weight conversion, the
// cgroup file formats, and the device BPF program (checked instruction by instruction and by
// running it on a small interpreter of the instructions it uses).
#include "bpf_devices.h"
#include "cgroup_files.h"
#include "cgroup_plan.h"
#include "control_protocol.h"

#include <QTest>
#include <cstring>
#include <format>

using namespace cubby;

namespace {

constexpr uint64_t MiB = 1024 * 1024;

Domain domainWithMemory(uint64_t kib) {
    Domain domain;
    domain.name = "web";
    domain.memoryKiB = kib;
    domain.currentMemoryKiB = kib;
    return domain;
}

std::string show(const bpf_insn& insn) {
    return std::format("{{code {:#04x} dst r{} src r{} off {} imm {}}}", insn.code,
                       int(insn.dst_reg), int(insn.src_reg), insn.off, insn.imm);
}

std::string show(const std::vector<bpf_insn>& program) {
    std::string out;
    for (size_t i = 0; i < program.size(); ++i)
        out += std::format("{:2}: {}\n", i, show(program[i]));
    return out;
}

// Runs the subset of eBPF that buildDeviceProgram emits, the way the kernel would, on one
// device request. Returns r0 at exit, or -1 for anything the kernel's verifier would refuse
// (an unknown instruction, a read outside the context, a jump out of the program).
int64_t runDeviceProgram(const std::vector<bpf_insn>& program, uint32_t type, uint32_t access,
                         uint32_t major, uint32_t minor) {
    const bpf_cgroup_dev_ctx context{access << 16 | type, major, minor};
    uint64_t reg[11] = {};
    for (size_t pc = 0; pc < program.size(); ++pc) {
        const bpf_insn& insn = program[pc];
        uint64_t& dst = reg[insn.dst_reg];
        const uint64_t src = reg[insn.src_reg];
        const auto imm = static_cast<uint64_t>(static_cast<int64_t>(insn.imm));
        const auto jump = [&](bool taken) {
            const int64_t target = static_cast<int64_t>(pc) + 1 + (taken ? insn.off : 0);
            if (target <= static_cast<int64_t>(pc) || target >= int64_t(program.size()))
                return false;
            pc = static_cast<size_t>(target) - 1;
            return true;
        };
        switch (insn.code) {
        case BPF_LDX | BPF_MEM | BPF_W: {
            if (insn.src_reg != 1 || insn.off < 0 || insn.off + 4 > int(sizeof context))
                return -1;
            uint32_t value = 0;
            std::memcpy(&value, reinterpret_cast<const char*>(&context) + insn.off, 4);
            dst = value;
            break;
        }
        case BPF_ALU | BPF_AND | BPF_K:
            dst = uint32_t(dst) & uint32_t(imm);
            break;
        case BPF_ALU | BPF_RSH | BPF_K:
            dst = uint32_t(dst) >> uint32_t(imm);
            break;
        case BPF_ALU | BPF_MOV | BPF_X:
            dst = uint32_t(src);
            break;
        case BPF_ALU64 | BPF_MOV | BPF_K:
            dst = imm;
            break;
        case BPF_JMP | BPF_JNE | BPF_K:
            if (!jump(dst != imm))
                return -1;
            break;
        case BPF_JMP | BPF_JNE | BPF_X:
            if (!jump(dst != src))
                return -1;
            break;
        case BPF_JMP | BPF_EXIT:
            return static_cast<int64_t>(reg[0]);
        default:
            return -1;
        }
    }
    return -1; // fell off the end
}

constexpr uint32_t devChar = BPF_DEVCG_DEV_CHAR, devBlock = BPF_DEVCG_DEV_BLOCK;
constexpr uint32_t accRead = BPF_DEVCG_ACC_READ, accWrite = BPF_DEVCG_ACC_WRITE,
                   accMknod = BPF_DEVCG_ACC_MKNOD;

} // namespace

class TestCgroupPlan : public QObject {
    Q_OBJECT
private slots:
    void standardDevicesAreTheUsualNodesWithoutMknod() {
        const auto& devices = standardContainerDevices();
        const std::vector<std::pair<int, int>> expected = {{1, 3}, {1, 5}, {1, 7}, {1, 8},   {1, 9},
                                                           {5, 0}, {5, 1}, {5, 2}, {136, -1}};
        QCOMPARE(devices.size(), expected.size());
        for (size_t i = 0; i < devices.size(); ++i) {
            QCOMPARE(devices[i].type, 'c');
            QCOMPARE(devices[i].major, expected[i].first);
            QCOMPARE(devices[i].minor, expected[i].second);
            QVERIFY(devices[i].read && devices[i].write);
            QVERIFY2(!devices[i].mknod, v1DeviceRuleLine(devices[i]).c_str());
        }
    }

    void planFromAPlainDomain() {
        const auto limits = planCgroupLimits(domainWithMemory(512 * 1024));
        QCOMPARE(limits.memoryMaxBytes, std::optional<uint64_t>(512 * MiB));
        QVERIFY(!limits.memoryHighBytes && !limits.memoryLowBytes && !limits.memorySwapMaxBytes);
        QVERIFY(!limits.cpuShares && !limits.cpuPeriodUs && !limits.cpuQuotaUs);
        QCOMPARE(limits.cpusetCpus, std::string());
        QCOMPARE(limits.pidsMax, std::optional<uint64_t>(4096));
        QCOMPARE(limits.allowedDevices, standardContainerDevices());
    }

    void hardLimitCapsMemoryOnlyWhenLower() {
        Domain domain = domainWithMemory(1024 * 1024);
        domain.memtune.hardLimitKiB = 256 * 1024;
        QCOMPARE(planCgroupLimits(domain).memoryMaxBytes, std::optional<uint64_t>(256 * MiB));
        domain.memtune.hardLimitKiB = 4096 * 1024;
        QCOMPARE(planCgroupLimits(domain).memoryMaxBytes, std::optional<uint64_t>(1024 * MiB));
    }

    void memtuneCputuneAndCpusetMapOneToOne() {
        Domain domain = domainWithMemory(1024 * 1024);
        domain.memtune.softLimitKiB = 512 * 1024;
        domain.memtune.minGuaranteeKiB = 128 * 1024;
        domain.memtune.swapHardLimitKiB = 1536 * 1024;
        domain.cputune.shares = 2048;
        domain.cputune.periodUs = 50000;
        domain.cputune.quotaUs = 25000;
        domain.cpuset = {0, 1, 2, 4};
        const auto limits = planCgroupLimits(domain);
        QCOMPARE(limits.memoryHighBytes, std::optional<uint64_t>(512 * MiB));
        QCOMPARE(limits.memoryLowBytes, std::optional<uint64_t>(128 * MiB));
        QCOMPARE(limits.memorySwapMaxBytes, std::optional<uint64_t>(1536 * MiB));
        QCOMPARE(limits.cpuShares, std::optional<uint64_t>(2048));
        QCOMPARE(limits.cpuPeriodUs, std::optional<uint64_t>(50000));
        QCOMPARE(limits.cpuQuotaUs, std::optional<int64_t>(25000));
        QCOMPARE(limits.cpusetCpus, std::string("0-2,4"));
    }

    void hugeKibibytesSaturateInsteadOfWrapping() {
        Domain domain = domainWithMemory(1024 * 1024);
        domain.memtune.softLimitKiB = UINT64_MAX / 2;
        QCOMPARE(planCgroupLimits(domain).memoryHighBytes, std::optional<uint64_t>(UINT64_MAX));
    }

    // What a running container takes live: memory and CPU, with unset CPU settings written as
    // the kernel's defaults so a limit taken away is lifted; nothing else.
    void liveLimitsAreMemoryAndCpuOnly() {
        Domain domain = domainWithMemory(256 * 1024);
        domain.cputune.quotaUs = 50000;
        CgroupLimits live = planLiveCgroupLimits(domain);
        QCOMPARE(*live.memoryMaxBytes, 256 * MiB);
        QCOMPARE(*live.cpuQuotaUs, int64_t(50000));
        QCOMPARE(*live.cpuShares, uint64_t(1024));
        QCOMPARE(*live.cpuPeriodUs, uint64_t(100000));
        QVERIFY(!live.pidsMax && live.allowedDevices.empty() && !live.memorySwapMaxBytes);
        domain.cputune.quotaUs.reset();
        live = planLiveCgroupLimits(domain);
        QCOMPARE(*live.cpuQuotaUs, int64_t(-1));
        QCOMPARE(*v2CpuMax(live.cpuQuotaUs, live.cpuPeriodUs), std::string("max 100000"));
    }

    void liveChangesTellMemoryCpuAndTheRest() {
        const Domain running = domainWithMemory(64 * 1024);
        Domain stored = running;
        QVERIFY(!compareForLiveUpdate(running, stored).memory);
        stored.memoryKiB = 128 * 1024;
        auto changes = compareForLiveUpdate(running, stored);
        QVERIFY(changes.memory && !changes.cpu && !changes.other);
        stored.cputune.shares = 512;
        changes = compareForLiveUpdate(running, stored);
        QVERIFY(changes.memory && changes.cpu && !changes.other);
        stored.os.init = "/bin/other";
        QVERIFY(compareForLiveUpdate(running, stored).other);
        // A process limit is taken at the next start (the Settings tab says so).
        Domain limited = running;
        limited.cubby.processLimit = 100;
        changes = compareForLiveUpdate(running, limited);
        QVERIFY(!changes.memory && !changes.cpu && changes.other);
    }

    void liveLimitsTravelIntact() {
        const LiveLimitsRequest request{131072, 200000, 512, 50000, 25000};
        QCOMPARE(formatLiveLimits(request), std::string("131072 200000 512 50000 25000"));
        QCOMPARE(*parseLiveLimits(formatLiveLimits(request)), request);
        const LiveLimitsRequest bare{65536, {}, {}, {}, -1};
        QCOMPARE(formatLiveLimits(bare), std::string("65536 - - - -1"));
        QCOMPARE(*parseLiveLimits("65536 - - - -1"), bare);
        for (const char* bad :
             {"", "0 - - - -", "65536 - - -", "65536 - - - - -", "x - - - -", "65536  - - - -",
              "65536 - - - -2", "65536 - - - 99999999999999999999", "-1 - - - -",
              "65536 - - - 9223372036854775808"})
            QVERIFY2(!parseLiveLimits(bad), bad);
    }

    void weightFromShares_data() {
        QTest::addColumn<uint64_t>("shares");
        QTest::addColumn<uint64_t>("weight");
        QTest::newRow("below the range clamps") << uint64_t(0) << uint64_t(1);
        QTest::newRow("minimum") << uint64_t(2) << uint64_t(1);
        QTest::newRow("100") << uint64_t(100) << uint64_t(4);
        QTest::newRow("v1 default 1024") << uint64_t(1024) << uint64_t(39);
        QTest::newRow("10000") << uint64_t(10000) << uint64_t(382);
        QTest::newRow("midpoint") << uint64_t(131073) << uint64_t(5000);
        QTest::newRow("one below maximum") << uint64_t(262143) << uint64_t(9999);
        QTest::newRow("maximum") << uint64_t(262144) << uint64_t(10000);
        QTest::newRow("above the range clamps") << uint64_t(300000) << uint64_t(10000);
    }
    void weightFromShares() {
        QFETCH(uint64_t, shares);
        QFETCH(uint64_t, weight);
        QCOMPARE(cpuWeightFromShares(shares), weight);
    }

    // Issue 10: <blkiotune> as the v1 and v2 files take it, one rule per line, for the disks
    // the controller resolved (a device it could not resolve is left out).
    void blkioPlanAndFileLines() {
        Domain domain = domainWithMemory(65536);
        domain.blkiotune.weight = 800;
        domain.blkiotune.devices.resize(3);
        BlkioDevice& vda = domain.blkiotune.devices[0];
        vda.path = "/dev/vda";
        vda.weight = 1000;
        vda.readBytesPerSec = 2097152;
        BlkioDevice& sdb = domain.blkiotune.devices[1];
        sdb.path = "/dev/sdb";
        sdb.writeBytesPerSec = 1048576;
        sdb.writeIopsPerSec = 50;
        BlkioDevice& sdc = domain.blkiotune.devices[2];
        sdc.path = "/dev/sdc";
        sdc.readIopsPerSec = 7;
        const BlockDeviceNumber disks[] = {{254, 0}, {8, 16}};
        const CgroupLimits limits = planCgroupLimits(domain, disks);
        QCOMPARE(limits.ioWeight, std::optional<uint64_t>(800));
        QCOMPARE(limits.ioDevices.size(), size_t{2});
        using Lines = std::vector<std::string>;
        QCOMPARE(v2IoMaxLines(limits), (Lines{"254:0 rbps=2097152", "8:16 wbps=1048576 wiops=50"}));
        QCOMPARE(v2IoWeightLines(limits, false), (Lines{"default 7980", "254:0 10000"}));
        QCOMPARE(v2IoWeightLines(limits, true), (Lines{"default 800", "254:0 1000"}));
        QCOMPARE(v1ThrottleLines(limits, IoRate::ReadBytes), (Lines{"254:0 2097152"}));
        QCOMPARE(v1ThrottleLines(limits, IoRate::WriteIops), (Lines{"8:16 50"}));
        QCOMPARE(v1ThrottleLines(limits, IoRate::ReadIops), Lines{});
        QCOMPARE(v1IoWeightLines(limits), (Lines{"800"}));
        QCOMPARE(v1IoWeightDeviceLines(limits), (Lines{"254:0 1000"}));
        // Nothing asked, nothing written.
        const CgroupLimits none = planCgroupLimits(domainWithMemory(65536));
        QVERIFY(v2IoMaxLines(none).empty() && v2IoWeightLines(none, false).empty() &&
                v1IoWeightLines(none).empty());
        // runc's and crun's conversion: the ends meet, v1's default 500 is near the middle.
        QCOMPARE(ioWeightFromBlkioWeight(10), uint64_t{1});
        QCOMPARE(ioWeightFromBlkioWeight(1000), uint64_t{10000});
        QCOMPARE(ioWeightFromBlkioWeight(500), uint64_t{4950});
        QCOMPARE(ioWeightFromBlkioWeight(5), uint64_t{1});
    }

    void numberFiles() {
        QCOMPARE(*parseCgroupNumber("33554432\n", "memory.max"), std::optional<uint64_t>(33554432));
        QCOMPARE(*parseCgroupNumber("max\n", "memory.max"), std::optional<uint64_t>());
        const auto bad = parseCgroupNumber("12k\n", "/sys/fs/cgroup/x/pids.current");
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.starts_with("/sys/fs/cgroup/x/pids.current: ") &&
                     bad.error().message.find("'12k") != std::string::npos,
                 bad.error().message.c_str());
    }

    void flatKeyedFiles() {
        const char* events = "low 0\nhigh 12\nmax 340\noom 2\noom_kill 1\noom_group_kill 0\n";
        QCOMPARE(*parseFlatKeyed(events, "oom_kill", "memory.events"), std::optional<uint64_t>(1));
        QCOMPARE(*parseFlatKeyed(events, "oom", "memory.events"), std::optional<uint64_t>(2));
        const char* cpuStat = "usage_usec 686383956\nuser_usec 523630026\nsystem_usec "
                              "162753930\nnice_usec 0\n";
        QCOMPARE(*parseFlatKeyed(cpuStat, "usage_usec", "cpu.stat"),
                 std::optional<uint64_t>(686383956));
        const char* oomControl = "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n";
        QCOMPARE(*parseFlatKeyed(oomControl, "oom_kill", "memory.oom_control"),
                 std::optional<uint64_t>(3));
        // A kernel before 4.13 has no oom_kill line: absent, not an error.
        QCOMPARE(*parseFlatKeyed("oom_kill_disable 0\nunder_oom 0\n", "oom_kill", "x"),
                 std::optional<uint64_t>());
        QVERIFY(!parseFlatKeyed("oom_kill many\n", "oom_kill", "x"));
        QVERIFY(!parseFlatKeyed("garbage\n", "oom_kill", "x"));
    }

    void numberLists() {
        QCOMPARE(*parseNumberList("1203 0 877 \n", "cpuacct.usage_percpu"),
                 (std::vector<uint64_t>{1203, 0, 877}));
        QCOMPARE(*parseNumberList("412\n413\n", "cgroup.procs"), (std::vector<uint64_t>{412, 413}));
        QCOMPARE(*parseNumberList("", "cgroup.procs"), std::vector<uint64_t>());
        QVERIFY(!parseNumberList("12 -3\n", "cpuacct.usage_percpu"));
    }

    void v1UnlimitedMemoryReadsAsNoLimit() {
        QCOMPARE(v1MemoryLimit(9223372036854771712ull), std::optional<uint64_t>());
        QCOMPARE(v1MemoryLimit(32 * MiB), std::optional<uint64_t>(32 * MiB));
    }

    void writtenFormats() {
        QCOMPARE(v1DeviceRuleLine({.type = 'c', .major = 1, .minor = 3}), std::string("c 1:3 rw"));
        QCOMPARE(v1DeviceRuleLine({.type = 'c', .major = 136, .minor = -1}),
                 std::string("c 136:* rw"));
        QCOMPARE(v1DeviceRuleLine({.type = 'b', .read = false, .write = false, .mknod = true}),
                 std::string("b *:* m"));
        QCOMPARE(v2CpuMax(std::nullopt, std::nullopt), std::optional<std::string>());
        QCOMPARE(v2CpuMax(20000, std::nullopt), std::optional<std::string>("20000"));
        QCOMPARE(v2CpuMax(20000, 50000), std::optional<std::string>("20000 50000"));
        QCOMPARE(v2CpuMax(-1, 50000), std::optional<std::string>("max 50000"));
        QCOMPARE(v2CpuMax(std::nullopt, 50000), std::optional<std::string>("max 50000"));
        QCOMPARE(v2SwapMax(1536 * MiB, 1024 * MiB), 512 * MiB);
        QCOMPARE(v2SwapMax(1024 * MiB, 1024 * MiB), uint64_t(0));
        QCOMPARE(v2SwapMax(512 * MiB, std::nullopt), 512 * MiB);
    }

    void mountinfoOfAHybridHost() {
        // This build machine's lines, plus a bind mount with an escaped blank and an
        // unrelated line.
        const char* mountinfo =
            "23 1 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
            "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
            "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:9 master:2 - cgroup cgroup "
            "rw,memory\n"
            "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
            "52 1 0:32 /lxc/a /var/lib/my\\040groups/mem rw - cgroup cgroup rw,memory\n";
        const auto mounts = parseCgroupMounts(mountinfo);
        QVERIFY2(mounts, mounts ? "" : mounts.error().message.c_str());
        QCOMPARE(mounts->size(), size_t(5));
        QCOMPARE((*mounts)[0].mountPoint, std::string("/sys/fs/cgroup/cpu"));
        QVERIFY((*mounts)[0].hasOption("cpu") && !(*mounts)[0].hasOption("cpuacct"));
        QCOMPARE((*mounts)[1].mountPoint, std::string("/sys/fs/cgroup/memory"));
        QVERIFY((*mounts)[1].hasOption("memory") && !(*mounts)[1].v2);
        QVERIFY(!(*mounts)[2].hasOption("memory") && (*mounts)[2].hasOption("name=systemd"));
        QVERIFY((*mounts)[3].v2);
        QCOMPARE((*mounts)[3].mountPoint, std::string("/sys/fs/cgroup/unified"));
        QCOMPARE((*mounts)[4].mountPoint, std::string("/var/lib/my groups/mem"));
        QCOMPARE((*mounts)[4].root, std::string("/lxc/a"));
    }

    void deviceProgramForOneRuleInstructionByInstruction() {
        const DeviceRule pts{.type = 'c', .major = 136, .minor = -1};
        const auto program = buildDeviceProgram(std::span(&pts, 1));
        // {code, dst, src, off, imm}, encoded by hand from the kernel's opcode bits.
        struct Expected {
            uint8_t code, dst, src;
            int16_t off;
            int32_t imm;
        };
        const Expected expected[] = {
            {0x61, 2, 1, 0, 0},      // r2 = *(u32 *)(r1 + 0)   access_type
            {0x54, 2, 0, 0, 0xffff}, // w2 &= 0xffff            device type
            {0x61, 3, 1, 0, 0},      // r3 = *(u32 *)(r1 + 0)
            {0x74, 3, 0, 0, 16},     // w3 >>= 16               requested access
            {0x61, 4, 1, 4, 0},      // r4 = major
            {0x61, 5, 1, 8, 0},      // r5 = minor
            {0xbc, 1, 3, 0, 0},      // w1 = w3
            {0x54, 1, 0, 0, 6},      // w1 &= READ|WRITE
            {0x5d, 1, 3, 4, 0},      // if r1 != r3 goto deny
            {0x55, 2, 0, 3, 2},      // if r2 != CHAR goto deny
            {0x55, 4, 0, 2, 136},    // if r4 != 136 goto deny
            {0xb7, 0, 0, 0, 1},      // r0 = 1
            {0x95, 0, 0, 0, 0},      // exit
            {0xb7, 0, 0, 0, 0},      // deny: r0 = 0
            {0x95, 0, 0, 0, 0},      // exit
        };
        QVERIFY2(program.size() == std::size(expected), show(program).c_str());
        for (size_t i = 0; i < program.size(); ++i) {
            const Expected& e = expected[i];
            const bpf_insn& got = program[i];
            QVERIFY2(got.code == e.code && got.dst_reg == e.dst && got.src_reg == e.src &&
                         got.off == e.off && got.imm == e.imm,
                     std::format("instruction {}:\n{}", i, show(program)).c_str());
        }
    }

    void deviceProgramDecisions_data() {
        QTest::addColumn<uint32_t>("type");
        QTest::addColumn<uint32_t>("access");
        QTest::addColumn<uint32_t>("major");
        QTest::addColumn<uint32_t>("minor");
        QTest::addColumn<int>("verdict");
        QTest::newRow("read /dev/null") << devChar << accRead << 1u << 3u << 1;
        QTest::newRow("read+write /dev/null") << devChar << (accRead | accWrite) << 1u << 3u << 1;
        QTest::newRow("mknod /dev/null") << devChar << accMknod << 1u << 3u << 0;
        QTest::newRow("read+mknod /dev/null") << devChar << (accRead | accMknod) << 1u << 3u << 0;
        QTest::newRow("write /dev/urandom") << devChar << accWrite << 1u << 9u << 1;
        QTest::newRow("read /dev/mem") << devChar << accRead << 1u << 1u << 0;
        QTest::newRow("read /dev/kmsg") << devChar << accRead << 1u << 11u << 0;
        QTest::newRow("block 1:3") << devBlock << accRead << 1u << 3u << 0;
        QTest::newRow("block loop0") << devBlock << accRead << 7u << 0u << 0;
        QTest::newRow("ptmx") << devChar << (accRead | accWrite) << 5u << 2u << 1;
        QTest::newRow("5:3") << devChar << accRead << 5u << 3u << 0;
        QTest::newRow("pts/0") << devChar << (accRead | accWrite) << 136u << 0u << 1;
        QTest::newRow("pts/99999") << devChar << accRead << 136u << 99999u << 1;
        QTest::newRow("137:0") << devChar << accRead << 137u << 0u << 0;
        QTest::newRow("tun 10:200") << devChar << accRead << 10u << 200u << 0;
    }
    void deviceProgramDecisions() {
        QFETCH(uint32_t, type);
        QFETCH(uint32_t, access);
        QFETCH(uint32_t, major);
        QFETCH(uint32_t, minor);
        QFETCH(int, verdict);
        const auto program = buildDeviceProgram(standardContainerDevices());
        QCOMPARE(runDeviceProgram(program, type, access, major, minor), int64_t(verdict));
    }

    void deviceProgramEdgeRules() {
        // A rule that grants nothing is left out: the program denies everything.
        const DeviceRule nothing{
            .type = 'c', .major = 1, .minor = 3, .read = false, .write = false};
        const auto denyAll = buildDeviceProgram(std::span(&nothing, 1));
        QCOMPARE(denyAll.size(), size_t(8));
        QCOMPARE(runDeviceProgram(denyAll, devChar, accRead, 1, 3), int64_t(0));
        // mknod only: the node may be made but not opened.
        const DeviceRule makeOnly{
            .type = 'c', .major = 1, .minor = 3, .read = false, .write = false, .mknod = true};
        const auto mknodOnly = buildDeviceProgram(std::span(&makeOnly, 1));
        QCOMPARE(runDeviceProgram(mknodOnly, devChar, accMknod, 1, 3), int64_t(1));
        QCOMPARE(runDeviceProgram(mknodOnly, devChar, accRead, 1, 3), int64_t(0));
        // Allow-all ends the program: the verifier refuses the unreachable rest.
        const std::vector<DeviceRule> rules = {{.type = 'a', .mknod = true},
                                               {.type = 'c', .major = 1, .minor = 3}};
        const auto allowAll = buildDeviceProgram(rules);
        QCOMPARE(allowAll.size(), size_t(8));
        QCOMPARE(runDeviceProgram(allowAll, devBlock, accMknod | accRead, 8, 0), int64_t(1));
    }
};

QTEST_APPLESS_MAIN(TestCgroupPlan)
#include "test_cgroup_plan.moc"
