# Networks in the desktop app: the networks panel, the "New Network" wizard and the request
# value it builds. Included by gui/CMakeLists.txt after cubby-app is defined; the wizard
# builds <network> XML with the engine's pure core.
target_sources(cubby-app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/client/network_list_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/client/network_list_model.h
    ${CMAKE_CURRENT_LIST_DIR}/client/network_request.cpp
    ${CMAKE_CURRENT_LIST_DIR}/client/network_request.h
    ${CMAKE_CURRENT_LIST_DIR}/window/network_wizard.cpp
    ${CMAKE_CURRENT_LIST_DIR}/window/network_wizard.h
    ${CMAKE_CURRENT_LIST_DIR}/window/network_wizard_pages.cpp
    ${CMAKE_CURRENT_LIST_DIR}/window/network_wizard_pages.h
    ${CMAKE_CURRENT_LIST_DIR}/window/networks_panel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/window/networks_panel.h
)
target_link_libraries(cubby-app PUBLIC cubby-core)
