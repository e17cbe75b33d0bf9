# Shared settings for Cubby's setup scripts; sourced, never run.
# shellcheck shell=bash

cubby_src_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The build root and build trees live outside the source tree so the work tree stays small.
cubby_cache_dir=${CUBBY_CACHE_DIR:-/var/cache/cubby}
cubby_root_dir=$cubby_cache_dir/debian13-root
cubby_package_list=$cubby_src_dir/scripts/buildroot-packages.txt
cubby_debian_mirror=${CUBBY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cubby_security_mirror=${CUBBY_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

say() { printf 'cubby: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

# Package names from the list, one per line, comments and blanks dropped.
cubby_packages() {
    sed -e 's/#.*//' -e 's/[[:space:]]//g' "$cubby_package_list" | grep -v '^$'
}

# True when this system ships every library natively (Debian 13+ and friends), so no
# build root is needed and the build runs directly on the host.
cubby_host_is_native() {
    [ "${CUBBY_NATIVE:-}" = 1 ] && return 0
    [ "${CUBBY_NATIVE:-}" = 0 ] && return 1
    pkg-config --exists libnftables libnl-route-3.0 pugixml 2>/dev/null &&
        [ -e /usr/lib/x86_64-linux-gnu/cmake/qtermwidget6 ] ||
        [ -n "$(find /usr/lib* -maxdepth 3 -name 'qtermwidget6*' -print -quit 2>/dev/null)" ]
}
