#pragma once
// libvirt-compatible <network> XML in and out.
//
// Port forwards are a Cubby extension in their own XML namespace, as libvirt does for
// hypervisor-specific additions, so libvirt tools that read the file skip them:
//
//   <network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>
//     <cubby:portforward protocol='tcp' hostport='8080' address='192.168.150.10' port='80'/>
//
// Unknown content: anything unknown inside an element Cubby acts on is refused; unknown
// children of <network> are kept verbatim by the parser, and a new definition may keep only
// <metadata>, <title> and <description> (refuseUnsupportedNetworkElements).

#include "error.h"
#include "network.h"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

constexpr std::string_view cubbyNetworkNamespace = "https://github.com/cubby1/xmlns/network/1";

// How complete a definition must be. A definition handed to the helper may leave out the
// subnet of a NAT or routed network: the helper chooses a free one when it stores it
// (network_plan.h's completeNetworkDefinition), and what it stores is complete.
enum class NetworkCompleteness { Complete, SubnetChosenLater };

Result<Network> parseNetworkXml(std::string_view xml, const std::function<Uuid()>& newUuid,
                                NetworkCompleteness completeness = NetworkCompleteness::Complete);
std::string formatNetworkXml(const Network& network);

Status validateNetwork(const Network& network,
                       NetworkCompleteness completeness = NetworkCompleteness::Complete);
// Networks against each other: unique names, UUIDs and bridges; no overlapping subnets;
// no host port forwarded twice.
Status validateNetworkSet(std::span<const Network> networks);

// For a definition a caller hands over (DefineNetwork, cubbyctl validate): an unknown child
// of <network> other than <metadata>, <title> and <description> is refused by name (with why,
// for libvirt's own such as <bandwidth>), never kept to do nothing. Definitions stored by
// earlier versions still load with what they kept.
Status refuseUnsupportedNetworkElements(const Network& network);

std::vector<std::string> networkWarnings(const Network& network);

} // namespace cubby
