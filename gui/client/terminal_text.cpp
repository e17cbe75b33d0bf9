#include "terminal_text.h"

namespace cubby {

QString plainTerminalText(const QString& recorded) {
    QString plain;
    plain.reserve(recorded.size());
    const qsizetype size = recorded.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = recorded[i];
        if (c == QChar(0x1b) && i + 1 < size) {
            const QChar kind = recorded[i + 1];
            if (kind == u'[') { // CSI: parameters, then one final byte in @–~
                i += 2;
                while (i < size && !(recorded[i] >= u'@' && recorded[i] <= u'~'))
                    ++i;
            } else if (kind == u']') { // OSC: up to BEL or ST (ESC \)
                i += 2;
                while (i < size && recorded[i] != QChar(0x07) &&
                       !(recorded[i] == QChar(0x1b) && i + 1 < size && recorded[i + 1] == u'\\'))
                    ++i;
                if (i < size && recorded[i] == QChar(0x1b))
                    ++i;
            } else {
                ++i; // a two-byte sequence (ESC 7, ESC =, …)
            }
            continue;
        }
        if (c == u'\n' || c == u'\t' || c.unicode() >= 0x20)
            plain += c;
    }
    return plain;
}

} // namespace cubby
