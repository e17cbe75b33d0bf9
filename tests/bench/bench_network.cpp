// bench-network: how long a NAT network takes to become usable, and a container on it, for
// Cubby against libvirt. Each side gets a throwaway network namespace standing in for the host
// (the tool's daemon, bridge, nftables table and dnsmasq live only there) and a second one
// standing in for a machine on the bridge, joined by a veth whose host end the probe adds to
// the bridge as soon as the bridge exists.
//
//   network: from starting it (cubby-network spawned as the helper does, tests/support/
//            network_run.h; `virsh net-start` to a libvirtd in the same kind of namespace) until
//            the start is answered (ready line / virsh's exit), and until dnsmasq answers a
//            DHCP DISCOVER with an OFFER on the bridge (probed every 5 ms).
//   container: from starting a BusyBox container with a static address on that network
//            (cubby-controller as tests/support/controller_run.h; `virsh start` of the same
//            <domain>) until the start is answered, and until its address answers ping (every
//            2 ms from the host namespace).
//   dual-stack: the same network with a masqueraded IPv6 /64 beside its /24: from starting it
//            until dnsmasq answers a router solicitation with an advertisement (every 5 ms),
//            and the same container until the IPv6 address it makes from that advertisement
//            (SLAAC, duplicate address detection included) answers ping.
//
// A program that prints figures, not a test. Run it through scripts/bench, as root.
//
//   bench-network [--runs N] [--warmup N]
#include "busybox_root.h"
#include "controller_run.h"
#include "figures.h"
#include "libvirt_daemon.h"
#include "net_probes.h"
#include "netlink.h"
#include "netns.h"
#include "network_run.h"
#include "process_meter.h"
#include "sysctl.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <print>
#include <string_view>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>

using namespace cubby;
using namespace cubby::bench;
using namespace cubby::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* networkName = "benchnet";
constexpr const char* bridgeName = "benchbr0";
constexpr const char* probeHostEnd = "bprobe0";
constexpr const char* containerName = "bench-net";
constexpr const char* containerAddress = "192.168.150.10";
// What the container's MAC 52:54:00:00:96:0a makes by SLAAC in fd00:150::/64.
constexpr const char* containerAddress6 = "fd00:150::5054:ff:fe00:960a";
constexpr std::array<uint8_t, 6> probeMac = {0x52, 0x54, 0x00, 0x00, 0x96, 0x77};
constexpr auto probeTimeout = 20s;

struct Options {
    int runs = 10;
    int warmup = 1;
};

std::optional<Options> parseOptions(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        int* target = flag == "--runs"     ? &options.runs
                      : flag == "--warmup" ? &options.warmup
                                           : nullptr;
        if (!target || i + 1 >= argc || (*target = std::atoi(argv[++i])) < 0)
            return std::nullopt;
    }
    if (options.runs <= 0)
        return std::nullopt;
    return options;
}

// The same definitions for both tools: libvirt reads Cubby's network XML and domain XML as
// they are (the domain gets libvirt's <resource> partition on top). The probe's MAC has a
// reservation: dnsmasq offers a dynamic address only after pinging it for 3 s (to find
// squatters), which would swamp what the tools themselves take.
std::string networkXml(bool dualStack) {
    return std::format(
        "<network><name>{}</name><uuid>6c0b4a52-1f0e-4d4c-9a8e-3b7d2f150150</uuid>"
        "<forward mode='nat'>{}</forward><bridge name='{}' "
        "stp='off' delay='0'/><domain name='bench.test'/><ip "
        "address='192.168.150.1' prefix='24'><dhcp><range "
        "start='192.168.150.100' end='192.168.150.199'/><host mac='52:54:00:00:96:77' "
        "ip='192.168.150.11'/></dhcp></ip>{}</network>",
        networkName, dualStack ? "<nat ipv6='yes'/>" : "", bridgeName,
        dualStack ? "<ip family='ipv6' address='fd00:150::1' prefix='64'/>" : "");
}

std::string interfaceXml() {
    return std::format("<interface type='network'><source network='{}'/><mac "
                       "address='52:54:00:00:96:0a'/><ip address='{}' prefix='24'/></interface>",
                       networkName, containerAddress);
}

Status writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    out.close();
    if (!out)
        return fail(Error::system(errno, "writing " + path));
    return {};
}

// ---- the stand-in host ------------------------------------------------------------------

// A "host" namespace for one tool and a "client" namespace on a veth to it.
struct Lab {
    NetNamespace host;
    NetNamespace client;
    std::unique_ptr<NetlinkSocket> hostLinks; // opened in `host`, used by the probe thread

    static Result<Lab> create() {
        CUBBY_TRY(host, NetNamespace::create());
        CUBBY_TRY(client, NetNamespace::create());
        std::unique_ptr<NetlinkSocket> hostLinks;
        {
            NetNamespaceGuard inside(host);
            CUBBY_CHECK(inside.status());
            CUBBY_TRY(links, NetlinkSocket::open());
            CUBBY_CHECK(links.setUp("lo"));
            CUBBY_CHECK(links.createVethPair(probeHostEnd, "eth0", client.fd()));
            hostLinks = std::make_unique<NetlinkSocket>(std::move(links));
        }
        {
            NetNamespaceGuard inside(client);
            CUBBY_CHECK(inside.status());
            CUBBY_TRY(links, NetlinkSocket::open());
            CUBBY_CHECK(links.setUp("lo"));
            // The probe's link-local address is usable the moment the link has carrier.
            CUBBY_CHECK(writeSysctl("net/ipv6/conf/eth0/accept_dad", "0"));
            CUBBY_CHECK(links.setUp("eth0"));
        }
        return Lab{std::move(host), std::move(client), std::move(hostLinks)};
    }
};

// ---- one timed start ----------------------------------------------------------------------

struct Sample {
    double answeredMs = 0; // the start command answered
    double usableMs = 0;   // DHCP offered / ping answered
};

using StartCommand = std::function<Status()>;
// One attempt of the probe: true once the thing answers. Runs on the probe thread.
using Attempt = std::function<Result<bool>()>;

// Runs `start` on this thread while `attempt` is repeated on another, both timed from the
// same instant.
Result<Sample> timeStart(const StartCommand& start, const Attempt& attempt) {
    std::atomic<bool> stop{false};
    std::optional<double> usable;
    std::string probeError;
    const auto t0 = std::chrono::steady_clock::now();
    std::thread probe([&] {
        const auto deadline = t0 + probeTimeout;
        while (!stop && std::chrono::steady_clock::now() < deadline) {
            auto answered = attempt();
            if (!answered) {
                probeError = answered.error().message;
                return;
            }
            if (*answered) {
                usable = millisecondsSince(t0);
                return;
            }
        }
        probeError = "no answer within 20 s";
    });
    auto started = start();
    const double answered = millisecondsSince(t0);
    if (!started)
        stop = true;
    probe.join();
    if (!started)
        return fail(started.error());
    if (!usable)
        return fail(Error::of(ErrorKind::System, "probe: " + probeError));
    return Sample{answered, *usable};
}

// Adds the probe's veth to the bridge once it exists; false until then.
Result<bool> attachProbe(Lab& lab, bool& attached) {
    if (attached)
        return true;
    if (lab.hostLinks->linkIndex(bridgeName) == 0) {
        std::this_thread::sleep_for(1ms);
        return false;
    }
    CUBBY_CHECK(lab.hostLinks->setMaster(probeHostEnd, bridgeName));
    CUBBY_CHECK(lab.hostLinks->setUp(probeHostEnd));
    attached = true;
    return true;
}

// The probe's veth joins the bridge once it exists, then asks (DHCP DISCOVER, or a router
// solicitation) until answered. The probe lives as long as the attempt.
template <typename Probe, auto ask, auto answered>
Attempt linkAttempt(Lab& lab, Probe probe) {
    auto state = std::make_shared<std::pair<Probe, bool>>(std::move(probe), false);
    return [&lab, state]() -> Result<bool> {
        CUBBY_TRY(attached, attachProbe(lab, state->second));
        if (!attached)
            return false;
        CUBBY_CHECK((state->first.*ask)());
        return answered(state->first);
    };
}

// Pings until answered; the probe lives as long as the attempt.
template <typename Probe>
Attempt pingAttempt(Probe probe) {
    auto shared = std::make_shared<Probe>(std::move(probe));
    return [shared]() -> Result<bool> {
        CUBBY_CHECK(shared->sendEcho());
        return shared->awaitReply(2ms);
    };
}

// ---- the contenders -----------------------------------------------------------------------

// What each tool does to start and stop the network and the container.
struct Tool {
    std::string label;
    std::unique_ptr<Lab> lab; // stable: the commands point into it
    StartCommand startNetwork{};
    std::function<Status()> stopNetwork{};
    StartCommand startContainer{};
    std::function<Status()> stopContainer{};
    std::vector<Sample> networkSamples{};
    std::vector<Sample> containerSamples{};
    std::vector<Sample> dualNetworkSamples{};
    std::vector<Sample> dualContainerSamples{};
    std::string networkSkipped{};
    std::string containerSkipped{};
    std::string dualNetworkSkipped{};
    std::string dualContainerSkipped{};
    // Switches the stored network definition to the dual-stack one.
    std::function<Status()> makeDualStack{};
};

Result<Attempt> dhcpAttempt(Tool& tool) {
    CUBBY_TRY(probe, DhcpProbe::open(tool.lab->client, "eth0", probeMac));
    return linkAttempt<DhcpProbe, &DhcpProbe::sendDiscover, [](DhcpProbe& p) {
        return !p.awaitOffer(5ms).empty();
    }>(*tool.lab, std::move(probe));
}

Result<Attempt> advertAttempt(Tool& tool) {
    CUBBY_TRY(probe, RouterSolicitProbe::open(tool.lab->client, "eth0"));
    return linkAttempt<RouterSolicitProbe, &RouterSolicitProbe::sendSolicit,
                       [](RouterSolicitProbe& p) { return p.awaitAdvert(5ms); }>(*tool.lab,
                                                                                 std::move(probe));
}

// dnsmasq, started by cubby-network, logs to the stderr it inherits: not into the figures.
class QuietStderr {
public:
    QuietStderr()
        : m_saved(::dup(2)) {
        const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        ::dup2(devNull, 2);
        ::close(devNull);
    }
    ~QuietStderr() {
        ::dup2(m_saved, 2);
        ::close(m_saved);
    }
    QuietStderr(const QuietStderr&) = delete;
    QuietStderr& operator=(const QuietStderr&) = delete;

private:
    int m_saved;
};

struct CubbySide {
    TestPrefix prefix;
    bool dualStack = false;
    std::unique_ptr<NetworkRun> network;
    std::unique_ptr<ControllerRun> container;
};

Tool cubbyTool(Lab lab, CubbySide& side, const std::string& domain) {
    Tool tool{.label = "Cubby", .lab = std::make_unique<Lab>(std::move(lab))};
    const NetNamespace* host = &tool.lab->host;
    tool.startNetwork = [&side, host]() -> Status {
        NetNamespaceGuard inside(*host);
        CUBBY_CHECK(inside.status());
        {
            QuietStderr quiet;
            side.network =
                std::make_unique<NetworkRun>(side.prefix, networkName, networkXml(side.dualStack));
        }
        if (!side.network->waitReady())
            return fail(Error::of(ErrorKind::System, "cubby-network: " + side.network->error()));
        return {};
    };
    tool.stopNetwork = [&side]() -> Status {
        const int status = side.network ? side.network->stop() : 0;
        side.network.reset();
        if (status != 0)
            return fail(
                Error::of(ErrorKind::System, std::format("cubby-network exited with {}", status)));
        return {};
    };
    tool.startContainer = [&side, host, domain]() -> Status {
        NetNamespaceGuard inside(*host);
        CUBBY_CHECK(inside.status());
        side.container = std::make_unique<ControllerRun>(side.prefix, containerName, domain);
        if (!side.container->waitReady())
            return fail(
                Error::of(ErrorKind::System, "cubby-controller: " + side.container->error()));
        return {};
    };
    tool.stopContainer = [&side]() -> Status {
        side.container.reset(); // SIGTERM, and waits for the controller
        return {};
    };
    tool.makeDualStack = [&side]() -> Status {
        side.dualStack = true;
        return {};
    };
    return tool;
}

Tool libvirtTool(Lab lab, LibvirtDaemon& daemon, const std::string& workDir) {
    Tool tool{.label = "libvirt", .lab = std::make_unique<Lab>(std::move(lab))};
    tool.makeDualStack = [&daemon, workDir]() -> Status {
        const std::string file = workDir + "/network-dual.xml";
        CUBBY_CHECK(writeFile(file, networkXml(true)));
        CUBBY_CHECK(daemon.virsh({"net-define", file}));
        return {};
    };
    tool.startNetwork = [&daemon]() -> Status {
        CUBBY_CHECK(daemon.virsh({"net-start", networkName}));
        return {};
    };
    tool.stopNetwork = [&daemon]() -> Status {
        CUBBY_CHECK(daemon.virsh({"net-destroy", networkName}));
        return {};
    };
    tool.startContainer = [&daemon]() -> Status {
        if (auto started = daemon.virsh({"start", containerName}); !started)
            return fail(Error::of(ErrorKind::System,
                                  started.error().message + daemon.domainLog(containerName)));
        return {};
    };
    tool.stopContainer = [&daemon]() -> Status {
        CUBBY_CHECK(daemon.virsh({"destroy", containerName}));
        return {};
    };
    return tool;
}

// libvirtd runs inside the tool's host namespace: spawned from this thread while inside it.
Result<std::unique_ptr<LibvirtDaemon>> startLibvirt(const Lab& lab, const std::string& workDir,
                                                    const std::string& root,
                                                    const std::string& init) {
    NetNamespaceGuard inside(lab.host);
    CUBBY_CHECK(inside.status());
    CUBBY_TRY(daemon, LibvirtDaemon::start(workDir));
    const std::string networkFile = workDir + "/network.xml";
    const std::string domainFile = workDir + "/domain.xml";
    CUBBY_CHECK(writeFile(networkFile, networkXml(false)));
    CUBBY_CHECK(writeFile(domainFile, benchDomainXml(containerName, root, init, interfaceXml(),
                                                     daemon->partition())));
    CUBBY_CHECK(daemon->virsh({"net-define", networkFile}));
    CUBBY_CHECK(daemon->virsh({"define", domainFile}));
    return daemon;
}

// ARP and neighbour solicitation on the bridge retry every 10 ms instead of every second, so
// that an address asked for a moment before it exists does not cost a second: the same for
// both tools.
Status fastArp(const Tool& tool, Status started) {
    CUBBY_CHECK(started);
    NetNamespaceGuard inside(tool.lab->host);
    CUBBY_CHECK(inside.status());
    CUBBY_CHECK(
        writeFile(std::format("/proc/sys/net/ipv4/neigh/{}/retrans_time_ms", bridgeName), "10"));
    return writeFile(std::format("/proc/sys/net/ipv6/neigh/{}/retrans_time_ms", bridgeName), "10");
}

// ---- measuring ----------------------------------------------------------------------------

using SamplesField = std::vector<Sample> Tool::*;
using SkipField = std::string Tool::*;
using CommandField = std::function<Status()> Tool::*;

struct Phase {
    CommandField start;
    CommandField stop;
    std::function<Result<Attempt>(Tool&)> attempt;
    SamplesField samples;
    SkipField skipped;
};

const Phase networkPhase{&Tool::startNetwork, &Tool::stopNetwork, dhcpAttempt,
                         &Tool::networkSamples, &Tool::networkSkipped};
const Phase containerPhase{&Tool::startContainer, &Tool::stopContainer,
                           [](Tool& tool) -> Result<Attempt> {
                               CUBBY_TRY(probe, PingProbe::open(tool.lab->host, containerAddress));
                               return pingAttempt(std::move(probe));
                           },
                           &Tool::containerSamples, &Tool::containerSkipped};
const Phase dualNetworkPhase{&Tool::startNetwork, &Tool::stopNetwork, advertAttempt,
                             &Tool::dualNetworkSamples, &Tool::dualNetworkSkipped};
const Phase dualContainerPhase{&Tool::startContainer, &Tool::stopContainer,
                               [](Tool& tool) -> Result<Attempt> {
                                   CUBBY_TRY(probe,
                                             Ping6Probe::open(tool.lab->host, containerAddress6));
                                   return pingAttempt(std::move(probe));
                               },
                               &Tool::dualContainerSamples, &Tool::dualContainerSkipped};

// `runs` rounds, the tools interleaved and their order rotated each round.
void measure(std::vector<Tool*>& tools, const Phase& phase, int runs, bool keep) {
    for (int round = 0; round < runs; ++round) {
        for (size_t k = 0; k < tools.size(); ++k) {
            Tool& tool = *tools[(static_cast<size_t>(round) + k) % tools.size()];
            if (!(tool.*phase.skipped).empty())
                continue;
            auto attempt = phase.attempt(tool);
            if (!attempt) {
                tool.*phase.skipped = attempt.error().message;
                continue;
            }
            auto sample = timeStart(tool.*phase.start, *attempt);
            auto stopped = (tool.*phase.stop)();
            if (!sample || !stopped) {
                tool.*phase.skipped = !sample ? sample.error().message : stopped.error().message;
                continue;
            }
            if (keep)
                (tool.*phase.samples).push_back(*sample);
        }
    }
}

// A container phase needs its network up throughout.
void measureOnRunningNetworks(std::vector<Tool*>& tools, const Phase& phase,
                              const Options& options) {
    for (Tool* tool : tools) {
        if (auto up = fastArp(*tool, tool->startNetwork()); !up)
            tool->*phase.skipped = "the network did not start: " + up.error().message;
    }
    measure(tools, phase, options.warmup, false);
    measure(tools, phase, options.runs, true);
    for (Tool* tool : tools)
        (void)tool->stopNetwork();
}

// ---- printing -----------------------------------------------------------------------------

using FigureField = double Sample::*;

void printPhase(const std::vector<Tool*>& tools, const char* what, const char* usable,
                const Phase& phase) {
    const SamplesField samples = phase.samples;
    const SkipField skipped = phase.skipped;
    const Tool* peer = nullptr;
    for (const Tool* tool : tools) {
        if (tool->label == "libvirt" && (tool->*skipped).empty() && !(tool->*samples).empty())
            peer = tool;
    }
    const auto column = [](const std::vector<Sample>& list, FigureField field) {
        std::vector<double> out;
        for (const Sample& sample : list)
            out.push_back(sample.*field);
        return out;
    };
    std::println("{}:", what);
    std::println("  {:<10} {:>3} {:>14} {:>16} {:>9}   {}", "tool", "n", "answered ms",
                 std::format("{} ms", usable), "ratio", "(min / p90 / max)");
    for (const Tool* tool : tools) {
        if (!(tool->*skipped).empty() || (tool->*samples).empty()) {
            std::println("  {:<10} skipped: {}", tool->label,
                         (tool->*skipped).empty() ? "no samples" : tool->*skipped);
            continue;
        }
        const auto answered = column(tool->*samples, &Sample::answeredMs);
        const auto ready = column(tool->*samples, &Sample::usableMs);
        const std::string ratio =
            peer ? std::format("{:.2f}",
                               median(ready) / median(column(peer->*samples, &Sample::usableMs)))
                 : "-";
        std::println("  {:<10} {:>3} {:>14.1f} {:>16.1f} {:>9}   ({:.1f} / {:.1f} / {:.1f})",
                     tool->label, ready.size(), median(answered), median(ready), ratio,
                     minimum(ready), percentile(ready, 0.9), maximum(ready));
    }
    std::println("  (medians; the ratio is of the \"{}\" medians, to libvirt's; min / p90 / max "
                 "are of the same column)",
                 usable);
    std::println();
}

void printHeader(const Options& options, const std::string& libvirtVersion) {
    utsname host{};
    ::uname(&host);
    std::println("bench-network: start a NAT network until DHCP answers; start a container on "
                 "it until its address answers ping");
    std::println("host:    {} {} {}, {} CPUs online", host.sysname, host.release, host.machine,
                 ::sysconf(_SC_NPROCESSORS_ONLN));
    std::println("cubby:   {} and {} (started directly, as the helper starts them)",
                 CUBBY_NETWORK_PATH, CUBBY_CONTROLLER_PATH);
    std::println("libvirt: {}", libvirtVersion);
    std::println("network: NAT, bridge {} (stp off, delay 0), 192.168.150.1/24, DHCP .100-.199 "
                 "and a reservation for the probe's MAC, the same XML for both",
                 bridgeName);
    std::println("probes:  DHCP DISCOVER every 5 ms from a veth added to the bridge as soon as it "
                 "exists; ICMP echo every 2 ms to {} from the host namespace (ARP retries every "
                 "10 ms there)",
                 containerAddress);
    std::println("dual:    the same network with <nat ipv6='yes'/> and fd00:150::1/64 (SLAAC); "
                 "a router solicitation every 5 ms from the same veth; ICMPv6 echo every 2 ms "
                 "to {}",
                 containerAddress6);
    std::println("runs:    {} per tool after {} warm-up runs, interleaved; each in its own "
                 "throwaway host namespace",
                 options.runs, options.warmup);
    std::println();
}

} // namespace

int main(int argc, char** argv) {
    const auto options = parseOptions(argc, argv);
    if (!options) {
        std::println(stderr, "usage: bench-network [--runs N] [--warmup N]");
        return 2;
    }
    if (::geteuid() != 0) {
        std::println(stderr, "bench-network: needs root (namespaces, bridges): use scripts/bench");
        return 1;
    }
    BusyboxRoot root;
    if (!root.ok()) {
        std::println(stderr, "bench-network: {}", root.failure());
        return 1;
    }
    root.writeFile("sbin/bench-init", "#!/bin/sh\nexec /bin/sleep 100000\n");
    const std::string init = "/sbin/bench-init";
    char workTemplate[] = "/tmp/cubby-bench-net-XXXXXX";
    if (!::mkdtemp(workTemplate)) {
        std::println(stderr, "bench-network: mkdtemp: {}", std::strerror(errno));
        return 1;
    }
    const std::string workDir = workTemplate;

    auto cubbyLab = Lab::create();
    auto libvirtLab = Lab::create();
    if (!cubbyLab || !libvirtLab) {
        std::println(stderr, "bench-network: {}",
                     (!cubbyLab ? cubbyLab : libvirtLab).error().message);
        return 1;
    }
    CubbySide cubbySide;
    // Cubby's container is unprivileged, its default (a user namespace and an idmapped root);
    // libvirt's is privileged, its default.
    std::string cubbyDomain = benchDomainXml(containerName, root.path(), init, interfaceXml());
    cubbyDomain.insert(cubbyDomain.find("</os>") + 5, unprivilegedIdmapXml());
    Tool cubby = cubbyTool(std::move(*cubbyLab), cubbySide, cubbyDomain);
    std::vector<Tool*> tools = {&cubby};

    std::unique_ptr<LibvirtDaemon> daemon;
    std::optional<Tool> libvirt;
    std::string libvirtVersion;
    if (auto started = startLibvirt(*libvirtLab, workDir, root.path(), init)) {
        daemon = std::move(*started);
        libvirtVersion = daemon->version();
        libvirt.emplace(libvirtTool(std::move(*libvirtLab), *daemon, workDir));
        tools.push_back(&*libvirt);
    } else {
        libvirtVersion = "cannot run here: " + started.error().message;
    }
    printHeader(*options, libvirtVersion);

    measure(tools, networkPhase, options->warmup, false);
    measure(tools, networkPhase, options->runs, true);
    printPhase(tools, "network start (spawn → start answered; → first DHCPOFFER)", "DHCP offer",
               networkPhase);
    measureOnRunningNetworks(tools, containerPhase, *options);
    printPhase(tools,
               "container start on that network (spawn → start answered; → first ping "
               "reply)",
               "ping reply", containerPhase);

    // Dual-stack: the same network with a masqueraded IPv6 /64.
    for (Tool* tool : tools) {
        if (auto switched = tool->makeDualStack(); !switched)
            tool->dualNetworkSkipped = tool->dualContainerSkipped = switched.error().message;
    }
    measure(tools, dualNetworkPhase, options->warmup, false);
    measure(tools, dualNetworkPhase, options->runs, true);
    printPhase(tools,
               "dual-stack network start (spawn → start answered; → first router "
               "advertisement)",
               "RA answered", dualNetworkPhase);
    measureOnRunningNetworks(tools, dualContainerPhase, *options);
    printPhase(tools,
               "container start on the dual-stack network (spawn → start answered; → its "
               "SLAAC IPv6 address answers ping)",
               "ping6 reply", dualContainerPhase);

    std::println("note: Cubby's container is unprivileged (a user namespace with an idmapped "
                 "root), libvirt's privileged: each tool's default");
    std::println("note: Cubby's start is cubby-network / cubby-controller spawned directly (the "
                 "helper's D-Bus call adds one polkit check, see bench-helper); libvirt's is a "
                 "virsh process asking libvirtd over its socket (client start and connection "
                 "included)");
    if (daemon) {
        std::println("note: libvirt runs with its LXC and network drivers in libvirtd; its "
                     "`tc … action csum` filter is skipped (this kernel lacks act_csum) and "
                     "/sys/fs/cgroup/unified is hidden from it on this hybrid host");
        (void)daemon->virsh({"undefine", containerName});
        (void)daemon->virsh({"net-undefine", networkName});
    }
    daemon.reset();
    removeTree(workDir);
    return 0;
}
