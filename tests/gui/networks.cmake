# Networks in the desktop app. Included by tests/gui/CMakeLists.txt after
# CUBBY_GUI_WITH_HELPER_BUS is set.

# The wizard's request → <network> rules, without a display or a bus.
cubby_add_test(test_network_request LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_network_request.cpp
               LIBS cubby-app ENV QT_QPA_PLATFORM=offscreen)

# The networks panel and the wizard end to end against the bus-activated helper, in the
# fixture's own network namespace (bridges, nftables tables and dnsmasq exist only there),
# under Xvfb. Leak checking is off for Qt's xcb plugin, as for test_main_window.
cubby_add_test(test_network_panel LABEL gui SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_network_panel.cpp
               LIBS cubby-app cubby-test-support TIMEOUT 300
               WRAPPER ${CUBBY_GUI_WITH_HELPER_BUS} --tmpfs /root --net --
                       ${PROJECT_SOURCE_DIR}/tests/support/with-xvfb --
               ENV ASAN_OPTIONS=detect_leaks=0)
target_compile_definitions(test_network_panel PRIVATE CUBBY_TEST_PREFIX="/run/cubby-test")
add_dependencies(test_network_panel cubby-helper cubby-network cubby-controller)
