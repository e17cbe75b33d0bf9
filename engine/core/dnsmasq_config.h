#pragma once
// The dnsmasq configuration of one network: DHCP and DNS on its bridge and nowhere else.
//
// dnsmasq runs in the foreground as the child of the network's supervisor (cubby-network),
// so it needs no pid file to be found, but it writes one anyway (a supervisor that was killed
// leaves dnsmasq running after it dropped its privileges; the next start finds it by the pid
// file and ends it). Everything it reads and writes lives under Cubby's directories.

#include "error.h"
#include "network.h"

#include <string>

namespace cubby {

struct DnsmasqFiles {
    std::string pidFile;   // below the network's run directory
    std::string leaseFile; // below Cubby's state directory, so reservations survive reboots
    // Upstream servers for names outside the network's domain when the definition lists no
    // <forwarder>: usually /etc/resolv.conf; empty means none (answers come only from the
    // network's own names).
    std::string resolvFile;
    // The network's reservations (planDnsmasqReservations) and their names
    // (planDnsmasqReservedNames), below the run directory: dnsmasq reads both again on SIGHUP,
    // so reservations added while the network runs take effect without a restart.
    std::string reservationsFile;
    std::string reservedNamesFile;
    std::string user = "nobody"; // dnsmasq drops to this user after binding its sockets
    std::string group = "nogroup";
};

// Fails for a network with DNS and DHCP both off (nothing for dnsmasq to do) or without an
// IPv4 address on its bridge.
Result<std::string> planDnsmasqConfig(const Network& network, const DnsmasqFiles& files);

// The --dhcp-hostsfile: one "MAC,IP[,NAME]" (or "IP,NAME") a line per reservation.
std::string planDnsmasqReservations(const Network& network);
// The --addn-hosts file: "IP NAME [NAME.DOMAIN]" per named reservation.
std::string planDnsmasqReservedNames(const Network& network);

// Whether a network runs dnsmasq at all.
bool networkNeedsDnsmasq(const Network& network);

} // namespace cubby
