#pragma once
// A filled circle in a state's colour, for lists: icon themes are not there on every desktop
// (nor in the tests' Xvfb). The text beside it says the same, for screen readers.

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace cubby {

inline QIcon dotIcon(const QColor& colour) {
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(2.5, 2.5, 11, 11));
    return QIcon(pixmap);
}

} // namespace cubby
