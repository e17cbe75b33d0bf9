#pragma once
// libnftables: rulesets are applied as text in one transaction each (`nft -f` semantics), in
// the network namespace of the thread that created the context.

#include "error.h"

#include <memory>
#include <string>
#include <string_view>

struct nft_ctx;

namespace cubby {

class Nftables {
public:
    static Result<Nftables> create();
    // Runs the commands atomically; returns what nft printed (e.g. for `list`).
    Result<std::string> run(std::string_view commands);
    // The whole ruleset as `nft -j --handle list ruleset` prints it (firewall_analysis.h).
    Result<std::string> listRulesetJson();

private:
    struct Deleter {
        void operator()(nft_ctx* context) const;
    };
    explicit Nftables(std::unique_ptr<nft_ctx, Deleter> context)
        : m_context(std::move(context)) {}
    std::unique_ptr<nft_ctx, Deleter> m_context;
};

} // namespace cubby
