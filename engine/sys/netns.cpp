#include "netns.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <sched.h>

namespace cubby {

namespace {

Result<UniqueFd> openThreadNetns() {
    UniqueFd fd(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
    if (!fd)
        return fail(Error::system(errno, "opening /proc/thread-self/ns/net"));
    return fd;
}

} // namespace

Result<NetNamespace> NetNamespace::current() {
    CUBBY_TRY(fd, openThreadNetns());
    return NetNamespace(std::move(fd));
}

Result<NetNamespace> NetNamespace::ofProcess(pid_t pid) {
    const std::string path = std::format("/proc/{}/ns/net", pid);
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return fail(Error::system(errno, std::format("opening {}", path)));
    return NetNamespace(std::move(fd));
}

Result<NetNamespace> NetNamespace::create() {
    CUBBY_TRY(original, openThreadNetns());
    if (::unshare(CLONE_NEWNET) != 0)
        return fail(Error::system(errno, "creating a network namespace"));
    auto created = openThreadNetns();
    // Whatever happened, this thread goes home before anything else.
    if (::setns(original.get(), CLONE_NEWNET) != 0)
        return fail(Error::system(errno, "returning to the original network namespace"));
    if (!created)
        return fail(created.error());
    return NetNamespace(std::move(*created));
}

NetNamespaceGuard::NetNamespaceGuard(const NetNamespace& target) {
    auto original = openThreadNetns();
    if (!original) {
        m_status = fail(original.error());
        return;
    }
    if (::setns(target.fd(), CLONE_NEWNET) != 0) {
        m_status = fail(Error::system(errno, "entering a network namespace"));
        return;
    }
    m_original = std::move(*original);
}

NetNamespaceGuard::~NetNamespaceGuard() {
    if (m_original)
        ::setns(m_original.get(), CLONE_NEWNET);
}

} // namespace cubby
