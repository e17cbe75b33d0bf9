#include "remote_host.h"

#include "text.h"

#include <algorithm>
#include <format>
#include <vector>

namespace cubby {

namespace {

constexpr size_t maxHostLength = 253; // a DNS name's limit
constexpr size_t maxUserLength = 32;  // useradd's

bool isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

bool isIpv6Char(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == ':' ||
           c == '.';
}

bool isName(std::string_view text, size_t maxLength) {
    return !text.empty() && text.size() <= maxLength && text.front() != '-' &&
           std::ranges::all_of(text, isNameChar);
}

Result<SshTarget> refuse(std::string_view uri, std::string_view why) {
    return failInvalid(std::format("{}: {} (expected ssh://[USER@]HOST[:PORT])", quoted(uri), why));
}

} // namespace

Result<SshTarget> parseConnectUri(std::string_view uri) {
    constexpr std::string_view scheme = "ssh://";
    if (!uri.starts_with(scheme))
        return refuse(uri, "only ssh:// connections are known");
    std::string_view rest = uri.substr(scheme.size());
    if (rest.ends_with('/'))
        rest.remove_suffix(1);
    SshTarget target;
    if (const size_t at = rest.find('@'); at != std::string_view::npos) {
        target.user = std::string(rest.substr(0, at));
        rest.remove_prefix(at + 1);
        if (!isName(target.user, maxUserLength))
            return refuse(uri, "the user name is not one");
    }
    std::optional<std::string_view> portText;
    if (rest.starts_with('[')) {
        const size_t close = rest.find(']');
        if (close == std::string_view::npos)
            return refuse(uri, "an IPv6 address needs its closing ']'");
        const std::string_view address = rest.substr(1, close - 1);
        if (address.find(':') == std::string_view::npos ||
            !std::ranges::all_of(address, isIpv6Char))
            return refuse(uri, "the address in brackets is not an IPv6 address");
        target.host = std::string(address);
        rest.remove_prefix(close + 1);
        if (!rest.empty() && !rest.starts_with(':'))
            return refuse(uri, "only a port may follow the address");
        if (!rest.empty())
            portText = rest.substr(1);
    } else {
        const size_t colon = rest.find(':');
        target.host = std::string(rest.substr(0, colon));
        if (colon != std::string_view::npos)
            portText = rest.substr(colon + 1);
        if (!isName(target.host, maxHostLength))
            return refuse(uri, "the host is not a host name or address");
    }
    if (portText) {
        uint64_t port = 0;
        if (!parseUnsigned(*portText, port) || port < 1 || port > 65535)
            return refuse(uri, "the port is not one from 1 to 65535");
        target.port = static_cast<uint16_t>(port);
    }
    return target;
}

std::string escapeBusAddressValue(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (isNameChar(c) || c == '/' || c == '*')
            out += c;
        else
            out += std::format("%{:02x}", static_cast<unsigned char>(c));
    }
    return out;
}

std::string shellQuoted(std::string_view word) {
    std::string out = "'";
    for (const char c : word) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string shellCommandLine(std::span<const std::string> argv) {
    std::string line;
    for (const auto& word : argv) {
        if (!line.empty())
            line += ' ';
        line += shellQuoted(word);
    }
    return line;
}

namespace {

std::string destination(const SshTarget& target) {
    return target.user.empty() ? target.host : target.user + "@" + target.host;
}

} // namespace

std::vector<std::string> sshCommandArguments(const SshTarget& target, bool terminal,
                                             std::span<const std::string> remoteArgv) {
    std::vector<std::string> argv = {terminal ? "-tt" : "-T", "-x", "-e", "none"};
    if (target.port) {
        argv.emplace_back("-p");
        argv.push_back(std::to_string(*target.port));
    }
    argv.emplace_back("--");
    argv.push_back(destination(target));
    argv.push_back(shellCommandLine(remoteArgv));
    return argv;
}

Result<std::vector<std::string>> sshAuthAgentArguments(const SshTarget& target,
                                                       uint32_t bridgePid) {
    if (bridgePid < 2)
        return failInvalid(std::format("{} is not the process of a bus connection", bridgePid));
    // pkttyagent asks on its controlling terminal (the channel's) and closes --notify-fd once
    // polkitd has it; the reader of that pipe then says so on the terminal. The pid reaches
    // the script as $1, never as script text; the script is one quoted word to whatever login
    // shell the user has.
    const std::string script =
        std::format("command -v pkttyagent >/dev/null 2>&1 || {{ echo {}; exit 0; }}; "
                    "pkttyagent --notify-fd 3 --process \"$1\" 3>&1 >/dev/null | "
                    "{{ cat >/dev/null; echo {}; }}",
                    authAgentMissingMarker, authAgentReadyMarker);
    const std::vector<std::string> remoteArgv = {"sh", "-c", script, "sh",
                                                 std::to_string(bridgePid)};
    return sshCommandArguments(target, true, remoteArgv);
}

std::vector<std::string> withTerminalAuthAgent(std::span<const std::string> remoteArgv) {
    // The agent in the background with the pipe as its --notify-fd: `cat` ends once polkitd
    // registered it (pkttyagent closes the descriptor) or it gave up, and the command runs
    // after 15 s in any case (a polkitd that never answers); the agent prompts on the
    // controlling terminal (/dev/tty), not on its standard streams.
    static constexpr std::string_view script =
        "if command -v pkttyagent >/dev/null 2>&1; then "
        "{ pkttyagent --notify-fd 3 --process $$ 3>&1 >/dev/null 2>&1 </dev/null & } | "
        "timeout 15 cat >/dev/null; fi; exec \"$@\"";
    std::vector<std::string> argv = {"sh", "-c", std::string(script), "sh"};
    argv.insert(argv.end(), remoteArgv.begin(), remoteArgv.end());
    return argv;
}

std::string sshBusAddress(const SshTarget& target, std::string_view sshProgram) {
    // A machine that does not answer is given up after a while, and a link gone silent is
    // noticed within a minute (the app's list would otherwise wait on it as on a slow helper);
    // options of the user's own, earlier on a wrapper's command line, win.
    std::vector<std::string> argv = {"-xT",
                                     "-o",
                                     "ConnectTimeout=15",
                                     "-o",
                                     "ServerAliveInterval=15",
                                     "-o",
                                     "ServerAliveCountMax=3"};
    if (target.port) {
        argv.emplace_back("-p");
        argv.push_back(std::to_string(*target.port));
    }
    argv.emplace_back("--");
    argv.push_back(destination(target));
    argv.emplace_back("systemd-stdio-bridge");
    std::string address = "unixexec:path=" + escapeBusAddressValue(sshProgram);
    for (size_t i = 0; i < argv.size(); ++i)
        address += std::format(",argv{}={}", i + 1, escapeBusAddressValue(argv[i]));
    return address;
}

} // namespace cubby
