#pragma once
// Where a container definition's problem is in the text a person edits: the XML tab checks the
// text as it is typed with the same parser the helper uses (engine/core/domain_xml), and both
// that parser and the helper name a problem by element path ("/domain/devices/interface[2]:
// …") or, for text that is not XML at all, by line and column. Pure logic, no widgets.

#include <QString>
#include <QStringList>
#include <optional>

namespace cubby {

struct XmlProblem {
    int line = 0; // 1-based; 0 when no line could be found
    QString message;
};

// The first line of the element an engine path names in `xml` ("/domain/memory",
// "/domain/devices/filesystem[2]/source", "/domain/os/initenv/@name"; indices are 1-based
// among siblings of that name). Follows the path as far as the text has it: the line of the
// deepest element found, 0 when not even the root matches.
int lineOfXmlPath(const QString& xml, const QString& path);

// The line a message from the parser or the helper points at: "line N" in it, else the line
// of the element path it starts with; 0 when it names neither.
int lineOfXmlMessage(const QString& xml, const QString& message);

// The definition as the helper would parse it: nullopt when it is accepted, else the problem
// with its line. `warnings` (if given) receives what would be accepted but not acted on.
std::optional<XmlProblem> checkDomainText(const QString& xml, QStringList* warnings = nullptr);

} // namespace cubby
