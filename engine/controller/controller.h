#pragma once
// One running container: starts init, owns its console, cgroup and run state, serves the
// control socket and carries out shutdown, destroy, reboot and the on_* lifecycle actions.
// When the container stops for good, everything it owned is removed and run() returns.

#include "cgroup.h"
#include "console_hub.h"
#include "container_plan.h"
#include "domain.h"
#include "event_log.h"
#include "event_loop.h"
#include "identity.h"
#include "network_plan.h"
#include "run_state.h"

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>

namespace cubby {

class Controller {
public:
    struct Setup {
        CubbyPaths paths;
        Domain domain;
        ContainerPlan plan;
        ContainerNetworkPlan network;
        ResolvedIdentity identity;
        UniqueFd lock;
        ContainerCgroup cgroup;
        std::unique_ptr<ConsoleHub> console;
        EventLoop loop;
        UniqueFd root; // the prepared root (root_staging.h) init starts in, at every boot
        // The host runs systemd and the container's group is in its scope (systemd_host.h):
        // each boot's init is registered with systemd-machined.
        bool systemdHost = false;
    };

    explicit Controller(Setup setup);
    ~Controller();

    // Starts init and the control socket. Returns init's pid once it runs.
    Result<pid_t> start();
    // Serves until the container has stopped for good and its state is removed.
    Status run();
    EventLoop& loop() { return m_setup.loop; }

private:
    enum class State { Running, ShuttingDown, Rebooting, Destroying };
    struct Client {
        UniqueFd fd;
        std::deque<std::string> outgoing;
        size_t queuedBytes = 0;
        bool attached = false;
        bool awaitingStop = false; // a destroy request, answered when the container is gone
    };

    // A console client that got a PTY master (the GUI, cubbyctl console): we hold the slave.
    struct PtyClient {
        UniqueFd slave;
        std::string outgoing;
        unsigned short rows = 0;
        unsigned short columns = 0;
    };

    Status launch();
    // systemd-machined learns of each boot's init and forgets it when init is gone.
    void registerMachine();
    void unregisterMachine();
    void openConsolePty(Client& client);
    void openShellFor(Client& client, const std::string& user);
    void execFor(Client& client, std::string_view payload);
    // OpenRoot: init's root directory and user namespace, for the helper's file copies.
    void openRootFor(Client& client);
    // SetLimits: memory and CPU changed in the running group, the live state rewritten.
    void setLimits(Client& client, std::string_view payload);
    void onPtyClient(int fd, uint32_t events);
    void queueToPty(int fd, PtyClient& pty, std::string_view bytes);
    void dropPtyClient(int fd);
    void followPtySizes();
    Status listen();
    Status writeLiveState();
    void onInitExit();
    void onSignal();
    void onConsole(uint32_t events);
    void onAccept();
    void onClient(int fd, uint32_t events);
    void handleRequest(Client& client, std::string_view packet);
    void send(Client& client, std::string packet);
    void flush(Client& client);
    void dropClient(int fd);
    void broadcast(std::string_view output);
    void requestStop(State state, int signal, std::chrono::seconds timeout);
    void armTimer(std::chrono::seconds timeout);
    void killInit();
    void finish();
    std::string statusText() const;

    Setup m_setup;
    State m_state = State::Running;
    pid_t m_initPid = -1;
    UniqueFd m_initPidfd;
    UniqueFd m_signals;
    UniqueFd m_timer;
    UniqueFd m_listener;
    std::map<int, std::unique_ptr<Client>> m_clients;
    std::map<int, std::unique_ptr<PtyClient>> m_ptyClients;
    UniqueFd m_sizeTimer; // ticks while PTY clients exist (a PTY reports no resize event)
    std::deque<std::chrono::steady_clock::time_point> m_restarts;
    // The processes that wait for exec'd commands, by pidfd: reaped when they end.
    std::map<int, std::pair<pid_t, UniqueFd>> m_execWaiters;
    bool m_finished = false;
    bool m_registered = false; // with systemd-machined, for the current init
    EventLog m_events;
    uint64_t m_oomKillsLogged = 0;
    UniqueFd m_oomWatch;   // readable when the OOM killer acted in the group (watchOomKills)
    UniqueFd m_oomRecheck; // a timer: the count read shortly after a notice
    bool m_oomRecheckArmed = false;
    void logOomKills(); // the OOM killer's victims since the last entry
};

} // namespace cubby
