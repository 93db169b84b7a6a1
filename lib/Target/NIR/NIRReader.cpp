//===- NIRReader.cpp - NIR files (HDF5) into a canonical NIR graph --------===//
//
// `readNIR` accepts every layout from NIR 0.1 to 1.0 (parameters as
// datasets or as groups of one member, strings fixed or variable, numbers of
// any width, defaults missing) and returns one canonical form (NIRGraph.h).
// HDF5 itself can crash or hang on corrupted bytes: what can be checked
// before HDF5 reads the image is checked here (signature, superblock, end of
// file), HDF5's own error printing is off, and its failures become one-line
// errors. Isolation.h runs the reader in a child process for the rest.
//
//===----------------------------------------------------------------------===//

#include "HDF5Handle.h"
#include "NIRInternal.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FormatVariadic.h"

#include <hdf5.h>
#include <zlib.h>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <mutex>

using namespace snn::nir;
using snn::nir::detail::Handle;

// The largest file image (after gzip) and the most elements of one dataset
// the reader accepts: NIR files are weights of networks, not data sets.
static constexpr size_t kMaxImageBytes = size_t(1) << 31;
static constexpr uint64_t kMaxElements = uint64_t(1) << 28;
// Nested NIRGraphs and groups standing for their member: a hard link to an
// ancestor group would nest forever.
static constexpr int kMaxDepth = 64;

std::string snn::nir::detail::formatNumber(double value) {
  char text[32];
  snprintf(text, sizeof(text), "%g", value);
  return text;
}

std::string snn::nir::detail::formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (auto [i, d] : llvm::enumerate(shape))
    text += (i ? ", " : "") + std::to_string(d);
  return text + (shape.size() == 1 ? ",)" : ")");
}

std::error_code snn::nir::detail::fileErrorCode() {
  return std::make_error_code(std::errc::illegal_byte_sequence);
}

/// An error about the bytes as a whole, not about a node: callers that know
/// the file's name prefix it.
static llvm::Error fileError(const llvm::Twine &message) {
  return llvm::createStringError(detail::fileErrorCode(), message);
}

//===----------------------------------------------------------------------===//
// Before HDF5: gzip, signature, superblock
//===----------------------------------------------------------------------===//

/// The bytes of a whole-file gzip stream (several members are concatenated).
static llvm::Expected<std::string> gunzip(llvm::ArrayRef<char> bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
    return fileError("cannot start zlib");
  std::string out;
  stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  char chunk[1 << 16];
  int status = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef *>(chunk);
    stream.avail_out = sizeof(chunk);
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof(chunk) - stream.avail_out);
    if (out.size() > kMaxImageBytes) {
      inflateEnd(&stream);
      return fileError("the gzip stream inflates to more than 2 GiB");
    }
    if (status == Z_STREAM_END && stream.avail_in > 0) {
      inflateReset(&stream); // the next member
      continue;
    }
    if (status == Z_STREAM_END)
      break;
    if (status != Z_OK || (stream.avail_in == 0 && stream.avail_out != 0)) {
      const char *why = stream.msg ? stream.msg : "the stream ends early";
      inflateEnd(&stream);
      return fileError(llvm::Twine("corrupted gzip stream: ") + why);
    }
  }
  inflateEnd(&stream);
  return out;
}

static uint64_t readLittle(llvm::StringRef bytes, size_t at, unsigned width) {
  uint64_t value = 0;
  for (unsigned i = 0; i < width; ++i)
    value |= uint64_t(static_cast<uint8_t>(bytes[at + i])) << (8 * i);
  return value;
}

/// Checks that `image` starts an HDF5 file whose superblock fits and whose
/// end-of-file address lies within the image (HDF5 reads past a truncated
/// image's end on some paths).
static llvm::Error checkSuperblock(llvm::StringRef image) {
  static constexpr llvm::StringLiteral signature("\x89HDF\r\n\x1a\n");
  size_t at = 0;
  while (at + signature.size() <= image.size() && image.substr(at, signature.size()) != signature)
    at = at ? at * 2 : 512;
  if (at + signature.size() > image.size())
    return fileError("not an HDF5 file (no HDF5 signature at offset 0, 512, 1024, ...)");
  llvm::StringRef block = image.drop_front(at);
  if (block.size() < 16)
    return fileError("truncated HDF5 file: the superblock is cut off");
  unsigned version = static_cast<uint8_t>(block[8]);
  unsigned sizeOffsets, fieldsAt;
  if (version <= 1) {
    sizeOffsets = static_cast<uint8_t>(block[13]);
    fieldsAt = version == 0 ? 24 : 28;
  } else if (version <= 3) {
    sizeOffsets = static_cast<uint8_t>(block[9]);
    fieldsAt = 12;
  } else {
    return fileError(llvm::formatv("unsupported HDF5 superblock version {0}", version));
  }
  if (sizeOffsets != 2 && sizeOffsets != 4 && sizeOffsets != 8)
    return fileError(llvm::formatv("corrupted HDF5 superblock: {0}-byte addresses", sizeOffsets));
  // base address, then (v0/1: free space, end of file) or (v2/3: superblock
  // extension, end of file).
  size_t eofAt = fieldsAt + 2 * sizeOffsets;
  if (block.size() < eofAt + sizeOffsets)
    return fileError("truncated HDF5 file: the superblock is cut off");
  uint64_t base = readLittle(block, fieldsAt, sizeOffsets);
  uint64_t eof = readLittle(block, eofAt, sizeOffsets);
  if (base > image.size() || eof > image.size() - base)
    return fileError(llvm::formatv("truncated HDF5 file: its superblock says {0} bytes "
                                   "from offset {1}, the file has {2}",
                                   eof, base, image.size()));
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// HDF5 access
//===----------------------------------------------------------------------===//

namespace {
/// A dataset's contents: numbers (any integer, float or boolean class,
/// converted to double) or texts, with the dataspace's shape.
struct Raw {
  llvm::SmallVector<int64_t> shape;
  std::vector<double> numbers;
  std::vector<std::string> texts;
  bool isText = false;
};
} // namespace

/// The innermost message of HDF5's error stack (then cleared).
static std::string hdf5Message() {
  std::string message;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t *entry, void *data) -> herr_t {
        auto *text = static_cast<std::string *>(data);
        if (n == 0 && entry->desc)
          *text = entry->desc;
        return 0;
      },
      &message);
  H5Eclear2(H5E_DEFAULT);
  return message.empty() ? "HDF5 error" : message;
}

static llvm::Error hdf5Error(const llvm::Twine &what) {
  return fileError("corrupted HDF5 file: " + what + ": " + hdf5Message());
}

/// Whether `name` is a hard link in `group` (soft and external links, which
/// could name other files, are refused).
static llvm::Expected<bool> hasMember(hid_t group, llvm::StringRef name) {
  std::string key = name.str();
  htri_t exists = H5Lexists(group, key.c_str(), H5P_DEFAULT);
  if (exists < 0)
    return hdf5Error("cannot look up '" + name + "'");
  if (!exists)
    return false;
  H5L_info_t info;
  if (H5Lget_info(group, key.c_str(), &info, H5P_DEFAULT) < 0)
    return hdf5Error("cannot look up '" + name + "'");
  if (info.type != H5L_TYPE_HARD)
    return fileError("'" + name + "' is a soft or external link, which NIR files do not have");
  return true;
}

static Handle openObject(hid_t group, llvm::StringRef name) {
  return Handle(H5Oopen(group, name.str().c_str(), H5P_DEFAULT), H5Oclose);
}

static bool isGroup(hid_t object) { return H5Iget_type(object) == H5I_GROUP; }

/// The member names of `group`, in HDF5's name order.
static llvm::Expected<std::vector<std::string>> memberNames(hid_t group) {
  std::vector<std::string> names;
  hsize_t index = 0;
  herr_t status = H5Literate(
      group, H5_INDEX_NAME, H5_ITER_INC, &index,
      [](hid_t, const char *name, const H5L_info_t *, void *data) -> herr_t {
        static_cast<std::vector<std::string> *>(data)->push_back(name);
        return 0;
      },
      &names);
  if (status < 0)
    return hdf5Error("cannot list a group");
  return names;
}

static bool isUTF8(llvm::StringRef text) {
  const auto *begin = reinterpret_cast<const llvm::UTF8 *>(text.data());
  return llvm::isLegalUTF8String(&begin, begin + text.size());
}

/// The texts of a string dataset of `count` elements (fixed or variable
/// length).
static llvm::Expected<Raw> readTexts(hid_t dataset, hid_t space, hid_t type, uint64_t count) {
  Raw raw;
  raw.isText = true;
  if (count == 0)
    return raw;
  htri_t variable = H5Tis_variable_str(type);
  if (variable < 0)
    return hdf5Error("cannot read a string type");
  if (variable) {
    Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory, H5T_VARIABLE);
    H5Tset_cset(memory, H5Tget_cset(type));
    std::vector<char *> pointers(count, nullptr);
    if (H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0)
      return hdf5Error("cannot read a string dataset");
    for (char *p : pointers)
      raw.texts.push_back(p ? p : "");
    H5Dvlen_reclaim(memory, space, H5P_DEFAULT, pointers.data());
    return raw;
  }
  size_t width = H5Tget_size(type);
  if (width == 0 || width > kMaxImageBytes / count)
    return detail::makeError("the string dataset is too large");
  std::string buffer(width * count, '\0');
  if (H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0)
    return hdf5Error("cannot read a string dataset");
  for (uint64_t i = 0; i < count; ++i) {
    llvm::StringRef text(buffer.data() + i * width, width);
    raw.texts.push_back(text.take_until([](char c) { return c == '\0'; }).str());
  }
  return raw;
}

static llvm::StringRef className(H5T_class_t typeClass) {
  switch (typeClass) {
  case H5T_TIME:
    return "times";
  case H5T_BITFIELD:
    return "bit fields";
  case H5T_OPAQUE:
    return "opaque values";
  case H5T_COMPOUND:
    return "compound values";
  case H5T_REFERENCE:
    return "references";
  case H5T_VLEN:
    return "variable-length sequences";
  case H5T_ARRAY:
    return "arrays";
  default:
    return "an unknown HDF5 class";
  }
}

static llvm::Expected<Raw> readDataset(hid_t dataset) {
  Handle space(H5Dget_space(dataset), H5Sclose);
  Handle type(H5Dget_type(dataset), H5Tclose);
  if (!space.valid() || !type.valid())
    return hdf5Error("cannot read a dataset's type");
  Raw raw;
  H5S_class_t spaceClass = H5Sget_simple_extent_type(space);
  if (spaceClass == H5S_NULL)
    return detail::makeError("expected numbers, got an empty dataset");
  if (spaceClass != H5S_SCALAR) {
    int rank = H5Sget_simple_extent_ndims(space);
    if (rank < 0 || rank > H5S_MAX_RANK)
      return hdf5Error("cannot read a dataset's shape");
    hsize_t dims[H5S_MAX_RANK];
    H5Sget_simple_extent_dims(space, dims, nullptr);
    for (int i = 0; i < rank; ++i)
      raw.shape.push_back(static_cast<int64_t>(dims[i]));
  }
  uint64_t count = 1;
  for (int64_t d : raw.shape) {
    if (d != 0 && count > kMaxElements / static_cast<uint64_t>(d))
      return detail::makeError("the dataset has more than 2^28 elements");
    count *= static_cast<uint64_t>(d);
  }
  if (count > kMaxElements)
    return detail::makeError("the dataset has more than 2^28 elements");

  H5T_class_t typeClass = H5Tget_class(type);
  if (typeClass == H5T_STRING) {
    llvm::Expected<Raw> texts = readTexts(dataset, space, type, count);
    if (!texts)
      return texts.takeError();
    texts->shape = std::move(raw.shape);
    for (const std::string &text : texts->texts)
      if (!isUTF8(text))
        return detail::makeError("a text is not UTF-8");
    return texts;
  }
  hid_t memoryType;
  Handle native(-1, H5Tclose);
  if (typeClass == H5T_INTEGER || typeClass == H5T_FLOAT) {
    memoryType = H5T_NATIVE_DOUBLE;
  } else if (typeClass == H5T_ENUM) {
    // h5py's booleans are an enum over int8: read the base integers.
    Handle base(H5Tget_super(type), H5Tclose);
    if (!base.valid() || H5Tget_class(base) != H5T_INTEGER)
      return detail::makeError("expected numbers, got an enumeration of non-integers");
    native = Handle(H5Tget_native_type(base, H5T_DIR_ASCEND), H5Tclose);
    if (!native.valid())
      return hdf5Error("cannot read an enumeration");
    memoryType = native;
  } else {
    return detail::makeError("expected numbers, got a dataset of " + className(typeClass));
  }
  if (count == 0)
    return raw;
  if (typeClass != H5T_ENUM) {
    raw.numbers.resize(count);
    if (H5Dread(dataset, memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.numbers.data()) < 0)
      return hdf5Error("cannot read a dataset");
    return raw;
  }
  size_t width = H5Tget_size(memoryType);
  bool isSigned = H5Tget_sign(memoryType) == H5T_SGN_2;
  if (width == 0 || width > 8)
    return detail::makeError("expected numbers, got an enumeration of " + llvm::Twine(width) +
                             "-byte integers");
  std::vector<uint8_t> buffer(width * count);
  if (H5Dread(dataset, memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0)
    return hdf5Error("cannot read a dataset");
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t bits = 0;
    std::memcpy(&bits, buffer.data() + i * width, width); // little-endian host
    if (isSigned && width < 8 && (bits >> (8 * width - 1)) & 1)
      bits |= ~uint64_t(0) << (8 * width);
    raw.numbers.push_back(isSigned ? double(int64_t(bits)) : double(bits));
  }
  return raw;
}

/// The value of member `name` of `group`: a dataset, or a group standing for
/// its only member (NIR 1.0 writes input_type = {'input': shape}).
static llvm::Expected<Raw> readMember(hid_t group, llvm::StringRef name, int depth = 0) {
  Handle object = openObject(group, name);
  if (!object.valid())
    return hdf5Error("cannot open '" + name + "'");
  if (!isGroup(object)) {
    if (H5Iget_type(object) != H5I_DATASET)
      return detail::makeError("'" + name + "' is neither a dataset nor a group");
    return readDataset(object);
  }
  llvm::Expected<std::vector<std::string>> members = memberNames(object);
  if (!members)
    return members.takeError();
  if (members->size() != 1 || depth >= kMaxDepth)
    return detail::makeError(llvm::formatv("expected one member in group '{0}', got [{1}]", name,
                                           llvm::join(*members, ", ")));
  if (llvm::Expected<bool> exists = hasMember(object, members->front()); !exists)
    return exists.takeError();
  return readMember(object, members->front(), depth + 1);
}

static llvm::Expected<std::string> readText(const Raw &raw) {
  if (!raw.isText || raw.texts.size() != 1)
    return detail::makeError("expected one text");
  return raw.texts.front();
}

//===----------------------------------------------------------------------===//
// Parameters: what NIR_PARAMS of nir_import.py says for each node type
//===----------------------------------------------------------------------===//

namespace {
enum class Kind {
  Floats,  // finite numbers within f32's range, any shape
  Shape,   // integers >= least (each below 2^31)
  Int,     // one integer (>= least when least is set)
  Ints,    // an int or a rank-tuple, as a rank-tuple, each >= least
  Padding, // Ints with least 0, or 'same' / 'valid'
};

/// What a parameter that a file lacks becomes.
struct Missing {
  enum { Error, Absent, Default } what = Error;
  double value = 0;
};
constexpr Missing kAbsent{Missing::Absent};
constexpr Missing byDefault(double value) { return {Missing::Default, value}; }

/// How a parameter is read: its kind, what it is when missing, and its name
/// in older or newer layouts.
struct Spec {
  Spec(llvm::StringLiteral name, Kind kind, Missing missing = {}, unsigned rank = 0,
       std::optional<int64_t> least = {}, llvm::StringLiteral alias = "")
      : name(name), kind(kind), missing(missing), rank(rank), least(least), alias(alias) {}
  llvm::StringLiteral name;
  Kind kind;
  Missing missing;
  unsigned rank;
  std::optional<int64_t> least;
  llvm::StringLiteral alias;
};
} // namespace

static llvm::ArrayRef<Spec> nodeParams(llvm::StringRef type) {
  using K = Kind;
  static const Spec input[] = {{"shape", K::Shape, {}, 0, 1, "input_type"}};
  static const Spec output[] = {{"shape", K::Shape, kAbsent, 0, 1, "output_type"}};
  static const Spec affine[] = {{"weight", K::Floats}, {"bias", K::Floats}};
  static const Spec linear[] = {{"weight", K::Floats}};
  static const Spec scale[] = {{"scale", K::Floats}};
  static const Spec conv1d[] = {{"weight", K::Floats},
                                {"bias", K::Floats, kAbsent},
                                {"stride", K::Ints, byDefault(1), 1, 1},
                                {"padding", K::Padding, byDefault(0), 1, 0},
                                {"dilation", K::Ints, byDefault(1), 1, 1},
                                {"groups", K::Int, byDefault(1), 0, 1}};
  static const Spec conv2d[] = {{"weight", K::Floats},
                                {"bias", K::Floats, kAbsent},
                                {"stride", K::Ints, byDefault(1), 2, 1},
                                {"padding", K::Padding, byDefault(0), 2, 0},
                                {"dilation", K::Ints, byDefault(1), 2, 1},
                                {"groups", K::Int, byDefault(1), 0, 1}};
  static const Spec pool[] = {{"kernel_size", K::Ints, {}, 2, 1},
                              {"stride", K::Ints, kAbsent, 2, 1},
                              {"padding", K::Ints, byDefault(0), 2, 0}};
  static const Spec flatten[] = {{"start_dim", K::Int, byDefault(1)},
                                 {"end_dim", K::Int, byDefault(-1)},
                                 {"input_type", K::Shape, kAbsent, 0, 1}};
  static const Spec delay[] = {{"delay", K::Floats}};
  static const Spec threshold[] = {{"threshold", K::Floats}};
  static const Spec integrator[] = {{"r", K::Floats}};
  static const Spec integrateFire[] = {
      {"r", K::Floats}, {"v_threshold", K::Floats}, {"v_reset", K::Floats, byDefault(0.0)}};
  static const Spec leaky[] = {{"tau", K::Floats}, {"r", K::Floats}, {"v_leak", K::Floats}};
  static const Spec lif[] = {{"tau", K::Floats},
                             {"r", K::Floats},
                             {"v_leak", K::Floats},
                             {"v_threshold", K::Floats},
                             {"v_reset", K::Floats, byDefault(0.0)}};
  static const Spec cubaLI[] = {{"tau_mem", K::Floats},
                                {"tau_syn", K::Floats},
                                {"w_in", K::Floats, byDefault(1.0)},
                                {"r", K::Floats},
                                {"v_leak", K::Floats}};
  static const Spec cubaLIF[] = {{"tau_mem", K::Floats},
                                 {"tau_syn", K::Floats},
                                 {"w_in", K::Floats, byDefault(1.0)},
                                 {"r", K::Floats},
                                 {"v_leak", K::Floats},
                                 {"v_threshold", K::Floats},
                                 {"v_reset", K::Floats, byDefault(0.0)}};
  return llvm::StringSwitch<llvm::ArrayRef<Spec>>(type)
      .Case("Input", input)
      .Case("Output", output)
      .Case("Affine", affine)
      .Case("Linear", linear)
      .Case("Scale", scale)
      .Case("Conv1d", conv1d)
      .Case("Conv2d", conv2d)
      .Cases({"SumPool2d", "AvgPool2d"}, pool)
      .Case("Flatten", flatten)
      .Case("Delay", delay)
      .Case("Threshold", threshold)
      .Case("I", integrator)
      .Case("IF", integrateFire)
      .Case("LI", leaky)
      .Case("LIF", lif)
      .Case("CubaLI", cubaLI)
      .Case("CubaLIF", cubaLIF)
      .Default({});
}

llvm::ArrayRef<llvm::StringLiteral> snn::nir::detail::nodeTypes() {
  static const llvm::StringLiteral types[] = {
      "Input",  "Output",    "Identity",  "Affine",  "Linear", "Scale",     "Conv1d",
      "Conv2d", "SumPool2d", "AvgPool2d", "Flatten", "Delay",  "Threshold", "I",
      "IF",     "LI",        "LIF",       "CubaLI",  "CubaLIF"};
  return types;
}

/// Integers of `raw` as Python's int() makes them (toward zero).
static llvm::Expected<llvm::SmallVector<int64_t>> integers(const Raw &raw) {
  if (raw.isText)
    return detail::makeError("expected numbers, got text");
  llvm::SmallVector<int64_t> values;
  for (double v : raw.numbers) {
    if (std::isnan(v))
      return detail::makeError("cannot convert float NaN to integer");
    if (!(std::abs(v) < 9.2e18))
      return detail::makeError("cannot convert float " + detail::formatNumber(v) + " to integer");
    values.push_back(static_cast<int64_t>(std::trunc(v)));
  }
  return values;
}

static llvm::Error checkLeast(llvm::ArrayRef<int64_t> values, int64_t least, bool one) {
  if (llvm::all_of(values, [&](int64_t v) { return v >= least && v < (int64_t(1) << 31); }))
    return llvm::Error::success();
  return detail::makeError(
      llvm::formatv("expected integers in [{0}, 2^31), got {1}", least,
                    one ? std::to_string(values.front()) : detail::formatShape(values)));
}

/// `raw` converted as `spec` says.
static llvm::Expected<Param> convert(const Spec &spec, const Raw &raw) {
  switch (spec.kind) {
  case Kind::Floats: {
    if (raw.isText)
      return detail::makeError("expected numbers, got text");
    for (double v : raw.numbers)
      if (!(std::abs(v) <= FLT_MAX))
        return detail::makeError("expected finite numbers within the range of f32, got " +
                                 detail::formatNumber(v));
    return Param::array(raw.shape, raw.numbers);
  }
  case Kind::Shape:
  case Kind::Int: {
    llvm::Expected<llvm::SmallVector<int64_t>> values = integers(raw);
    if (!values)
      return values.takeError();
    bool one = spec.kind == Kind::Int;
    if (one && values->size() != 1)
      return detail::makeError(
          llvm::formatv("expected one integer, got {0} values", values->size()));
    if (spec.least)
      if (llvm::Error err = checkLeast(*values, *spec.least, one))
        return std::move(err);
    std::vector<double> numbers(values->begin(), values->end());
    if (one)
      return Param::scalar(numbers.front());
    return Param::array({static_cast<int64_t>(numbers.size())}, numbers);
  }
  case Kind::Padding:
    if (raw.isText) {
      llvm::Expected<std::string> text = readText(raw);
      if (!text)
        return text.takeError();
      std::string lower = llvm::StringRef(*text).lower();
      if (lower != "same" && lower != "valid")
        return detail::makeError("padding must be 'same', 'valid' or integers, got '" + lower +
                                 "'");
      return Param::string(lower);
    }
    [[fallthrough]];
  case Kind::Ints: {
    llvm::Expected<llvm::SmallVector<int64_t>> values = integers(raw);
    if (!values)
      return values.takeError();
    if (values->size() == 1)
      values->assign(spec.rank, values->front());
    if (values->size() != spec.rank)
      return detail::makeError(
          llvm::formatv("expected 1 or {0} values, got {1}", spec.rank, values->size()));
    if (llvm::Error err = checkLeast(*values, spec.least.value_or(1), false))
      return std::move(err);
    return Param::array({static_cast<int64_t>(spec.rank)},
                        std::vector<double>(values->begin(), values->end()));
  }
  }
  llvm_unreachable("unknown parameter kind");
}

/// The default of `spec` as its converter makes it.
static llvm::Expected<Param> defaultParam(const Spec &spec) {
  Raw raw;
  raw.numbers = {spec.missing.value};
  return convert(spec, raw);
}

/// Member `key` of `group` as the parameter `spec`.
static llvm::Expected<Param> readParam(const Spec &spec, hid_t group, llvm::StringRef key) {
  llvm::Expected<Raw> raw = readMember(group, key);
  if (!raw)
    return raw.takeError();
  return convert(spec, *raw);
}

//===----------------------------------------------------------------------===//
// Nodes and graphs
//===----------------------------------------------------------------------===//

static std::string graphName(llvm::StringRef name) { return name.empty() ? "<root>" : name.str(); }

static llvm::Expected<std::vector<std::pair<std::string, std::string>>>
readEdges(hid_t group, llvm::StringRef name) {
  std::vector<std::pair<std::string, std::string>> edges;
  llvm::Expected<bool> exists = hasMember(group, "edges");
  if (!exists)
    return exists.takeError();
  if (!*exists)
    return edges;
  llvm::Expected<Raw> raw = readMember(group, "edges");
  if (!raw)
    return detail::makeError("graph '" + graphName(name) +
                             "': bad 'edges': " + toString(raw.takeError()));
  if (!raw->isText && !raw->numbers.empty())
    return detail::makeError("graph '" + graphName(name) +
                             "': edges must be node names, got numbers");
  if (raw->texts.size() % 2)
    return detail::makeError("graph '" + graphName(name) +
                             "': edges must be pairs, got an array of shape " +
                             detail::formatShape(raw->shape));
  for (size_t i = 0; i < raw->texts.size(); i += 2)
    edges.emplace_back(raw->texts[i], raw->texts[i + 1]);
  return edges;
}

static llvm::Expected<Node> readNode(hid_t group, const std::string &name, int depth);

static llvm::Expected<Node> readGraph(hid_t group, const std::string &name, int depth) {
  Node graph;
  graph.type = "NIRGraph";
  llvm::Expected<bool> hasNodes = hasMember(group, "nodes");
  if (!hasNodes)
    return hasNodes.takeError();
  if (*hasNodes) {
    Handle members = openObject(group, "nodes");
    if (!members.valid())
      return hdf5Error("cannot open the nodes of graph '" + graphName(name) + "'");
    if (!isGroup(members))
      return detail::makeError("graph '" + graphName(name) + "': 'nodes' is not a group");
    llvm::Expected<std::vector<std::string>> keys = memberNames(members);
    if (!keys)
      return keys.takeError();
    for (const std::string &key : *keys) {
      if (!isUTF8(key))
        return detail::makeError("graph '" + graphName(name) + "': node name '" + key +
                                 "' is not text");
      std::string child = name.empty() ? key : name + "." + key;
      Handle member = openObject(members, key);
      if (!member.valid())
        return hdf5Error("cannot open node '" + child + "'");
      if (!isGroup(member))
        return detail::makeError("node '" + child + "' is not a group");
      llvm::Expected<Node> node = readNode(member, child, depth + 1);
      if (!node)
        return node.takeError();
      graph.nodes.emplace(key, std::move(*node));
    }
  }
  llvm::Expected<std::vector<std::pair<std::string, std::string>>> edges = readEdges(group, name);
  if (!edges)
    return edges.takeError();
  graph.edges = std::move(*edges);
  return graph;
}

static llvm::Expected<Node> readNode(hid_t group, const std::string &name, int depth) {
  if (depth > kMaxDepth)
    return detail::makeError("node '" + name + "': NIRGraphs nested more than 64 deep");
  llvm::Expected<bool> hasType = hasMember(group, "type");
  if (!hasType)
    return hasType.takeError();
  if (!*hasType)
    return detail::makeError("node '" + name + "' has no 'type' dataset");
  llvm::Expected<Raw> rawType = readMember(group, "type");
  llvm::Expected<std::string> type =
      rawType ? readText(*rawType) : llvm::Expected<std::string>(rawType.takeError());
  if (!type)
    return detail::makeError("node '" + name + "': bad 'type': " + toString(type.takeError()));
  if (*type == "NIRGraph")
    return readGraph(group, name, depth);
  if (!llvm::is_contained(detail::nodeTypes(), *type))
    return detail::makeError("node '" + name + "': unsupported NIR node type '" + *type +
                             "' (supported: " + llvm::join(detail::nodeTypes(), ", ") +
                             ", NIRGraph)");
  Node node;
  node.type = *type;
  for (const Spec &spec : nodeParams(*type)) {
    std::optional<llvm::StringRef> found;
    for (llvm::StringRef key : {llvm::StringRef(spec.name), llvm::StringRef(spec.alias)}) {
      if (key.empty())
        continue;
      llvm::Expected<bool> exists = hasMember(group, key);
      if (!exists)
        return exists.takeError();
      if (*exists) {
        found = key;
        break;
      }
    }
    if (!found && spec.missing.what == Missing::Error)
      return detail::makeError("node '" + name + "' (" + *type + ") lacks the parameter '" +
                               spec.name + "'");
    if (!found && spec.missing.what == Missing::Absent)
      continue; // absent, as NIR allows
    llvm::Expected<Param> param = found ? readParam(spec, group, *found) : defaultParam(spec);
    if (!param)
      return detail::makeError("node '" + name + "' (" + *type + "): bad '" + spec.name +
                               "': " + toString(param.takeError()));
    node.params.emplace(spec.name.str(), std::move(*param));
  }
  return node;
}

//===----------------------------------------------------------------------===//
// readNIR
//===----------------------------------------------------------------------===//

/// The graph of an HDF5 image already checked by checkSuperblock.
static llvm::Expected<Graph> readImage(llvm::StringRef image) {
  Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (!access.valid() || H5Pset_fapl_core(access, 1 << 16, /*backing_store=*/false) < 0 ||
      H5Pset_file_image(access, const_cast<char *>(image.data()), image.size()) < 0)
    return hdf5Error("cannot open the image");
  Handle file(H5Fopen("nir-image", H5F_ACC_RDONLY, access), H5Fclose);
  if (!file.valid())
    return fileError("cannot read the bytes as a NIR (HDF5) file: " + hdf5Message());
  llvm::Expected<bool> hasNode = hasMember(file, "node");
  if (!hasNode)
    return hasNode.takeError();
  if (!*hasNode)
    return fileError("no 'node' group: not a NIR file");
  Handle root = openObject(file, "node");
  if (!root.valid() || !isGroup(root))
    return fileError("'node' is not a group: not a NIR file");
  Graph graph;
  llvm::Expected<Node> node = readNode(root, "", 0);
  if (!node)
    return node.takeError();
  if (!node->isGraph())
    return fileError("the root node is a " + node->type + ", not a NIRGraph");
  graph.root = std::move(*node);
  graph.version = "unknown";
  llvm::Expected<bool> hasVersion = hasMember(file, "version");
  if (!hasVersion)
    return hasVersion.takeError();
  if (*hasVersion) {
    llvm::Expected<Raw> raw = readMember(file, "version");
    llvm::Expected<std::string> version =
        raw ? readText(*raw) : llvm::Expected<std::string>(raw.takeError());
    if (!version)
      return fileError("bad 'version': " + toString(version.takeError()));
    graph.version = *version;
  }
  return graph;
}

llvm::Expected<Graph> snn::nir::readNIR(llvm::ArrayRef<char> bytes) {
  std::string inflated;
  llvm::StringRef image(bytes.data(), bytes.size());
  if (image.starts_with("\x1f\x8b")) {
    llvm::Expected<std::string> plain = gunzip(bytes);
    if (!plain)
      return plain.takeError();
    inflated = std::move(*plain);
    image = inflated;
  }
  if (image.size() > kMaxImageBytes)
    return fileError("the file is larger than 2 GiB");
  if (llvm::Error err = checkSuperblock(image))
    return std::move(err);
  // The serial HDF5 library is not thread-safe, and its error printing is
  // global state.
  static std::mutex hdf5Lock;
  std::lock_guard<std::mutex> guard(hdf5Lock);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  return readImage(image);
}
