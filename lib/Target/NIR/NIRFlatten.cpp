//===- NIRFlatten.cpp - Nested NIRGraphs expanded in place ----------------===//

#include "NIRInternal.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace snn::nir;

void detail::FlatGraph::add(std::string name, const Node *node) {
  auto [it, added] = index.try_emplace(name, names.size());
  if (added) {
    names.push_back(std::move(name));
    nodes.push_back(node);
  } else {
    nodes[it->second] = node; // a later node of the same name wins, in place
  }
}

const Node *detail::FlatGraph::lookup(llvm::StringRef name) const {
  auto it = index.find(name.str());
  return it == index.end() ? nullptr : nodes[it->second];
}

/// The flat name of edge end `ref` of `graph`: a node, a node inside a
/// subgraph ('sub.node'), or a subgraph, which stands for its only `port`
/// ('Input' for an edge's target, 'Output' for its source).
static llvm::Expected<std::string> endpoint(const Node &graph, llvm::StringRef ref,
                                            const std::string &prefix, llvm::StringRef port) {
  auto it = graph.nodes.find(ref.str());
  if (it == graph.nodes.end()) {
    for (size_t cut = ref.find('.'); cut != llvm::StringRef::npos; cut = ref.find('.', cut + 1)) {
      auto sub = graph.nodes.find(ref.take_front(cut).str());
      if (sub != graph.nodes.end() && sub->second.isGraph())
        return endpoint(sub->second, ref.drop_front(cut + 1),
                        prefix + ref.take_front(cut).str() + ".", port);
    }
    return detail::makeError("an edge names the unknown node '" + prefix + ref + "'");
  }
  if (!it->second.isGraph())
    return prefix + ref.str();
  llvm::SmallVector<std::string> ports;
  for (const auto &[key, inner] : it->second.nodes)
    if (inner.type == port)
      ports.push_back("'" + key + "'");
  if (ports.size() != 1)
    return detail::makeError(
        llvm::formatv("subgraph '{0}{1}' has {2} {3} nodes [{4}]; an edge must "
                      "name one as '{0}{1}.<name>'",
                      prefix, ref, ports.size(), port, llvm::join(ports, ", ")));
  return prefix + ref.str() + "." + ports.front().substr(1, ports.front().size() - 2);
}

/// Nodes and edges of `graph` under `prefix` into `flat`.
static llvm::Error flattenInto(const Node &graph, const std::string &prefix,
                               detail::FlatGraph &flat) {
  static const Node identity{"Identity", {}, {}, {}};
  for (const auto &[key, node] : graph.nodes) {
    if (node.isGraph()) {
      if (llvm::Error err = flattenInto(node, prefix + key + ".", flat))
        return err;
    } else if (!prefix.empty() && (node.type == "Input" || node.type == "Output")) {
      flat.add(prefix + key, &identity);
    } else {
      flat.add(prefix + key, &node);
    }
  }
  for (const auto &[source, target] : graph.edges) {
    llvm::Expected<std::string> from = endpoint(graph, source, prefix, "Output");
    if (!from)
      return from.takeError();
    llvm::Expected<std::string> to = endpoint(graph, target, prefix, "Input");
    if (!to)
      return to.takeError();
    flat.edges.emplace_back(std::move(*from), std::move(*to));
  }
  return llvm::Error::success();
}

llvm::Expected<detail::FlatGraph> detail::flatten(const Node &root) {
  FlatGraph flat;
  if (llvm::Error err = flattenInto(root, "", flat))
    return std::move(err);
  return flat;
}
