//===- HostHardware.cpp - The machine's own caches as a hardware model ----===//
//
// `hardware=host`: the data caches of the CPU that runs the compiler, read
// from Linux's sysfs (/sys/devices/system/cpu/cpu0/cache/index*/), become
// the levels of a `#snn.hardware`: registers, every data or unified cache
// from L1 outwards as a `cache` level serving all operands, then DRAM. The
// largest cache, the last level, is then the global buffer whose capacity
// bounds fusion, and L1 the local buffer of every operand. A CPU's energy
// per bit is not published anywhere a program can read, so every energy is
// 0 (reports give traffic, not energy); bandwidths are left unlimited.
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/Hardware.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

using namespace mlir;
using namespace mlir::snn;

/// Where the caches of the first CPU are described.
static constexpr StringLiteral kDefaultCacheDir = "/sys/devices/system/cpu/cpu0/cache";

/// One cache of the host, as sysfs describes it.
struct HostCache {
  int64_t level = 0, bytes = 0;
};

/// The first line of `dir/name`, trimmed; empty if unreadable.
static std::string readField(StringRef dir, StringRef name) {
  SmallString<128> path(dir);
  llvm::sys::path::append(path, name);
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!file)
    return "";
  return (*file)->getBuffer().split('\n').first.trim().str();
}

/// A sysfs size ("32K", "512K", "32768K", "1M" or plain bytes) in bytes.
static std::optional<int64_t> parseSize(StringRef text) {
  int64_t scale = 1;
  if (text.consume_back("K"))
    scale = 1024;
  else if (text.consume_back("M"))
    scale = 1024 * 1024;
  else if (text.consume_back("G"))
    scale = 1024 * 1024 * 1024;
  int64_t value;
  if (text.getAsInteger(10, value) || value <= 0)
    return std::nullopt;
  return value * scale;
}

/// The data and unified caches under `dir`, innermost first.
static FailureOr<SmallVector<HostCache>> readCaches(StringRef dir, std::string &error) {
  SmallVector<HostCache> caches;
  std::error_code ec;
  SmallVector<std::string> entries;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (llvm::sys::path::filename(it->path()).starts_with("index"))
      entries.push_back(it->path());
  if (ec || entries.empty()) {
    error = "cannot read the host's caches from '" + dir.str() + "'" +
            (ec ? ": " + ec.message() : std::string(": no index* entries"));
    return failure();
  }
  llvm::sort(entries);
  for (const std::string &entry : entries) {
    std::string type = readField(entry, "type");
    if (type != "Data" && type != "Unified")
      continue;
    HostCache cache;
    std::string levelText = readField(entry, "level"), sizeText = readField(entry, "size");
    std::optional<int64_t> bytes = parseSize(sizeText);
    if (StringRef(levelText).getAsInteger(10, cache.level) || cache.level <= 0 || !bytes) {
      error = "cannot read the level and size of cache '" + entry + "' (level '" +
              levelText + "', size '" + sizeText + "')";
      return failure();
    }
    cache.bytes = *bytes;
    caches.push_back(cache);
  }
  if (caches.empty()) {
    error = "the host describes no data cache under '" + dir.str() + "'";
    return failure();
  }
  llvm::stable_sort(caches, [](const HostCache &a, const HostCache &b) {
    return a.level < b.level;
  });
  return caches;
}

FailureOr<HardwareAttr> mlir::snn::getHostHardware(MLIRContext *context,
                                                   std::string &error) {
  std::optional<std::string> override = llvm::sys::Process::GetEnv(kHostCacheDirEnv);
  StringRef dir = override ? StringRef(*override) : StringRef(kDefaultCacheDir);
  FailureOr<SmallVector<HostCache>> caches = readCaches(dir, error);
  if (failed(caches))
    return failure();
  llvm::APFloat zero(0.0);
  SmallVector<MemoryLevelAttr> levels{
      MemoryLevelAttr::get(context, "registers", MemoryKind::Register, "WIOV", 0, 0, zero,
                           zero)};
  for (const HostCache &cache : *caches)
    levels.push_back(MemoryLevelAttr::get(context, "L" + std::to_string(cache.level),
                                          MemoryKind::Cache, "WIOV", cache.bytes, 0, zero,
                                          zero));
  levels.push_back(
      MemoryLevelAttr::get(context, "dram", MemoryKind::DRAM, "WIOV", 0, 0, zero, zero));
  return HardwareAttr::get(context, "host", /*mac_units=*/1, ArrayRef<int64_t>{1, 1, 1, 1},
                           zero, zero, levels);
}

FailureOr<HardwareAttr> mlir::snn::resolveHardware(StringRef spec, Operation *diagOp) {
  if (spec != kHostHardware)
    return loadHardwareFile(spec, diagOp);
  std::string error;
  FailureOr<HardwareAttr> hw = getHostHardware(diagOp->getContext(), error);
  if (failed(hw))
    emitError(diagOp->getLoc()) << "hardware=host: " << error;
  return hw;
}
