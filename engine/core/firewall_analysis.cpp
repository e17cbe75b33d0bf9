#include "firewall_analysis.h"

#include "nft_ruleset.h"

#include <algorithm>
#include <format>

namespace cubby {

namespace {

// A rule whose expressions are only a counter and a drop or reject: it drops everything that
// reaches it.
bool dropsEverything(const JsonValue& rule) {
    const JsonValue* expressions = rule.member("expr");
    if (!expressions || !expressions->isArray() || expressions->array.empty())
        return false;
    bool verdict = false;
    for (const JsonValue& expression : expressions->array) {
        if (!expression.isObject() || expression.object.size() != 1)
            return false;
        const std::string& kind = expression.object.front().first;
        if (kind == "drop" || kind == "reject")
            verdict = true;
        else if (kind != "counter")
            return false;
    }
    return verdict;
}

// Which managers a table/chain name belongs to.
struct ManagerSign {
    std::string_view table; // empty: any
    std::string_view chainPrefix;
    FirewallManager manager;
};

constexpr ManagerSign managerSigns[] = {
    {"filter", "DOCKER", FirewallManager::Docker},
    {"filter", "ufw-", FirewallManager::Ufw},
    {"firewalld", "", FirewallManager::Firewalld},
};

void noteManager(FirewallReport& report, std::string_view table, std::string_view chain) {
    for (const ManagerSign& sign : managerSigns) {
        if (table == sign.table && chain.starts_with(sign.chainPrefix) &&
            std::ranges::find(report.managers, sign.manager) == report.managers.end())
            report.managers.push_back(sign.manager);
    }
}

} // namespace

std::string firewallComment(std::string_view networkName) {
    return std::format("cubby:{}", networkName);
}

Result<FirewallReport> analyzeFirewall(std::string_view rulesetJson, std::string_view networkName) {
    CUBBY_TRY(root, parseJson(rulesetJson));
    const JsonValue* items = root.member("nftables");
    if (!items || !items->isArray())
        return failInvalid("the ruleset has no \"nftables\" array");
    const std::string ownTable = nftTableName(networkName);
    const std::string comment = firewallComment(networkName);
    FirewallReport report;
    // The chains first (a rule names its chain; chains come before their rules in nft's
    // output, but do not rely on that).
    for (const JsonValue& item : items->array) {
        const JsonValue* chain = item.member("chain");
        if (!chain)
            continue;
        noteManager(report, chain->text("table"), chain->text("name"));
        const std::string_view family = chain->text("family");
        const std::string_view hook = chain->text("hook");
        if (chain->text("table") == ownTable ||
            (family != "ip" && family != "ip6" && family != "inet") ||
            (hook != "forward" && hook != "input") || chain->text("type") != "filter")
            continue;
        report.blocking.push_back({std::string(family), std::string(chain->text("table")),
                                   std::string(chain->text("name")), std::string(hook),
                                   chain->text("policy") == "drop"});
    }
    // A base chain with an accept policy blocks only when its last rule drops everything.
    std::vector<const JsonValue*> lastRule(report.blocking.size(), nullptr);
    for (const JsonValue& item : items->array) {
        const JsonValue* rule = item.member("rule");
        if (!rule)
            continue;
        const auto sameChain = [&](const auto& entry) {
            return entry.family == rule->text("family") && entry.table == rule->text("table") &&
                   entry.chain == rule->text("chain");
        };
        if (rule->text("comment") == comment) {
            const JsonValue* handle = rule->member("handle");
            report.ourRules.push_back({std::string(rule->text("family")),
                                       std::string(rule->text("table")),
                                       std::string(rule->text("chain")),
                                       handle ? static_cast<uint64_t>(handle->number) : 0});
            continue;
        }
        if (const auto found = std::ranges::find_if(report.blocking, sameChain);
            found != report.blocking.end())
            lastRule[static_cast<size_t>(found - report.blocking.begin())] = rule;
    }
    std::vector<BlockingChain> blocking;
    for (size_t i = 0; i < report.blocking.size(); ++i) {
        if (report.blocking[i].policyDrop || (lastRule[i] && dropsEverything(*lastRule[i])))
            blocking.push_back(report.blocking[i]);
    }
    report.blocking = std::move(blocking);
    return report;
}

std::string planFirewallOpenings(const FirewallReport& report, const Network& network) {
    if ((!network.ipv4() && !network.ipv6()) || network.bridge.name.empty() ||
        network.forward.mode == ForwardMode::Open)
        return {};
    const std::string& bridge = network.bridge.name;
    const std::string comment = firewallComment(network.name);
    std::string text;
    const auto insert = [&](const BlockingChain& chain, const std::string& body) {
        text += std::format("insert rule {} {} {} {} counter accept comment \"{}\"\n", chain.family,
                            chain.table, chain.chain, body, comment);
    };
    const bool leaves = network.forward.mode != ForwardMode::None;
    for (const BlockingChain& chain : report.blocking) {
        if (chain.hook == "input") {
            // An ip6 chain sees only IPv6 traffic, and only an IPv6 network sends it any.
            for (const HostService& service : hostServicesForContainers(network)) {
                const bool applies = chain.family == "inet" ||
                                     (chain.family == "ip" && !service.ipv6Only) ||
                                     (chain.family == "ip6" && network.ipv6());
                if (applies)
                    insert(chain, std::format("iifname \"{}\" {}", bridge, service.match));
            }
            continue;
        }
        for (const NetworkIp& ip : network.ips) {
            // Both directions of each subnet's traffic, in chains of its family; Cubby's own
            // table rejects what it must.
            const bool v6 = ip.address.address.family == IpFamily::V6;
            const std::string_view family = v6 ? "ip6" : "ip";
            if (!(v6 ? network.routesIpv6() : leaves) ||
                (chain.family != "inet" && chain.family != family))
                continue;
            const std::string prefix = ip.address.network().toString();
            insert(chain, std::format("iifname \"{}\" {} saddr {}", bridge, family, prefix));
            insert(chain, std::format("oifname \"{}\" {} daddr {}", bridge, family, prefix));
        }
    }
    return text;
}

std::string planFirewallClosings(const FirewallReport& report) {
    std::string text;
    for (const OurRule& rule : report.ourRules)
        text += std::format("delete rule {} {} {} handle {}\n", rule.family, rule.table, rule.chain,
                            rule.handle);
    return text;
}

bool chainConcerns(const BlockingChain& chain, const Network& network) {
    return chain.family == "inet" || (chain.family == "ip" && network.ipv4()) ||
           (chain.family == "ip6" && network.ipv6());
}

std::vector<std::string> describeFirewall(const FirewallReport& report, const Network& network) {
    std::vector<std::string> lines;
    for (const BlockingChain& chain : report.blocking) {
        if (!chainConcerns(chain, network))
            continue;
        lines.push_back(
            std::format("the {} chain {} in table {} {} {} the network's traffic; "
                        "Cubby inserts rules accepting bridge {}",
                        chain.hook, chain.chain, chain.family, chain.table,
                        chain.policyDrop ? "has policy drop for" : "ends in a rule that drops",
                        network.bridge.name));
    }
    for (const FirewallManager manager : report.managers) {
        switch (manager) {
        case FirewallManager::Firewalld:
            lines.push_back(std::format("firewalld manages this host's firewall and removes "
                                        "Cubby's openings when it reloads; make them permanent "
                                        "with: firewall-cmd --permanent --zone=trusted "
                                        "--add-interface={}",
                                        network.bridge.name));
            break;
        case FirewallManager::Docker:
            lines.push_back(std::format("Docker's FORWARD chain drops by default; if Docker "
                                        "restarts while network {} runs, restart the network, "
                                        "or add to DOCKER-USER: iptables -I DOCKER-USER -i {} "
                                        "-j ACCEPT",
                                        network.name, network.bridge.name));
            break;
        case FirewallManager::Ufw:
            lines.push_back(std::format("ufw drops forwarded traffic by default; to keep "
                                        "network {} working across ufw reloads: ufw route "
                                        "allow in on {}",
                                        network.name, network.bridge.name));
            break;
        }
    }
    return lines;
}

} // namespace cubby
