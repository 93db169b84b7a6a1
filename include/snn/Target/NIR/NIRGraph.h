//===- NIRGraph.h - A NIR graph in memory -----------------------*- C++ -*-===//
//
// The Neuromorphic Intermediate Representation (NIR, https://neuroir.org) as
// the importer and exporter see it: a graph of typed nodes with array
// parameters, independent of HDF5. `readNIR` fills it in canonical form (NIR
// 1.0 parameter names, defaults filled in, whatever the file's layout);
// `writeNIR` writes it as a NIR 1.0 file.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_TARGET_NIR_NIRGRAPH_H
#define SNN_TARGET_NIR_NIRGRAPH_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace snn::nir {

/// One parameter of a node: numbers with a shape (a scalar has shape {}), or
/// a text (Conv padding 'same' / 'valid').
struct Param {
  llvm::SmallVector<int64_t> shape;
  std::vector<double> values;
  std::optional<std::string> text;

  static Param scalar(double value) { return {{}, {value}, std::nullopt}; }
  static Param array(llvm::ArrayRef<int64_t> shape, std::vector<double> values) {
    return {llvm::SmallVector<int64_t>(shape), std::move(values), std::nullopt};
  }
  static Param string(std::string text) { return {{}, {}, std::move(text)}; }
  bool isText() const { return text.has_value(); }
  int64_t size() const { return static_cast<int64_t>(values.size()); }
};

/// A node: a primitive (`type` is "LIF", "Affine", ...) with its parameters,
/// or a subgraph (`type` is "NIRGraph") with nodes and edges. Maps are ordered
/// by name, so that everything built from a graph is deterministic.
struct Node {
  std::string type;
  std::map<std::string, Param> params;
  std::map<std::string, Node> nodes;
  /// (source, target) in file order; names may be dotted ('sub.node').
  std::vector<std::pair<std::string, std::string>> edges;

  bool isGraph() const { return type == "NIRGraph"; }
  const Param *param(llvm::StringRef name) const {
    auto it = params.find(name.str());
    return it == params.end() ? nullptr : &it->second;
  }
};

/// A whole file: the root graph and the NIR version it was written with.
struct Graph {
  Node root;
  std::string version;
};

/// The canonical graph of a `.nir` file's bytes: HDF5, or HDF5 compressed as
/// a whole with gzip. Errors are one line and name the node.
llvm::Expected<Graph> readNIR(llvm::ArrayRef<char> bytes);

/// The bytes of a NIR 1.0 HDF5 file holding `graph`.
llvm::Expected<std::string> writeNIR(const Graph &graph);

} // namespace snn::nir

#endif // SNN_TARGET_NIR_NIRGRAPH_H
