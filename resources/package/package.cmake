# The Debian package (scripts/package builds it): CPack's DEB generator over the same install
# rules `cmake --install` uses, so the package holds exactly what an install gives. Built with
# CMAKE_INSTALL_PREFIX=/usr, where /etc and /var follow (GNUInstallDirs).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME cubby)
set(CPACK_PACKAGE_VENDOR "The Cubby developers")
set(CPACK_PACKAGE_CONTACT "The Cubby developers <cubby@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Linux system containers from the desktop")
set(CPACK_PACKAGE_DESCRIPTION
    "Cubby makes and runs Linux system containers (a whole distribution with its own init, or
one program with the host's files) from a Qt desktop app or cubbyctl. Containers are
unprivileged by default: root inside is an ordinary user on the computer. A polkit-authorized
helper on the system bus does the privileged work; desktop users need no password for their own
unprivileged containers.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://github.com/cubby1/cubby)
# Libraries from dpkg-shlibdeps; what the programs run or the system provides, by hand: the
# system bus and polkitd the helper lives on, dnsmasq for the networks' DHCP and DNS, and Qt's
# platform plugins (the app does not start without one).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "default-dbus-system-bus | dbus-system-bus, polkitd, dnsmasq-base, qt6-qpa-plugins, debconf (>= 0.5) | debconf-2.0")
# BusyBox roots are made from a static busybox; Debian roots with mmdebstrap; Qt's own dialogs
# in the user's language.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "busybox-static, mmdebstrap, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "debian-archive-keyring")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/config ${CMAKE_CURRENT_LIST_DIR}/postinst ${CMAKE_CURRENT_LIST_DIR}/prerm
    ${CMAKE_CURRENT_LIST_DIR}/postrm ${CMAKE_CURRENT_LIST_DIR}/templates)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_STRIP_FILES TRUE)
include(CPack)
