//===- NIRInternal.h - What the NIR reader and importer share -------------===//
//
// Private to lib/Target/NIR: the one-line errors and how they print
// numbers and shapes (as the Python importer does, so that both give the
// same messages), the reader's error code for errors about a file's bytes,
// and a graph with its subgraphs expanded.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_TARGET_NIR_NIRINTERNAL_H
#define SNN_LIB_TARGET_NIR_NIRINTERNAL_H

#include "snn/Target/NIR/NIRGraph.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <system_error>

namespace snn::nir::detail {

/// A one-line error.
inline llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// A number as C's and Python's `%g` print it.
std::string formatNumber(double value);
/// A shape as Python prints a tuple: (5,) or (2, 3).
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// The error code of readNIR's errors about the bytes as a whole (not about
/// a node): a caller that knows the file's name names it in front of them.
std::error_code fileErrorCode();

/// The NIR primitive types the reader accepts, in docs/NIR.md's order.
llvm::ArrayRef<llvm::StringLiteral> nodeTypes();

/// The primitives of a graph with nested NIRGraphs expanded: inner nodes are
/// named 'sub.inner', the inner Input and Output nodes become pass-through
/// Identity nodes. Nodes keep the order in which the expansion meets them
/// (a subgraph's nodes where the subgraph is), which is the order of the
/// function's arguments and results.
struct FlatGraph {
  std::vector<std::string> names;
  std::vector<const Node *> nodes; // parallel to names; they point into the graph
  std::vector<std::pair<std::string, std::string>> edges;

  void add(std::string name, const Node *node);
  const Node *lookup(llvm::StringRef name) const;

private:
  std::map<std::string, size_t> index;
};

/// `root` (a NIRGraph) flattened, or an error for an edge that names no node.
llvm::Expected<FlatGraph> flatten(const Node &root);

} // namespace snn::nir::detail

#endif // SNN_LIB_TARGET_NIR_NIRINTERNAL_H
