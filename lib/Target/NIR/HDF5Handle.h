//===- HDF5Handle.h - An HDF5 identifier that closes itself -----*- C++ -*-===//
//
// Private to lib/Target/NIR: the reader and the writer hold every HDF5 file,
// group, dataset, dataspace, datatype and property list in one, so that no
// error path leaks an identifier.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_TARGET_NIR_HDF5HANDLE_H
#define SNN_LIB_TARGET_NIR_HDF5HANDLE_H

#include <hdf5.h>

#include <utility>

namespace snn::nir::detail {

/// An HDF5 identifier, closed with its kind's close function.
class Handle {
public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id(id), close(close) {}
  Handle(Handle &&other) : id(other.id), close(other.close) { other.id = -1; }
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;
  Handle &operator=(Handle &&other) {
    std::swap(id, other.id);
    std::swap(close, other.close);
    return *this;
  }
  ~Handle() {
    if (id >= 0)
      close(id);
  }
  operator hid_t() const { return id; }
  bool valid() const { return id >= 0; }

private:
  hid_t id;
  herr_t (*close)(hid_t);
};

} // namespace snn::nir::detail

#endif // SNN_LIB_TARGET_NIR_HDF5HANDLE_H
