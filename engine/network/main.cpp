// cubby-network: runs one network and stays with it. Started by cubby-helper (or a test) as
//
//   cubby-network --name NAME --definition FILE [--prefix DIR] [--ready-fd N]
//                 [--resolv-file PATH] [--dnsmasq PATH]
//
// The helper is started on demand and exits when idle, so it cannot be dnsmasq's parent; this
// small single-threaded program is (like cubby-controller for a container). It brings the
// network up in its own network namespace (bridge, address, sysctls, nftables, openings in
// other firewalls), runs dnsmasq as its child and restarts it when it dies, writes
// "ready\n" or "error MESSAGE\n" to the ready descriptor, and on SIGTERM takes everything
// down again. Killed with SIGKILL, it leaves state that the next start cleans up.
#include "launch_support.h"
#include "network_xml.h"
#include "supervisor.h"
#include "text.h"
#include "unique_fd.h"
#include "xml_reader.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <format>
#include <random>
#include <string_view>
#include <unistd.h>

using namespace cubby;

namespace {

struct Options {
    std::string name;
    std::string definition;
    SupervisorOptions supervisor;
    int readyFd = -1;
};

Result<Options> parseOptions(int argc, char** argv) {
    Options options;
    std::string readyFd;
    const LaunchFlag flags[] = {{"--name", &options.name},
                                {"--definition", &options.definition},
                                {"--prefix", &options.supervisor.paths.prefix},
                                {"--resolv-file", &options.supervisor.resolvFile},
                                {"--dnsmasq", &options.supervisor.dnsmasqProgram},
                                {"--ready-fd", &readyFd}};
    CUBBY_CHECK(parseLaunchFlags(argc, argv, flags));
    options.supervisor.definitionPath = options.definition;
    if (!readyFd.empty())
        options.readyFd = std::atoi(readyFd.c_str());
    if (options.name.empty() || options.definition.empty())
        return failInvalid("usage: cubby-network --name NAME --definition FILE [--prefix DIR] "
                           "[--ready-fd N] [--resolv-file PATH] [--dnsmasq PATH]");
    return options;
}

Result<Network> loadDefinition(const Options& options) {
    CUBBY_TRY(text, readDefinitionFile(options.definition, maxXmlDocumentBytes));
    CUBBY_TRY(network, parseNetworkXml(text, randomUuid));
    if (network.name != options.name)
        return failInvalid(std::format("the definition is for {}, not {}",
                                       cubby::quoted(network.name), cubby::quoted(options.name)));
    // The helper names the bridge when it defines the network; a definition without one
    // cannot be started (another start might pick the same name).
    if (network.bridge.name.empty() && !network.joinsHostLan())
        return failInvalid(std::format("network {} has no <bridge name=...>", network.name));
    return network;
}

} // namespace

int main(int argc, char** argv) {
    auto options = parseOptions(argc, argv);
    if (!options) {
        std::fprintf(stderr, "cubby-network: %s\n", options.error().message.c_str());
        return 2;
    }
    if (options->readyFd >= 0)
        ::fcntl(options->readyFd, F_SETFD, FD_CLOEXEC); // dnsmasq must not hold it
    const auto failStart = [&](const Error& error) {
        std::fprintf(stderr, "cubby-network: %s: %s\n", options->name.c_str(),
                     error.message.c_str());
        reportOnReadyFd(options->readyFd, "error " + error.message + "\n");
        return 1;
    };
    auto network = loadDefinition(*options);
    if (!network)
        return failStart(network.error());
    auto supervisor = NetworkSupervisor::start(std::move(*network), options->supervisor);
    if (!supervisor)
        return failStart(supervisor.error());
    for (const std::string& note : (*supervisor)->notes())
        std::fprintf(stderr, "cubby-network: %s: %s\n", options->name.c_str(), note.c_str());
    reportOnReadyFd(options->readyFd, "ready\n");
    if (auto ran = (*supervisor)->run(); !ran) {
        std::fprintf(stderr, "cubby-network: %s: %s\n", options->name.c_str(),
                     ran.error().message.c_str());
        return 1;
    }
    return 0;
}
