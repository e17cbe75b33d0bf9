#pragma once
// A console's recorded bytes as plain text for the Log tab: terminal control sequences (CSI
// such as colours and cursor queries, OSC such as window titles, other ESC pairs) and
// carriage returns and other control characters are removed; newlines and tabs stay. Pure.

#include <QString>

namespace cubby {

QString plainTerminalText(const QString& recorded);

} // namespace cubby
