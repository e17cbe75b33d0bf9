#pragma once
// A pipe whose two ends have an owner each, close-on-exec (a child dup2s the end it needs).

#include "error.h"
#include "unique_fd.h"

#include <cerrno>
#include <fcntl.h>

namespace cubby {

struct PipePair {
    UniqueFd readEnd;
    UniqueFd writeEnd;
};

inline Result<PipePair> makePipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return fail(Error::system(errno, "creating a pipe"));
    return PipePair{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

} // namespace cubby
