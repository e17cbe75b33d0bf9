#pragma once
// Network namespaces as owned file descriptors. Entering one affects only the calling
// thread (network namespaces are per task), so a multi-threaded helper can work in a
// container's namespace on one thread without moving the others.

#include "error.h"
#include "unique_fd.h"

#include <sys/types.h>

namespace cubby {

class NetNamespace {
public:
    // A new, empty namespace (only a down loopback), not entered: the calling thread is back
    // in its own namespace when this returns.
    static Result<NetNamespace> create();
    // The namespace the calling thread is in now.
    static Result<NetNamespace> current();
    // The namespace process `pid` is in (e.g. a container's first process before it runs).
    static Result<NetNamespace> ofProcess(pid_t pid);

    int fd() const { return m_fd.get(); }

private:
    explicit NetNamespace(UniqueFd fd)
        : m_fd(std::move(fd)) {}
    UniqueFd m_fd;
};

// While alive, the calling thread is inside `target`; the destructor returns it to where it
// was. Check ok() after constructing.
class NetNamespaceGuard {
public:
    explicit NetNamespaceGuard(const NetNamespace& target);
    ~NetNamespaceGuard();
    NetNamespaceGuard(const NetNamespaceGuard&) = delete;
    NetNamespaceGuard& operator=(const NetNamespaceGuard&) = delete;

    const Status& status() const { return m_status; }

private:
    UniqueFd m_original;
    Status m_status;
};

} // namespace cubby
