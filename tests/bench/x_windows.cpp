#include "x_windows.h"

#include <cstdlib>
#include <cstring>
#include <vector>
#include <xcb/xcb.h>

namespace cubby::bench {

namespace {

constexpr uint32_t iconicState = 3; // ICCCM

// One property's 32-bit values (windows, cardinals), empty when it is not set.
std::vector<uint32_t> property32(xcb_connection_t* connection, xcb_window_t window,
                                 xcb_atom_t property) {
    std::vector<uint32_t> values;
    xcb_get_property_reply_t* reply = xcb_get_property_reply(
        connection, xcb_get_property(connection, 0, window, property, XCB_ATOM_ANY, 0, 4096),
        nullptr);
    if (!reply)
        return values;
    if (reply->format == 32) {
        const auto* data = static_cast<const uint32_t*>(xcb_get_property_value(reply));
        values.assign(data, data + xcb_get_property_value_length(reply) / 4);
    }
    std::free(reply);
    return values;
}

std::string propertyText(xcb_connection_t* connection, xcb_window_t window, xcb_atom_t property) {
    std::string text;
    xcb_get_property_reply_t* reply = xcb_get_property_reply(
        connection, xcb_get_property(connection, 0, window, property, XCB_ATOM_ANY, 0, 1024),
        nullptr);
    if (!reply)
        return text;
    if (reply->format == 8)
        text.assign(static_cast<const char*>(xcb_get_property_value(reply)),
                    static_cast<size_t>(xcb_get_property_value_length(reply)));
    std::free(reply);
    return text;
}

} // namespace

Result<std::unique_ptr<XDisplay>> XDisplay::open() {
    std::unique_ptr<XDisplay> display(new XDisplay);
    int screenNumber = 0;
    display->m_connection = xcb_connect(nullptr, &screenNumber);
    if (xcb_connection_has_error(display->m_connection))
        return fail(
            Error::of(ErrorKind::System,
                      std::string("cannot connect to the X server ") +
                          (std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "(no DISPLAY)")));
    xcb_screen_iterator_t screens = xcb_setup_roots_iterator(xcb_get_setup(display->m_connection));
    for (int i = 0; i < screenNumber && screens.rem > 0; ++i)
        xcb_screen_next(&screens);
    display->m_root = screens.data->root;
    const uint32_t mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY | XCB_EVENT_MASK_PROPERTY_CHANGE;
    xcb_change_window_attributes(display->m_connection, display->m_root, XCB_CW_EVENT_MASK, &mask);
    xcb_flush(display->m_connection);
    return display;
}

XDisplay::~XDisplay() {
    if (m_connection)
        xcb_disconnect(m_connection);
}

int XDisplay::fd() const {
    return xcb_get_file_descriptor(m_connection);
}

void XDisplay::dropEvents() {
    while (xcb_generic_event_t* event = xcb_poll_for_event(m_connection))
        std::free(event);
}

uint32_t XDisplay::atom(const char* name) const {
    xcb_intern_atom_reply_t* reply = xcb_intern_atom_reply(
        m_connection,
        xcb_intern_atom(m_connection, 0, static_cast<uint16_t>(std::strlen(name)), name), nullptr);
    if (!reply)
        return XCB_ATOM_NONE;
    const uint32_t value = reply->atom;
    std::free(reply);
    return value;
}

std::string XDisplay::title(uint32_t window) const {
    std::string text = propertyText(m_connection, window, atom("_NET_WM_NAME"));
    return text.empty() ? propertyText(m_connection, window, XCB_ATOM_WM_NAME) : text;
}

uint32_t XDisplay::viewableWindowOf(pid_t pid, const std::string& wanted) const {
    std::vector<uint32_t> candidates = property32(m_connection, m_root, atom("_NET_CLIENT_LIST"));
    if (candidates.empty()) {
        // No window manager: top-level windows are the root's children.
        if (xcb_query_tree_reply_t* tree =
                xcb_query_tree_reply(m_connection, xcb_query_tree(m_connection, m_root), nullptr)) {
            const xcb_window_t* children = xcb_query_tree_children(tree);
            candidates.assign(children, children + xcb_query_tree_children_length(tree));
            std::free(tree);
        }
    }
    const xcb_atom_t pidAtom = atom("_NET_WM_PID");
    for (const uint32_t window : candidates) {
        const std::vector<uint32_t> owner = property32(m_connection, window, pidAtom);
        if (owner.empty() || owner.front() != static_cast<uint32_t>(pid))
            continue;
        xcb_get_window_attributes_reply_t* attributes = xcb_get_window_attributes_reply(
            m_connection, xcb_get_window_attributes(m_connection, window), nullptr);
        const bool viewable = attributes && attributes->map_state == XCB_MAP_STATE_VIEWABLE;
        std::free(attributes);
        if (viewable && (wanted.empty() || title(window).contains(wanted)))
            return window;
    }
    return 0;
}

std::string XDisplay::windowManager() const {
    const std::vector<uint32_t> check =
        property32(m_connection, m_root, atom("_NET_SUPPORTING_WM_CHECK"));
    return check.empty() ? std::string() : title(check.front());
}

void XDisplay::minimize(uint32_t window) {
    xcb_client_message_event_t message = {};
    message.response_type = XCB_CLIENT_MESSAGE;
    message.format = 32;
    message.window = window;
    message.type = atom("WM_CHANGE_STATE");
    message.data.data32[0] = iconicState;
    xcb_send_event(m_connection, 0, m_root,
                   XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT | XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY,
                   reinterpret_cast<const char*>(&message));
    xcb_flush(m_connection);
}

void XDisplay::switchDesktop(int index) {
    xcb_client_message_event_t message = {};
    message.response_type = XCB_CLIENT_MESSAGE;
    message.format = 32;
    message.window = m_root;
    message.type = atom("_NET_CURRENT_DESKTOP");
    message.data.data32[0] = static_cast<uint32_t>(index);
    message.data.data32[1] = XCB_CURRENT_TIME;
    xcb_send_event(m_connection, 0, m_root,
                   XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT | XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY,
                   reinterpret_cast<const char*>(&message));
    xcb_flush(m_connection);
}

bool XDisplay::isViewable(uint32_t window) const {
    xcb_get_window_attributes_reply_t* attributes = xcb_get_window_attributes_reply(
        m_connection, xcb_get_window_attributes(m_connection, window), nullptr);
    const bool viewable = attributes && attributes->map_state == XCB_MAP_STATE_VIEWABLE;
    std::free(attributes);
    return viewable;
}

bool XDisplay::isIconic(uint32_t window) const {
    const std::vector<uint32_t> state = property32(m_connection, window, atom("WM_STATE"));
    return !state.empty() && state.front() == iconicState;
}

} // namespace cubby::bench
