#include "job_protocol.h"

#include "text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <format>

namespace cubby {

namespace {

constexpr std::array<Keyword<ErrorKind>, 8> errorKinds{{
    {"InvalidArgument", ErrorKind::InvalidArgument},
    {"NotFound", ErrorKind::NotFound},
    {"AlreadyExists", ErrorKind::AlreadyExists},
    {"Conflict", ErrorKind::Conflict},
    {"Unsupported", ErrorKind::Unsupported},
    {"NotAuthorized", ErrorKind::NotAuthorized},
    {"NotAuthenticated", ErrorKind::NotAuthenticated},
    {"System", ErrorKind::System},
}};

constexpr std::array<Keyword<JobUpdate::Kind>, 4> updateKinds{{
    {"progress", JobUpdate::Kind::Progress},
    {"done", JobUpdate::Kind::Done},
    {"error", JobUpdate::Kind::Error},
    {"cancelled", JobUpdate::Kind::Cancelled},
}};

std::string oneLine(std::string text) {
    std::ranges::replace(text, '\n', ' ');
    std::ranges::replace(text, '\r', ' ');
    return text;
}

// The first word of `rest` (up to a space), and `rest` moved past it and the space.
std::string_view takeWord(std::string_view& rest) {
    const size_t space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    return word;
}

} // namespace

std::string_view errorKindName(ErrorKind kind) {
    return keywordName<ErrorKind>(errorKinds, kind);
}

std::optional<ErrorKind> errorKindFromName(std::string_view name) {
    ErrorKind kind{};
    if (!lookupKeyword<ErrorKind>(errorKinds, name, kind))
        return std::nullopt;
    return kind;
}

std::string formatJobUpdate(const JobUpdate& update) {
    const std::string_view kind = keywordName<JobUpdate::Kind>(updateKinds, update.kind);
    switch (update.kind) {
    case JobUpdate::Kind::Progress: {
        const double fraction = update.fraction < 0 ? -1 : std::min(update.fraction, 1.0);
        return std::format("{} {:.4f} {}\n", kind, fraction, oneLine(update.text));
    }
    case JobUpdate::Kind::Error:
        return std::format("{} {} {}\n", kind, errorKindName(update.errorKind),
                           oneLine(update.text));
    case JobUpdate::Kind::Done:
        return std::format("{} {}\n", kind, oneLine(update.text));
    case JobUpdate::Kind::Cancelled:
        return std::format("{}\n", kind);
    }
    return {};
}

std::optional<JobUpdate> parseJobUpdate(std::string_view line) {
    std::string_view rest = line;
    JobUpdate update;
    if (!lookupKeyword<JobUpdate::Kind>(updateKinds, takeWord(rest), update.kind))
        return std::nullopt;
    switch (update.kind) {
    case JobUpdate::Kind::Progress: {
        const std::string_view number = takeWord(rest);
        const auto parsed =
            std::from_chars(number.data(), number.data() + number.size(), update.fraction);
        if (parsed.ec != std::errc{} || parsed.ptr != number.data() + number.size())
            return std::nullopt;
        if (update.fraction != -1 && !(update.fraction >= 0 && update.fraction <= 1))
            return std::nullopt;
        break;
    }
    case JobUpdate::Kind::Error: {
        const auto kind = errorKindFromName(takeWord(rest));
        if (!kind)
            return std::nullopt;
        update.errorKind = *kind;
        break;
    }
    case JobUpdate::Kind::Done:
    case JobUpdate::Kind::Cancelled:
        break;
    }
    update.text = std::string(rest);
    return update;
}

} // namespace cubby
