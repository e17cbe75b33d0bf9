#include "error.h"

#include <cstring>

namespace cubby {

Error Error::system(int err, std::string context) {
    context += ": ";
    context += strerrordesc_np(err) ? strerrordesc_np(err) : "unknown error";
    return {ErrorKind::System, err, std::move(context)};
}

} // namespace cubby
