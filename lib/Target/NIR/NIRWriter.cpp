//===- NIRWriter.cpp - A NIR graph as the bytes of a NIR 1.0 file ---------===//
//
// Writes the layout NIR 1.0 writes: `version` "1.0.0" (whatever
// `Graph::version` says, the layout is 1.0's), a root group `node`
// holding the graph (`type` = "NIRGraph", `nodes/<name>/...`, `edges` as an
// (n, 2) array of strings), each node's parameters as datasets. The file is
// built in memory (HDF5's core driver without a backing store) and returned
// as bytes; object timestamps are off, so equal graphs give equal bytes.
//
//===----------------------------------------------------------------------===//

#include "HDF5Handle.h"
#include "snn/Target/NIR/NIRGraph.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FormatVariadic.h"

#include <hdf5.h>

#include <atomic>
#include <cmath>

using namespace snn::nir;
using snn::nir::detail::Handle;

namespace {

/// NIR's parameters that hold integers (sizes, strides, dimensions); every
/// other number is real.
bool isIntegerParam(llvm::StringRef name) {
  static const llvm::StringSet<> names = {
      "shape",   "input_type", "output_type", "stride",    "padding",
      "dilation", "groups",    "kernel_size", "start_dim", "end_dim",
      "input_shape"};
  return names.contains(name);
}

/// `input_type` and `output_type` are groups with one member in NIR 1.0
/// (`{"input": shape}`, `{"output": shape}`); the member's name.
std::optional<llvm::StringRef> portMember(llvm::StringRef name) {
  if (name == "input_type")
    return llvm::StringRef("input");
  if (name == "output_type")
    return llvm::StringRef("output");
  return std::nullopt;
}

bool fitsFloat32(llvm::ArrayRef<double> values) {
  return llvm::all_of(values, [](double v) {
    return std::isnan(v) || static_cast<double>(static_cast<float>(v)) == v;
  });
}

class Writer {
public:
  explicit Writer(hid_t file) : file(file) {}

  llvm::Error writeGraph(const Graph &graph) {
    if (llvm::Error error = writeText(file, "version", "1.0.0"))
      return error;
    Handle root = createGroup(file, "node");
    if (!root.valid())
      return fail("cannot create the group 'node'");
    return writeNode(root, graph.root, "");
  }

private:
  llvm::Error writeNode(hid_t group, const Node &node, const std::string &path) {
    if (llvm::Error error = writeText(group, "type", node.type))
      return error;
    if (node.isGraph())
      return writeSubgraph(group, node, path);
    for (const auto &[name, param] : node.params) {
      llvm::Error error = writeParam(group, name, param, path);
      if (error)
        return error;
    }
    return llvm::Error::success();
  }

  llvm::Error writeSubgraph(hid_t group, const Node &node, const std::string &path) {
    Handle members = createGroup(group, "nodes");
    if (!members.valid())
      return fail("graph '" + displayName(path) + "': cannot create 'nodes'");
    for (const auto &[name, child] : node.nodes) {
      std::string childPath = path.empty() ? name : path + "." + name;
      // HDF5 reads '/' as a path separator and '.' as the group itself.
      if (name.empty() || name == "." || llvm::StringRef(name).contains('/'))
        return fail("graph '" + displayName(path) + "': '" + name +
                    "' is not a node name HDF5 can hold");
      Handle childGroup = createGroup(members, name);
      if (!childGroup.valid())
        return fail("cannot create a group for node '" + childPath + "'");
      if (llvm::Error error = writeNode(childGroup, child, childPath))
        return error;
    }
    std::vector<const char *> names;
    for (const auto &[source, target] : node.edges) {
      names.push_back(source.c_str());
      names.push_back(target.c_str());
    }
    hsize_t dims[2] = {node.edges.size(), 2};
    Handle space(H5Screate_simple(2, dims, nullptr), H5Sclose);
    Handle type = stringType();
    return writeDataset(group, "edges", type, space, names.empty() ? nullptr : names.data(),
                        "graph '" + displayName(path) + "'");
  }

  llvm::Error writeParam(hid_t group, const std::string &name, const Param &param,
                         const std::string &path) {
    std::string what = "node '" + path + "': parameter '" + name + "'";
    if (param.isText())
      return writeText(group, name, *param.text);
    int64_t count = 1;
    for (int64_t dim : param.shape)
      count *= dim;
    if (count != param.size())
      return fail(what + " has " + llvm::Twine(param.size()) + " values for its shape");
    if (std::optional<llvm::StringRef> member = portMember(name)) {
      Handle port = createGroup(group, name);
      if (!port.valid())
        return fail(what + ": cannot create its group");
      return writeNumbers(port, member->str(), param, /*integer=*/true, what);
    }
    return writeNumbers(group, name, param, isIntegerParam(name), what);
  }

  llvm::Error writeNumbers(hid_t group, const std::string &name, const Param &param,
                           bool integer, const std::string &what) {
    llvm::SmallVector<hsize_t> dims(param.shape.begin(), param.shape.end());
    Handle space(dims.empty() ? H5Screate(H5S_SCALAR)
                              : H5Screate_simple(dims.size(), dims.data(), nullptr),
                 H5Sclose);
    if (integer) {
      std::vector<int64_t> ints;
      for (double v : param.values) {
        if (v != std::trunc(v) || std::abs(v) >= 0x1p63)
          return fail(what + " must hold integers, got " + llvm::formatv("{0}", v));
        ints.push_back(static_cast<int64_t>(v));
      }
      return writeDataset(group, name, H5T_NATIVE_INT64, space, ints.data(), what);
    }
    // float32 (NIR's usual type) where that keeps every value exactly.
    if (fitsFloat32(param.values)) {
      std::vector<float> floats(param.values.begin(), param.values.end());
      return writeDataset(group, name, H5T_NATIVE_FLOAT, space, floats.data(), what);
    }
    return writeDataset(group, name, H5T_NATIVE_DOUBLE, space, param.values.data(), what);
  }

  llvm::Error writeText(hid_t group, const std::string &name, const std::string &text) {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle type = stringType();
    const char *data = text.c_str();
    return writeDataset(group, name, type, space, &data, "'" + name + "'");
  }

  llvm::Error writeDataset(hid_t group, const std::string &name, hid_t type, hid_t space,
                           const void *data, const std::string &what) {
    Handle props(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    H5Pset_obj_track_times(props, false);
    Handle dataset(H5Dcreate2(group, name.c_str(), type, space, H5P_DEFAULT, props,
                              H5P_DEFAULT),
                   H5Dclose);
    if (!dataset.valid())
      return fail(what + ": cannot create the dataset '" + name + "'");
    if (data && H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
      return fail(what + ": cannot write the dataset '" + name + "'");
    return llvm::Error::success();
  }

  static Handle createGroup(hid_t parent, const std::string &name) {
    Handle props(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
    H5Pset_obj_track_times(props, false);
    return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, props, H5P_DEFAULT),
                  H5Gclose);
  }

  /// Variable-length UTF-8 strings, as h5py writes `str`.
  static Handle stringType() {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    return type;
  }

  static std::string displayName(const std::string &path) {
    return path.empty() ? "<root>" : path;
  }

  static llvm::Error fail(const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write NIR: " + message);
  }

  hid_t file;
};

} // namespace

llvm::Expected<std::string> snn::nir::writeNIR(const Graph &graph) {
  if (!graph.root.isGraph())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write NIR: the root node is a " +
                                       graph.root.type + ", not a NIRGraph");
  // HDF5 reports failures through return values here; its own printing of
  // error stacks would only repeat them on stderr.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  H5Pset_fapl_core(access, /*increment=*/1 << 16, /*backing_store=*/false);
  // The core driver keys open files by name: each call takes its own.
  static std::atomic<unsigned> counter{0};
  std::string name = "snn-nir-writer-" + std::to_string(counter++);
  Handle file(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access), H5Fclose);
  if (!file.valid())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write NIR: HDF5 cannot create a file in memory");
  if (llvm::Error error = Writer(file).writeGraph(graph))
    return std::move(error);
  H5Fflush(file, H5F_SCOPE_GLOBAL);
  ssize_t size = H5Fget_file_image(file, nullptr, 0);
  std::string bytes(size > 0 ? size : 0, '\0');
  if (size <= 0 || H5Fget_file_image(file, bytes.data(), bytes.size()) != size)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write NIR: HDF5 gives no file image");
  return bytes;
}
