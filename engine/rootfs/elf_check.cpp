#include "elf_check.h"

#include <cstddef>
#include <cstdint>
#include <elf.h>
#include <format>

namespace cubby {

namespace {

// Reads an unsigned field of `size` bytes at `offset` in the file's byte order; the caller
// has checked the bounds.
uint64_t field(std::string_view image, size_t offset, size_t size, bool bigEndian) {
    uint64_t value = 0;
    for (size_t i = 0; i < size; ++i) {
        const auto byte =
            static_cast<unsigned char>(image[offset + (bigEndian ? i : size - 1 - i)]);
        value = (value << 8) | byte;
    }
    return value;
}

} // namespace

Result<ElfLinkage> elfLinkage(std::string_view image, std::string_view what) {
    const auto unsupported = [&](std::string_view why) {
        return fail(Error::of(ErrorKind::Unsupported, std::format("{} {}", what, why)));
    };
    if (image.size() < EI_NIDENT || image.substr(0, SELFMAG) != std::string_view(ELFMAG, SELFMAG))
        return unsupported("is not an ELF program");
    const auto elfClass = static_cast<unsigned char>(image[EI_CLASS]);
    const auto data = static_cast<unsigned char>(image[EI_DATA]);
    if ((elfClass != ELFCLASS32 && elfClass != ELFCLASS64) ||
        (data != ELFDATA2LSB && data != ELFDATA2MSB))
        return unsupported("has an ELF header of an unknown class or byte order");
    const bool is64 = elfClass == ELFCLASS64;
    const bool bigEndian = data == ELFDATA2MSB;
    const size_t headerSize = is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    if (image.size() < headerSize)
        return unsupported("is cut short inside its ELF header");
    const uint64_t type = field(image, offsetof(Elf64_Ehdr, e_type), 2, bigEndian);
    if (type != ET_EXEC && type != ET_DYN)
        return unsupported("is an ELF file but not an executable");
    const uint64_t phoff = is64 ? field(image, offsetof(Elf64_Ehdr, e_phoff), 8, bigEndian)
                                : field(image, offsetof(Elf32_Ehdr, e_phoff), 4, bigEndian);
    const uint64_t phentsize = is64 ? field(image, offsetof(Elf64_Ehdr, e_phentsize), 2, bigEndian)
                                    : field(image, offsetof(Elf32_Ehdr, e_phentsize), 2, bigEndian);
    const uint64_t phnum = is64 ? field(image, offsetof(Elf64_Ehdr, e_phnum), 2, bigEndian)
                                : field(image, offsetof(Elf32_Ehdr, e_phnum), 2, bigEndian);
    if (phnum == 0 || phnum >= PN_XNUM)
        return unsupported("has no program headers");
    if (phentsize < (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) || phoff > image.size() ||
        phnum > (image.size() - phoff) / phentsize)
        return unsupported("has program headers that do not fit in the file");
    for (uint64_t i = 0; i < phnum; ++i) {
        if (field(image, phoff + i * phentsize, 4, bigEndian) == PT_INTERP)
            return ElfLinkage::Dynamic;
    }
    return ElfLinkage::Static;
}

} // namespace cubby
