//===- Npy.cpp - Reading and writing NumPy .npy files ----------------------===//

#include "Npy.h"
#include "snn/Runner/Runner.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace snnrun;

int64_t NpyArray::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

int64_t NpyArray::elementBytes() const {
  int64_t bytes = 0;
  if (descr.size() < 3 || StringRef(descr).drop_front(2).getAsInteger(10, bytes))
    return 0;
  return bytes;
}

std::string NpyArray::shapeString() const { return mlir::snn::runner::formatShape(shape); }

/// The value of `key` in the header dictionary, e.g. `'descr': '<f4'`.
static std::optional<StringRef> headerValue(StringRef header, StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(at + key.size() + 2).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  rest = rest.ltrim();
  if (rest.starts_with("'"))
    return rest.drop_front().take_until([](char c) { return c == '\''; });
  if (rest.starts_with("("))
    return rest.drop_front().take_until([](char c) { return c == ')'; });
  return rest.take_until([](char c) { return c == ',' || c == '}'; }).trim();
}

static Error malformed(StringRef path, const Twine &why) {
  return createStringError(inconvertibleErrorCode(),
                           "'" + path + "' is not a valid .npy file: " + why);
}

Expected<NpyArray> snnrun::readNpy(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> file = MemoryBuffer::getFile(path);
  if (!file)
    return createStringError(file.getError(),
                             "cannot read '" + path + "': " + file.getError().message());
  StringRef bytes = (*file)->getBuffer();
  if (!bytes.starts_with("\x93NUMPY"))
    return malformed(path, "missing the \\x93NUMPY magic");
  if (bytes.size() < 10)
    return malformed(path, "truncated header");
  unsigned major = static_cast<unsigned char>(bytes[6]);
  size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = static_cast<unsigned char>(bytes[8]) |
                (static_cast<unsigned char>(bytes[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return malformed(path, "truncated header");
    headerLen = 0;
    for (int i = 3; i >= 0; --i)
      headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[8 + i]);
    headerStart = 12;
  } else {
    return malformed(path, "unsupported format version " + Twine(major));
  }
  if (bytes.size() < headerStart + headerLen)
    return malformed(path, "truncated header");
  StringRef header = bytes.substr(headerStart, headerLen);

  NpyArray array;
  std::optional<StringRef> descr = headerValue(header, "descr");
  std::optional<StringRef> order = headerValue(header, "fortran_order");
  std::optional<StringRef> shape = headerValue(header, "shape");
  if (!descr || !order || !shape)
    return malformed(path, "header lacks descr, fortran_order or shape");
  if (*order != "False")
    return malformed(path, "Fortran-ordered arrays are not supported");
  array.descr = descr->str();
  // Booleans, integers and floats of 1, 2, 4 or 8 bytes (snn-run's element
  // types); strings, objects, complex numbers and the like are not arrays
  // of numbers it can pass.
  int64_t elementBytes = array.elementBytes();
  if (array.descr.size() < 3 || !StringRef("biuf").contains(array.descr[1]) ||
      !llvm::is_contained({1, 2, 4, 8}, elementBytes) ||
      (array.descr[0] == '>' && elementBytes > 1))
    return malformed(path, "unsupported dtype '" + array.descr + "'");
  SmallVector<StringRef> dims;
  shape->split(dims, ',', -1, /*KeepEmpty=*/false);
  for (StringRef dim : dims) {
    int64_t size;
    if (dim.trim().getAsInteger(10, size) || size < 0)
      return malformed(path, "bad shape (" + *shape + ")");
    array.shape.push_back(size);
  }
  // The header's shape is untrusted: its byte count must not overflow.
  int64_t dataBytes = array.elementBytes();
  for (int64_t size : array.shape)
    if (MulOverflow(dataBytes, size, dataBytes))
      return malformed(path, "shape (" + *shape + ") is too large");
  StringRef data = bytes.drop_front(headerStart + headerLen);
  if (array.elementBytes() == 0 || data.size() != uint64_t(dataBytes))
    return malformed(path, "expected " + Twine(dataBytes) + " bytes of data, found " +
                               Twine(data.size()));
  array.data.assign(data.begin(), data.end());
  return array;
}

Error snnrun::writeNpy(StringRef path, const NpyArray &array) {
  std::string header = "{'descr': '" + array.descr + "', 'fortran_order': False, 'shape': " +
                       array.shapeString() + ", }";
  // Pad so that the data starts at a multiple of 64 bytes, ending in '\n'.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::error_code ec;
  raw_fd_ostream os(path, ec, sys::fs::OF_None);
  if (ec)
    return createStringError(ec, "cannot write '" + path + "': " + ec.message());
  os << "\x93NUMPY" << char(1) << char(0) << char(header.size() & 0xff)
     << char(header.size() >> 8) << header;
  os.write(array.data.data(), array.data.size());
  return Error::success();
}
