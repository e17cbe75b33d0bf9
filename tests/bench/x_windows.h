#pragma once
// The X server as bench-app sees it (xcb): whether a process's main window is mapped, what the
// window manager is, and minimizing a window as a desktop's task bar does. Windows are found by
// their _NET_WM_PID (Qt and GTK set it), among the window manager's managed clients
// (_NET_CLIENT_LIST) or, without a window manager, the root window's children.

#include "error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>

struct xcb_connection_t;

namespace cubby::bench {

class XDisplay {
public:
    // Connects to $DISPLAY and asks for the root window's structure and property changes, so
    // that fd() becomes readable when a window is mapped or the client list changes.
    static Result<std::unique_ptr<XDisplay>> open();
    ~XDisplay();
    XDisplay(const XDisplay&) = delete;
    XDisplay& operator=(const XDisplay&) = delete;

    int fd() const;
    // Reads and drops the events that have arrived: they only say "look again".
    void dropEvents();

    // A viewable (mapped, and every ancestor mapped) top-level window of `pid` whose title
    // contains `title` (any title when empty); 0 when there is none.
    uint32_t viewableWindowOf(pid_t pid, const std::string& title = {}) const;
    // The running window manager's name (_NET_SUPPORTING_WM_CHECK), empty without one.
    std::string windowManager() const;
    // Asks the window manager to iconify `window` (ICCCM WM_CHANGE_STATE, as `xdotool
    // windowminimize` does).
    void minimize(uint32_t window);
    // Asks the window manager to show workspace `index` (EWMH _NET_CURRENT_DESKTOP, counted
    // from 0): windows on the others are unmapped, but not minimized.
    void switchDesktop(int index);
    // Mapped, and every ancestor too (the window manager's frame).
    bool isViewable(uint32_t window) const;
    // WM_STATE is IconicState: the window manager has minimized the window.
    bool isIconic(uint32_t window) const;
    std::string title(uint32_t window) const;

private:
    XDisplay() = default;
    uint32_t atom(const char* name) const;

    xcb_connection_t* m_connection = nullptr;
    uint32_t m_root = 0;
};

} // namespace cubby::bench
