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

# The distribution family when it ships every library Cubby needs natively (Debian 13+,
# Ubuntu 25.04+, Fedora, Arch), or nothing when the build root is needed (Debian 12).
# CUBBY_NATIVE=0 forces the build root, CUBBY_NATIVE=1 a native build.
cubby_native_distro() {
    [ "${CUBBY_NATIVE:-}" = 0 ] && return 0
    [ -r /etc/os-release ] || return 0
    local ID="" VERSION_ID="" ID_LIKE=""
    # shellcheck disable=SC1091
    . /etc/os-release
    case "$ID" in
    debian) [ "${VERSION_ID%%.*}" -ge 13 ] 2>/dev/null && echo debian ;;
    ubuntu) [ "$(printf '%s\n25.04\n' "$VERSION_ID" | sort -V | head -1)" = 25.04 ] && echo debian ;;
    fedora) echo fedora ;;
    arch) echo arch ;;
    *) [ "${CUBBY_NATIVE:-}" = 1 ] && echo debian ;;
    esac
    return 0
}
