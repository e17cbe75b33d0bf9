#include "memory_file.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace cubby {

Result<UniqueFd> sealedMemoryFile(const char* name, std::string_view contents) {
    UniqueFd file(::memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING));
    if (!file)
        return fail(Error::system(errno, "creating a memory file"));
    for (size_t done = 0; done < contents.size();) {
        const ssize_t wrote = ::write(file.get(), contents.data() + done, contents.size() - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            return fail(Error::system(errno, "writing a memory file"));
        done += static_cast<size_t>(wrote);
    }
    if (::lseek(file.get(), 0, SEEK_SET) != 0 ||
        ::fcntl(file.get(), F_ADD_SEALS,
                F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) != 0)
        return fail(Error::system(errno, "sealing a memory file"));
    return file;
}

} // namespace cubby
