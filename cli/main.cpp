// cubbyctl: Cubby from a terminal. This first version works offline: `validate` checks a
// container or network definition the way the helper will, and prints it as Cubby stores it.
#include "domain_xml.h"
#include "network_xml.h"
#include "xml_reader.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

namespace {

cubby::Uuid randomUuid() {
    std::random_device device;
    std::array<uint8_t, 16> bytes{};
    for (auto& byte : bytes)
        byte = static_cast<uint8_t>(device());
    return cubby::Uuid::fromRandomBytes(bytes);
}

int usage(std::FILE* out) {
    std::fputs("usage: cubbyctl validate FILE\n"
               "  Checks a container (<domain type='lxc'>) or network (<network>) definition\n"
               "  in libvirt's XML and prints it as Cubby stores it, with any warnings.\n"
               "  FILE '-' reads standard input.\n",
               out);
    return out == stdout ? 0 : 2;
}

// Reads at most one byte more than the parser accepts, so a huge file fails fast.
bool readInput(const std::string& path, std::string& text) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            std::cerr << "cubbyctl: cannot open " << path << "\n";
            return false;
        }
        in = &file;
    }
    text.resize(cubby::maxXmlDocumentBytes + 1);
    in->read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in->gcount()));
    return true;
}

int validate(const std::string& path) {
    std::string text;
    if (!readInput(path, text))
        return 1;
    const bool isNetwork =
        text.find("<network") != std::string::npos && text.find("<domain") == std::string::npos;
    std::string normalized;
    std::vector<std::string> warnings;
    if (isNetwork) {
        auto network = cubby::parseNetworkXml(text, randomUuid);
        if (!network) {
            std::cerr << "cubbyctl: " << path << ": " << network.error().message << "\n";
            return 1;
        }
        normalized = cubby::formatNetworkXml(*network);
        warnings = cubby::networkWarnings(*network);
    } else {
        auto domain = cubby::parseDomainXml(text, randomUuid);
        if (!domain) {
            std::cerr << "cubbyctl: " << path << ": " << domain.error().message << "\n";
            return 1;
        }
        normalized = cubby::formatDomainXml(*domain);
        warnings = cubby::domainWarnings(*domain);
    }
    for (const auto& warning : warnings)
        std::cerr << "cubbyctl: warning: " << warning << "\n";
    std::cout << normalized;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::string_view verb = argc > 1 ? argv[1] : "";
    if (verb == "--help" || verb == "-h" || verb == "help")
        return usage(stdout);
    if (verb == "validate" && argc == 3)
        return validate(argv[2]);
    if (verb == "validate" && argc == 2)
        return usage(stderr);
    std::cerr << "cubbyctl: unknown command '" << verb << "'\n";
    return usage(stderr);
}
