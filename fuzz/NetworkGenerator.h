//===- NetworkGenerator.h - Random snn modules from fuzz bytes --*- C++ -*-===//
//
// Decodes fuzz bytes into the choices of a generator of snn modules: every
// op of the dialect with shapes, element types, parameters and schedules
// that the verifier accepts, chains with residual adds, several results,
// weights as arguments or constants, and a hardware description on the
// module. With `chaos` some attributes and shapes take extreme values
// (zero, negative, huge, NaN, infinite, disagreeing schedules) so that the
// verifier and the passes see the edges of the input space as well.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_FUZZ_NETWORKGENERATOR_H
#define SNN_FUZZ_NETWORKGENERATOR_H

#include "FuzzSupport.h"

#include <string>
#include <vector>

namespace snnfuzz {

struct GeneratorOptions {
  /// Extreme attribute values and shapes now and then.
  bool chaos = false;
  /// Longest chain of layer ops.
  int maxOps = 8;
};

/// Returns the MLIR text of a module decoded from `in`.
std::string generateNetwork(ByteReader &in, const GeneratorOptions &options);

} // namespace snnfuzz

#endif // SNN_FUZZ_NETWORKGENERATOR_H
