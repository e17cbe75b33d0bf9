#pragma once
// libvirt as a benchmark peer: libvirtd run in the foreground for the length of a benchmark, in
// the calling thread's network namespace and in a private mount namespace, so nothing it writes
// outlives the run: its configuration is copied to a work directory and bound over /etc/libvirt,
// its state, log and cache directories are bound from there too. Its socket stays in the build
// root's private /run (virsh has to reach it).
//
// Two adaptations to this host, both printed by the benchmarks:
// - libvirt_lxc cannot set up a container's cgroups on a v1/v2 hybrid host ("Unable to create
//   directory /sys/fs/cgroup/unified"); inside libvirtd's mount namespace a tmpfs hides
//   /sys/fs/cgroup/unified, so libvirt sees a plain v1 host (as crun in bench-controller).
// - the network driver's nftables backend adds a `tc … action csum` filter for DHCP checksums,
//   which this kernel cannot load ("Failed to load TC action module"); a `tc` first on
//   libvirtd's PATH runs the real one and ignores that one failure.
//
// Domains go into a partition of their own (<resource><partition>), made here in every cgroup
// hierarchy and removed with whatever libvirt left in it, instead of libvirt's default /machine
// at the top of the host's hierarchies.

#include "error.h"

#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cubby::bench {

class LibvirtDaemon {
public:
    // Starts libvirtd and waits until virsh reaches it. `workDir` must exist.
    static Result<std::unique_ptr<LibvirtDaemon>> start(const std::string& workDir);
    ~LibvirtDaemon();
    LibvirtDaemon(const LibvirtDaemon&) = delete;
    LibvirtDaemon& operator=(const LibvirtDaemon&) = delete;

    // `virsh -c lxc:/// ARGS…`, timed; fails with virsh's message.
    Result<double> virsh(const std::vector<std::string>& args) const;
    // The cgroup partition for <resource><partition> in the domains' XML.
    std::string partition() const { return "/" + m_partitionName; }
    // libvirt's log of one LXC domain (the container's start-up errors), last lines.
    std::string domainLog(const std::string& name) const;
    std::string version() const;
    pid_t pid() const { return m_pid; }

private:
    LibvirtDaemon() = default;
    Status makePartition();
    void removePartition();

    std::string m_workDir;
    std::string m_partitionName;
    std::vector<std::string> m_partitionDirs; // one per hierarchy
    pid_t m_pid = -1;
};

// The BusyBox domain every start benchmark uses: 64 MiB, `init` from `root`, a console, and
// `devices` (interfaces) or else <privnet/> (a network namespace with only loopback).
// `partition` adds libvirt's <resource> (Cubby keeps it verbatim and does not use it).
std::string benchDomainXml(const std::string& name, const std::string& root,
                           const std::string& init, const std::string& devices = "",
                           const std::string& partition = "");

} // namespace cubby::bench
