//===- OrderGlobals.cpp - Constant globals in order of first use -----------===//

#include "snn/Transforms/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/SetVector.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNORDERGLOBALS
#include "snn/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;

namespace {
struct SNNOrderGlobalsPass : public snn::impl::SNNOrderGlobalsBase<SNNOrderGlobalsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    llvm::SetVector<memref::GlobalOp> order;
    module.walk([&](memref::GetGlobalOp get) {
      if (auto global = symbols.lookup<memref::GlobalOp>(get.getName()))
        if (global.isPrivate())
          order.insert(global);
    });
    // Two rounds, so that no new name is taken by a global not renamed yet.
    unsigned index = 0;
    for (memref::GlobalOp global : order)
      if (failed(symbols.rename(global, "__snn_order_globals_" + std::to_string(index++))))
        return signalPassFailure();
    Block *body = module.getBody();
    Operation *previous = nullptr;
    index = 0;
    for (memref::GlobalOp global : order) {
      std::string name;
      llvm::raw_string_ostream os(name);
      os << "__constant_" << index++ << "_";
      for (int64_t d : global.getType().getShape())
        os << d << "x";
      os << global.getType().getElementType();
      // A symbol of that name outside the order (unlikely) keeps it.
      if (symbols.lookup(name) ? failed(symbols.renameToUnique(global, {}))
                               : failed(symbols.rename(global, name)))
        return signalPassFailure();
      if (previous)
        global->moveAfter(previous);
      else
        global->moveBefore(body, body->begin());
      previous = global;
    }
  }
};
} // namespace
