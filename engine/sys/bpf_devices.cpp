#include "bpf_devices.h"

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <format>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>

namespace cubby {

namespace {

// Registers as the kernel's calling convention has them: r1 holds the context on entry, r0
// the verdict on exit. r2–r5 hold the decoded request for every rule.
enum Reg : uint8_t { r0, r1, r2, r3, r4, r5 };

constexpr bpf_insn insn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
    bpf_insn out{};
    out.code = code;
    out.dst_reg = dst & 0xf;
    out.src_reg = src & 0xf;
    out.off = off;
    out.imm = imm;
    return out;
}

// The handful of instructions the program needs, named after the kernel's filter.h macros.
constexpr bpf_insn ldxMemW(uint8_t dst, uint8_t src, int16_t off) {
    return insn(BPF_LDX | BPF_MEM | BPF_W, dst, src, off, 0);
}
constexpr bpf_insn alu32Imm(uint8_t op, uint8_t dst, int32_t imm) {
    return insn(BPF_ALU | op | BPF_K, dst, 0, 0, imm);
}
constexpr bpf_insn mov32Reg(uint8_t dst, uint8_t src) {
    return insn(BPF_ALU | BPF_MOV | BPF_X, dst, src, 0, 0);
}
constexpr bpf_insn mov64Imm(uint8_t dst, int32_t imm) {
    return insn(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm);
}
constexpr bpf_insn jneImm(uint8_t dst, int32_t imm, int16_t off) {
    return insn(BPF_JMP | BPF_JNE | BPF_K, dst, 0, off, imm);
}
constexpr bpf_insn jneReg(uint8_t dst, uint8_t src, int16_t off) {
    return insn(BPF_JMP | BPF_JNE | BPF_X, dst, src, off, 0);
}
constexpr bpf_insn exitInsn() {
    return insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

// The kernel's enums as plain ints, so they mix with immediates without conversions.
constexpr int32_t accessMknod = BPF_DEVCG_ACC_MKNOD;
constexpr int32_t accessRead = BPF_DEVCG_ACC_READ;
constexpr int32_t accessWrite = BPF_DEVCG_ACC_WRITE;
constexpr int32_t allAccess = accessRead | accessWrite | accessMknod;
constexpr int32_t typeBlock = BPF_DEVCG_DEV_BLOCK;
constexpr int32_t typeChar = BPF_DEVCG_DEV_CHAR;

constexpr int32_t accessMask(const DeviceRule& rule) {
    return (rule.read ? accessRead : 0) | (rule.write ? accessWrite : 0) |
           (rule.mknod ? accessMknod : 0);
}

uint64_t pointerValue(const void* pointer) {
    return reinterpret_cast<uintptr_t>(pointer);
}

long bpf(int command, bpf_attr& attr) {
    return ::syscall(SYS_bpf, command, &attr, sizeof attr);
}

} // namespace

std::vector<bpf_insn> buildDeviceProgram(std::span<const DeviceRule> allowed) {
    std::vector<bpf_insn> program = {
        // r2 = device type (BPF_DEVCG_DEV_CHAR or _BLOCK), the low half of access_type
        ldxMemW(r2, r1, offsetof(bpf_cgroup_dev_ctx, access_type)),
        alu32Imm(BPF_AND, r2, 0xffff),
        // r3 = requested access (BPF_DEVCG_ACC_* bits), the high half
        ldxMemW(r3, r1, offsetof(bpf_cgroup_dev_ctx, access_type)),
        alu32Imm(BPF_RSH, r3, 16),
        ldxMemW(r4, r1, offsetof(bpf_cgroup_dev_ctx, major)),
        ldxMemW(r5, r1, offsetof(bpf_cgroup_dev_ctx, minor)),
    };
    // One block per rule: each test that fails jumps to the next block; a request that passes
    // them all is allowed on the spot.
    for (const DeviceRule& rule : allowed) {
        const int32_t access = accessMask(rule);
        if (access == 0)
            continue;
        std::vector<bpf_insn> block;
        if (access != allAccess) {
            // Every requested bit must be granted: (r3 & access) == r3.
            block.push_back(mov32Reg(r1, r3));
            block.push_back(alu32Imm(BPF_AND, r1, access));
            block.push_back(jneReg(r1, r3, 0));
        }
        if (rule.type == 'c' || rule.type == 'b')
            block.push_back(jneImm(r2, rule.type == 'c' ? typeChar : typeBlock, 0));
        if (rule.major >= 0)
            block.push_back(jneImm(r4, rule.major, 0));
        if (rule.minor >= 0)
            block.push_back(jneImm(r5, rule.minor, 0));
        const bool unconditional = block.empty();
        block.push_back(mov64Imm(r0, 1));
        block.push_back(exitInsn());
        // Point every conditional jump just past the block.
        for (size_t i = 0; i < block.size(); ++i) {
            if (BPF_CLASS(block[i].code) == BPF_JMP && BPF_OP(block[i].code) == BPF_JNE)
                block[i].off = static_cast<int16_t>(block.size() - i - 1);
        }
        program.insert(program.end(), block.begin(), block.end());
        // The verifier refuses unreachable instructions, and nothing after an allow-all is.
        if (unconditional)
            return program;
    }
    program.push_back(mov64Imm(r0, 0));
    program.push_back(exitInsn());
    return program;
}

Result<UniqueFd> loadDeviceProgram(std::span<const bpf_insn> program) {
    static constexpr char license[] = "GPL";
    const auto load = [&](char* log, uint32_t logSize) {
        bpf_attr attr{};
        attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
        attr.insns = pointerValue(program.data());
        attr.insn_cnt = static_cast<uint32_t>(program.size());
        attr.license = pointerValue(license);
        attr.log_buf = pointerValue(log);
        attr.log_size = logSize;
        attr.log_level = log ? 1 : 0;
        // Shown by `bpftool prog` so people can tell whose program it is.
        std::strncpy(attr.prog_name, "cubby_devices", sizeof attr.prog_name - 1);
        // The kernel opens program descriptors O_CLOEXEC.
        return UniqueFd(static_cast<int>(bpf(BPF_PROG_LOAD, attr)));
    };
    if (UniqueFd fd = load(nullptr, 0))
        return fd;
    const int err = errno;
    // Load again with the verifier's log, only to explain the failure.
    std::string log(64 * 1024, '\0');
    if (UniqueFd again = load(log.data(), static_cast<uint32_t>(log.size())))
        return again;
    log.resize(std::strlen(log.c_str()));
    std::string context =
        std::format("loading the device BPF program ({} instructions)", program.size());
    if (!log.empty())
        context += std::format(" (verifier: {})", log);
    return fail(Error::system(err, std::move(context)));
}

Status attachDeviceProgram(int cgroupDir, int program) {
    bpf_attr attr{};
    attr.target_fd = static_cast<uint32_t>(cgroupDir);
    attr.attach_bpf_fd = static_cast<uint32_t>(program);
    attr.attach_type = BPF_CGROUP_DEVICE;
    attr.attach_flags = BPF_F_ALLOW_MULTI;
    if (bpf(BPF_PROG_ATTACH, attr) != 0)
        return fail(Error::system(errno, "attaching the device BPF program"));
    return {};
}

Status restrictDevices(int cgroupDir, std::span<const DeviceRule> allowed, std::string_view what) {
    const auto inGroup = [&](Error error) {
        error.message = std::format("{}: {}", what, error.message);
        return fail(std::move(error));
    };
    const auto program = buildDeviceProgram(allowed);
    auto loaded = loadDeviceProgram(program);
    if (!loaded)
        return inGroup(std::move(loaded.error()));
    if (auto attached = attachDeviceProgram(cgroupDir, loaded->get()); !attached)
        return inGroup(std::move(attached.error()));
    return {};
}

} // namespace cubby
