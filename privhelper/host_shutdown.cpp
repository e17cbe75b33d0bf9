#include "host_shutdown.h"

#include "controller_client.h"
#include "names.h"

#include <cstdio>
#include <dirent.h>
#include <string>
#include <thread>
#include <vector>

namespace cubby {

namespace {

// Containers whose controller holds its lock: one directory per container under run/cubby
// (networks are under .net, work in progress starts with a dot too).
std::vector<std::string> runningContainers(const CubbyPaths& paths) {
    std::vector<std::string> names;
    DIR* directory = ::opendir(paths.runDir().c_str());
    if (!directory)
        return names;
    while (const dirent* entry = ::readdir(directory)) {
        const std::string name = entry->d_name;
        if (entry->d_type == DT_DIR && validateObjectName(name, "name") &&
            controllerAlive(paths, name))
            names.push_back(name);
    }
    ::closedir(directory);
    return names;
}

// The controller's own kill comes `grace` after the signal; this much more is allowed for it
// to clean up and exit.
constexpr auto cleanupMargin = std::chrono::seconds(10);

} // namespace

int stopAllContainers(const CubbyPaths& paths, std::chrono::seconds grace) {
    const auto containers = runningContainers(paths);
    for (const auto& name : containers) {
        // Shutdown is in every control protocol version: no version check needed.
        auto client = ControllerClient::connect(paths.controlSocket(name));
        auto answer = client
                          ? client->request(ControlMessage::Shutdown, std::to_string(grace.count()),
                                            std::chrono::seconds(5))
                          : Result<std::string>(fail(client.error()));
        if (answer)
            std::fprintf(stderr, "cubby-helper: shutting down %s\n", name.c_str());
        else
            std::fprintf(stderr, "cubby-helper: shutting down %s: %s\n", name.c_str(),
                         answer.error().message.c_str());
    }
    const auto deadline = std::chrono::steady_clock::now() + grace + cleanupMargin;
    std::vector<std::string> left = containers;
    while (!left.empty()) {
        std::erase_if(left, [&](const std::string& name) { return !controllerAlive(paths, name); });
        if (left.empty() || std::chrono::steady_clock::now() >= deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (const auto& name : left)
        std::fprintf(stderr, "cubby-helper: %s did not stop in time\n", name.c_str());
    if (!containers.empty() && left.empty())
        std::fprintf(stderr, "cubby-helper: %zu container(s) stopped\n", containers.size());
    return left.empty() ? 0 : 1;
}

} // namespace cubby
