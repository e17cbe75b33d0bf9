#pragma once
// Firewall coexistence. nftables evaluates every base chain on a hook: Cubby's `accept` ends
// only its own chain, and a drop policy (or a final reject) in someone else's table still
// drops the network's traffic. Docker (iptables-nft: table ip filter, chain FORWARD, policy
// drop), ufw (policy drop on INPUT and FORWARD) and firewalld (table inet firewalld, chains
// that end in reject) all do that.
//
// This reads the ruleset as `nft -j list ruleset` prints it, finds the base chains on the
// forward and input hooks that would drop the network's traffic, and plans rules inserted at
// their top that accept exactly that traffic (its bridge and subnet; DHCP and DNS for input),
// each carrying the comment "cubby:NETWORK" so that stopping, or cleaning up after a crash,
// can find and remove them again. Cubby's own table still does the filtering: its drops are
// final whatever another table accepts. For managers that rewrite their rules (firewalld on
// reload, ufw on reload, Docker on restart) the report also says in plain words what to make
// permanent.

#include "error.h"
#include "json.h"
#include "network.h"

#include <string>
#include <string_view>
#include <vector>

namespace cubby {

enum class FirewallManager { Docker, Ufw, Firewalld };

struct BlockingChain {
    std::string family; // "ip", "ip6" or "inet"
    std::string table;
    std::string chain;
    std::string hook;        // "forward" or "input"
    bool policyDrop = false; // else: it ends in an unconditional drop or reject rule
    bool operator==(const BlockingChain&) const = default;
};

struct OurRule {
    std::string family;
    std::string table;
    std::string chain;
    uint64_t handle = 0;
    bool operator==(const OurRule&) const = default;
};

struct FirewallReport {
    std::vector<BlockingChain> blocking;
    std::vector<FirewallManager> managers; // recognised by their tables and chains
    std::vector<OurRule> ourRules;         // openings already present for this network
};

std::string firewallComment(std::string_view networkName); // "cubby:NAME"

// Cubby's own table for the network (nft_ruleset.h) is never reported as blocking.
Result<FirewallReport> analyzeFirewall(std::string_view rulesetJson, std::string_view networkName);

// Whether a blocking chain sees any of the network's traffic (an ip6 chain none of an
// IPv4-only network's).
bool chainConcerns(const BlockingChain& chain, const Network& network);

// Insert commands for every blocking chain (nothing when there is none).
std::string planFirewallOpenings(const FirewallReport& report, const Network& network);
// Delete commands for the openings found (by handle).
std::string planFirewallClosings(const FirewallReport& report);

// One line per finding, in plain words, for logs and the "why no internet?" check.
std::vector<std::string> describeFirewall(const FirewallReport& report, const Network& network);

} // namespace cubby
