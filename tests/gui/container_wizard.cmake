# The "New Container" wizard. Included by tests/gui/CMakeLists.txt after
# CUBBY_GUI_WITH_HELPER_BUS is set.

# The request → <domain> rules and each page's checks, without a display or a bus.
cubby_add_test(test_container_request LABEL unit
               SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_container_request.cpp
               LIBS cubby-app ENV QT_QPA_PLATFORM=offscreen)

# The wizard end to end from the main window against the bus-activated helper under Xvfb:
# BusyBox made, defined, started and typed into; a tarball imported; an import from a FIFO
# cancelled. Leak checking is off for Qt's xcb plugin, as for test_main_window.
cubby_add_test(test_container_wizard LABEL gui
               SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_container_wizard.cpp
               LIBS cubby-app cubby-test-support TIMEOUT 300
               WRAPPER ${CUBBY_GUI_WITH_HELPER_BUS} -- ${PROJECT_SOURCE_DIR}/tests/support/with-xvfb --
               ENV ASAN_OPTIONS=detect_leaks=0)
add_dependencies(test_container_wizard cubby-helper cubby-controller cubby-rootfs)
