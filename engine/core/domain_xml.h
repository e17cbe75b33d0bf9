#pragma once
// libvirt-compatible <domain type='lxc'> XML in and out.
//
// Unknown content: elements Cubby does not model directly under <domain>, <devices> and
// <features> (libvirt's <clock>, <emulator>, <resource>, …) are kept verbatim through a round
// trip and listed by domainWarnings(), because they are common in existing libvirt files and
// harmless to carry. Anything unknown inside an element Cubby acts on (an attribute of
// <interface>, a child of <os>, …) is refused with an error naming it: silently dropping
// part of a device would run something other than what the file says.

#include "domain.h"
#include "error.h"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

enum class DomainXmlForm {
    Inactive, // the definition as stored
    Live,     // plus the running container's id and console PTY, like `virsh dumpxml`
};

constexpr uint64_t minimumMemoryKiB = 4 * 1024; // below this not even BusyBox's init starts

// Parses and validates. `newUuid` supplies the UUID when the document has none.
Result<Domain> parseDomainXml(std::string_view xml, const std::function<Uuid()>& newUuid);
std::string formatDomainXml(const Domain& domain, DomainXmlForm form = DomainXmlForm::Inactive);

// Semantic checks that do not depend on how the value was built (XML, a wizard, the CLI).
Status validateDomain(const Domain& domain);
// Checks a set of definitions against each other: names and UUIDs must be unique.
Status validateDomainSet(std::span<const Domain> domains);

// What a user should hear about a definition that is valid: elements kept but not used.
std::vector<std::string> domainWarnings(const Domain& domain);

} // namespace cubby
