#include "walls.h"

#include "xml_reader.h"
#include "xml_values.h"

#include <array>

namespace cubby {

namespace {

constexpr std::array<Keyword<HostAccess>, 2> hostAccesses{{
    {"all", HostAccess::All},
    {"services", HostAccess::Services},
}};

} // namespace

NetworkWalls strictestWalls(const NetworkWalls& a, const NetworkWalls& b) {
    const bool hostWalled = a.host == HostAccess::Services || b.host == HostAccess::Services;
    return {hostWalled ? HostAccess::Services : HostAccess::All, a.lan && b.lan};
}

Result<NetworkWalls> readWallsAttributes(ElementReader& element) {
    CUBBY_TRY(host,
              readKeywordAttribute<HostAccess>(element, "host", hostAccesses, HostAccess::All));
    CUBBY_TRY(lan, readSwitchAttribute(element, "lan", true));
    return NetworkWalls{host, lan};
}

std::string_view hostAccessName(HostAccess access) {
    return keywordName<HostAccess>(hostAccesses, access);
}

} // namespace cubby
