#include "systemd_bus.h"

#include "systemd_host.h"

#include <chrono>
#include <cstring>
#include <format>
#include <memory>
#include <systemd/sd-bus.h>
#include <thread>

namespace cubby {

namespace {

// Long enough for machined to be started by the bus on first use, short enough that a hung
// bus cannot hold a container's start for long.
constexpr uint64_t callTimeoutUs = 10'000'000;
constexpr auto scopeWait = std::chrono::seconds(10);
constexpr auto machineWait = std::chrono::seconds(3);

struct BusCloser {
    void operator()(sd_bus* bus) const { sd_bus_flush_close_unref(bus); }
};
using Bus = std::unique_ptr<sd_bus, BusCloser>;
struct MessageUnref {
    void operator()(sd_bus_message* message) const { sd_bus_message_unref(message); }
};
using Message = std::unique_ptr<sd_bus_message, MessageUnref>;

// sd_bus_error with its cleanup, and its name for telling the errors apart.
struct BusError {
    sd_bus_error error = SD_BUS_ERROR_NULL;
    BusError() = default;
    BusError(const BusError&) = delete;
    BusError& operator=(const BusError&) = delete;
    ~BusError() { sd_bus_error_free(&error); }
    bool is(const char* name) const { return sd_bus_error_has_name(&error, name) > 0; }
    std::string text(int r) const {
        if (sd_bus_error_is_set(&error))
            return error.message ? error.message : error.name;
        return std::strerror(-r);
    }
};

Result<Bus> openSystemBus() {
    sd_bus* bus = nullptr;
    if (const int r = sd_bus_open_system(&bus); r < 0)
        return fail(Error::system(-r, "connecting to the system bus"));
    return Bus(bus);
}

// The message's building calls return a negative errno; only the first failure matters.
Status built(int r, std::string_view what) {
    if (r < 0)
        return fail(Error::system(-r, std::format("building the {} call", what)));
    return {};
}

Status callStartScope(sd_bus* bus, const std::string& unit, std::string_view containerName,
                      pid_t pid, BusError& error) {
    sd_bus_message* raw = nullptr;
    CUBBY_CHECK(built(sd_bus_message_new_method_call(
                          bus, &raw, "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                          "org.freedesktop.systemd1.Manager", "StartTransientUnit"),
                      "StartTransientUnit"));
    const Message call(raw);
    const std::string description = std::format("Cubby container {}", containerName);
    int r = sd_bus_message_append(call.get(), "ss", unit.c_str(), "fail");
    if (r >= 0)
        r = sd_bus_message_open_container(call.get(), 'a', "(sv)");
    if (r >= 0)
        r = sd_bus_message_append(
            call.get(), "(sv)(sv)(sv)(sv)(sv)(sv)", "Description", "s", description.c_str(),
            "Slice", "s", "machine.slice", "Delegate", "b", 1,
            // A scope that failed is still collected, so the next start can take its name.
            "CollectMode", "s", "inactive-or-failed", "PIDs", "au", 1, static_cast<uint32_t>(pid),
            // At the host's shutdown units stop in the reverse of their order: the
            // containers' clean shutdown (cubby-containers.service) runs before systemd
            // sends the scope's processes SIGTERM.
            "Before", "as", 1, "cubby-containers.service");
    if (r >= 0)
        r = sd_bus_message_close_container(call.get());
    if (r >= 0)
        r = sd_bus_message_append(call.get(), "a(sa(sv))", 0);
    CUBBY_CHECK(built(r, "StartTransientUnit"));
    sd_bus_message* reply = nullptr;
    r = sd_bus_call(bus, call.get(), callTimeoutUs, &error.error, &reply);
    sd_bus_message_unref(reply);
    if (r < 0)
        return fail(Error::system(-r, std::format("starting {}: {}", unit, error.text(r))));
    return {};
}

} // namespace

Status startContainerScope(std::string_view containerName, pid_t pid) {
    const std::string unit = containerScopeUnit(containerName);
    CUBBY_TRY(bus, openSystemBus());
    const auto deadline = std::chrono::steady_clock::now() + scopeWait;
    for (;;) {
        BusError error;
        auto started = callStartScope(bus.get(), unit, containerName, pid, error);
        // The last run's scope: its processes are gone, systemd has yet to notice.
        if (started || !error.is("org.freedesktop.systemd1.UnitExists") ||
            std::chrono::steady_clock::now() > deadline)
            return started;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

namespace {

Status callRegisterMachine(sd_bus* bus, const MachineRegistration& machine, BusError& error) {
    sd_bus_message* raw = nullptr;
    CUBBY_CHECK(built(sd_bus_message_new_method_call(
                          bus, &raw, "org.freedesktop.machine1", "/org/freedesktop/machine1",
                          "org.freedesktop.machine1.Manager", "RegisterMachineWithNetwork"),
                      "RegisterMachineWithNetwork"));
    const Message call(raw);
    int r = sd_bus_message_append(call.get(), "s", machine.name.c_str());
    if (r >= 0)
        r = sd_bus_message_append_array(call.get(), 'y', machine.uuid.bytes.data(),
                                        machine.uuid.bytes.size());
    if (r >= 0)
        r = sd_bus_message_append(call.get(), "ssus", "cubby", "container",
                                  static_cast<uint32_t>(machine.leader),
                                  machine.rootDirectory.c_str());
    if (r >= 0)
        r = sd_bus_message_append_array(call.get(), 'i', machine.hostInterfaces.data(),
                                        machine.hostInterfaces.size() * sizeof(int));
    CUBBY_CHECK(built(r, "RegisterMachineWithNetwork"));
    sd_bus_message* reply = nullptr;
    r = sd_bus_call(bus, call.get(), callTimeoutUs, &error.error, &reply);
    sd_bus_message_unref(reply);
    if (r >= 0)
        return {};
    if (error.is(SD_BUS_ERROR_SERVICE_UNKNOWN) || error.is(SD_BUS_ERROR_NAME_HAS_NO_OWNER))
        return fail(Error::of(ErrorKind::NotFound, "systemd-machined is not available"));
    return fail(Error::system(
        -r, std::format("registering {} with systemd-machined: {}", machine.name, error.text(r))));
}

} // namespace

Status registerMachine(const MachineRegistration& machine) {
    CUBBY_TRY(bus, openSystemBus());
    const auto deadline = std::chrono::steady_clock::now() + machineWait;
    for (;;) {
        BusError error;
        auto registered = callRegisterMachine(bus.get(), machine, error);
        // The last run's machine, when its controller was killed: machined drops it once
        // it sees the scope go, a moment later. Another manager's machine of the same name
        // stays, and this one is then not registered.
        if (registered || !error.is("org.freedesktop.machine1.MachineExists") ||
            std::chrono::steady_clock::now() > deadline)
            return registered;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

Status unregisterMachine(std::string_view name) {
    CUBBY_TRY(bus, openSystemBus());
    const std::string owned(name);
    BusError error;
    sd_bus_message* reply = nullptr;
    const int r =
        sd_bus_call_method(bus.get(), "org.freedesktop.machine1", "/org/freedesktop/machine1",
                           "org.freedesktop.machine1.Manager", "UnregisterMachine", &error.error,
                           &reply, "s", owned.c_str());
    sd_bus_message_unref(reply);
    if (r >= 0 || error.is("org.freedesktop.machine1.NoSuchMachine"))
        return {};
    return fail(Error::system(
        -r, std::format("unregistering {} from systemd-machined: {}", name, error.text(r))));
}

} // namespace cubby
