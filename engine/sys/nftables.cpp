#include "nftables.h"

#include <cerrno>
#include <nftables/libnftables.h>

namespace cubby {

void Nftables::Deleter::operator()(nft_ctx* context) const {
    nft_ctx_free(context);
}

Result<Nftables> Nftables::create() {
    std::unique_ptr<nft_ctx, Deleter> context(nft_ctx_new(NFT_CTX_DEFAULT));
    if (!context)
        return fail(Error::system(ENOMEM, "creating an nftables context"));
    nft_ctx_buffer_output(context.get());
    nft_ctx_buffer_error(context.get());
    return Nftables(std::move(context));
}

Result<std::string> Nftables::run(std::string_view commands) {
    const std::string text(commands);
    if (nft_run_cmd_from_buffer(m_context.get(), text.c_str()) != 0) {
        std::string message = "nftables refused the ruleset: ";
        message += nft_ctx_get_error_buffer(m_context.get());
        while (!message.empty() && message.back() == '\n')
            message.pop_back();
        return fail(Error{ErrorKind::System, 0, std::move(message)});
    }
    return std::string(nft_ctx_get_output_buffer(m_context.get()));
}

Result<std::string> Nftables::listRulesetJson() {
    const unsigned flags = nft_ctx_output_get_flags(m_context.get());
    nft_ctx_output_set_flags(m_context.get(), flags | NFT_CTX_OUTPUT_JSON | NFT_CTX_OUTPUT_HANDLE);
    auto listed = run("list ruleset");
    nft_ctx_output_set_flags(m_context.get(), flags);
    return listed;
}

} // namespace cubby
