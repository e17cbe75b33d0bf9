#pragma once
// One Cubby window per desktop session: the first `cubby` owns io.github.cubby1.App on the
// session bus; a second one asks it to show its window (Activate) and ends. Without a session
// bus (a bare X server) every launch opens its own window.

#include <QObject>
#include <QPointer>
#include <QWidget>

namespace cubby {

class SingleInstance : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "io.github.cubby1.App")
public:
    // True when another Cubby in this session took the request to show itself: then this
    // one has nothing to do. Asked before any window exists, so the short wait blocks nothing.
    static bool raiseRunningInstance();

    // Owns the name and serves Activate for `window` from now on; false when the session has
    // no bus or the name is taken.
    bool serve(QWidget* window);

public slots:
    Q_SCRIPTABLE void Activate();

private:
    QPointer<QWidget> m_window;
};

} // namespace cubby
