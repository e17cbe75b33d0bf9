# The "New Container" wizard and the request value it builds. Included by gui/CMakeLists.txt
# after cubby-app is defined; the definition is built as a Domain value and written with the
# engine's pure core (formatDomainXml), never pasted together as text.
target_sources(cubby-app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/client/container_creation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/client/container_creation.h
    ${CMAKE_CURRENT_LIST_DIR}/client/container_request.cpp
    ${CMAKE_CURRENT_LIST_DIR}/client/container_request.h
    ${CMAKE_CURRENT_LIST_DIR}/client/image_fetch.cpp
    ${CMAKE_CURRENT_LIST_DIR}/client/image_fetch.h
    ${CMAKE_CURRENT_LIST_DIR}/window/image_chooser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/window/image_chooser.h
    ${CMAKE_CURRENT_LIST_DIR}/window/container_wizard.cpp
    ${CMAKE_CURRENT_LIST_DIR}/window/container_wizard.h
    ${CMAKE_CURRENT_LIST_DIR}/window/container_wizard_create.cpp
    ${CMAKE_CURRENT_LIST_DIR}/window/container_wizard_network.cpp
    ${CMAKE_CURRENT_LIST_DIR}/window/container_wizard_pages.cpp
)
target_link_libraries(cubby-app PUBLIC cubby-core Qt6::Network)
