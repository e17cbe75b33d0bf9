#pragma once
// Cubby's own element in libvirt's <metadata>: what libvirt's schema has no place for
// (privileged opt-in, owner). libvirt keeps one child per application namespace there, so a
// definition stays a valid libvirt file:
//
//   <metadata>
//     <cubby:container xmlns:cubby='https://github.com/cubby1/cubby/xmlns/container/1'>
//       <cubby:privileged/>
//       <cubby:owner uid='1000'/>
//       <cubby:share target='/src' user='1000'/>
//       <cubby:rootShift/>
//       <cubby:security seccomp='relaxed' noNewPrivileges='yes'/>
//       <cubby:limits processes='512'/>
//       <cubby:walls host='services' lan='no'/>
//     </cubby:container>
//   </metadata>
//
// The element is found by its namespace, whatever prefix the file uses. Other applications'
// children of <metadata> are kept verbatim.

#include "domain.h"
#include "error.h"
#include "xml_reader.h"

#include <pugixml.hpp>
#include <string_view>

namespace cubby {

// A process limit below what a shell and its pipeline need would only confuse; the upper
// bound is the kernel's PID_MAX_LIMIT.
inline constexpr uint64_t minProcessLimit = 16;
inline constexpr uint64_t maxProcessLimit = 4194304;
// <cubby:limits diskKiB='N'/>: from 16 MiB (a BusyBox tree with room to work) to 1 PiB.
inline constexpr uint64_t minDiskQuotaKiB = uint64_t{16} * 1024;
inline constexpr uint64_t maxDiskQuotaKiB = uint64_t{1} << 40;

inline constexpr std::string_view cubbyMetadataNamespace =
    "https://github.com/cubby1/cubby/xmlns/container/1";

// Reads <metadata> (if any) of `root` into domain.cubby and domain.preservedMetadata.
Status parseDomainMetadata(ElementReader& root, Domain& domain);
// Appends <metadata> under `root` when there is anything to say.
void formatDomainMetadata(pugi::xml_node root, const Domain& domain);

} // namespace cubby
