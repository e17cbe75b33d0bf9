// parseNetworkXml on arbitrary bytes, in both completeness modes. The oracle, as for domains
// (fuzz_domain_xml.cpp): an accepted network formats to XML that parses back to the same
// Network and formats to the same text again.
#include "fuzz_check.h"
#include "network_xml.h"

#include <cstddef>
#include <cstdint>

using namespace cubby;

namespace {

Uuid fixedUuid() {
    return *Uuid::parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "fuzz");
}

void checkRoundTrip(const Network& network, NetworkCompleteness completeness) {
    const std::string first = formatNetworkXml(network);
    const auto reparsed = parseNetworkXml(first, fixedUuid, completeness);
    if (!reparsed)
        fuzz::fail("a formatted network does not parse back", first, reparsed.error().message);
    fuzz::check(*reparsed == network, "a formatted network parses back to another network", first,
                formatNetworkXml(*reparsed));
    const std::string second = formatNetworkXml(*reparsed);
    fuzz::check(second == first, "formatting is not stable across a round trip", first, second);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    for (const auto completeness :
         {NetworkCompleteness::Complete, NetworkCompleteness::SubnetChosenLater}) {
        const auto network = parseNetworkXml(xml, fixedUuid, completeness);
        if (!network) {
            fuzz::check(!network.error().message.empty(), "a refusal without a message");
            continue;
        }
        checkRoundTrip(*network, completeness);
        (void)networkWarnings(*network);
    }
    return 0;
}
