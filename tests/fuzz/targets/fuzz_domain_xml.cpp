// parseDomainXml on arbitrary bytes. Besides the sanitizers, the oracle is the round trip the
// helper relies on when it stores a definition and hands it back (virsh dumpxml, edit,
// define): whatever is accepted formats to XML that parses back to the same Domain and
// formats to the same text again, in both the inactive and the live form.
#include "domain_xml.h"
#include "fuzz_check.h"

#include <cstddef>
#include <cstdint>

using namespace cubby;

namespace {

Uuid fixedUuid() {
    return *Uuid::parse("11111111-2222-4333-8444-555555555555", "fuzz");
}

void checkRoundTrip(const Domain& domain, DomainXmlForm form) {
    const std::string first = formatDomainXml(domain, form);
    const auto reparsed = parseDomainXml(first, fixedUuid);
    if (!reparsed)
        fuzz::fail("a formatted domain does not parse back", first, reparsed.error().message);
    Domain expected = domain;
    if (form == DomainXmlForm::Inactive)
        expected.live.reset();
    fuzz::check(*reparsed == expected, "a formatted domain parses back to another domain", first,
                formatDomainXml(*reparsed, form));
    const std::string second = formatDomainXml(*reparsed, form);
    fuzz::check(second == first, "formatting is not stable across a round trip", first, second);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    const auto domain = parseDomainXml(xml, fixedUuid);
    if (!domain) {
        fuzz::check(!domain.error().message.empty(), "a refusal without a message");
        return 0;
    }
    checkRoundTrip(*domain, DomainXmlForm::Inactive);
    if (domain->live)
        checkRoundTrip(*domain, DomainXmlForm::Live);
    (void)domainWarnings(*domain);
    return 0;
}
