#pragma once
// The addresses a container's network namespace actually has, read from what the kernel shows
// of that namespace in /proc/PID/net (the helper reads the files; this parses them). They
// include what no Cubby record holds: IPv6 from router advertisements or DHCPv6, and IPv4
// that a LAN's DHCP server gave an interface on a host bridge or macvlan.

#include "inet.h"

#include <string_view>
#include <vector>

namespace cubby {

// /proc/PID/net/if_inet6: global-scope IPv6 addresses (not link-local, loopback, or still
// tentative or failed duplicate address detection), in the file's order.
std::vector<IpAddress> globalIpv6Addresses(std::string_view ifInet6);

// /proc/PID/net/fib_trie: the IPv4 addresses local to the namespace ("/32 host LOCAL"),
// loopback's 127.0.0.0/8 left out, each once, in the file's order.
std::vector<IpAddress> localIpv4Addresses(std::string_view fibTrie);

} // namespace cubby
