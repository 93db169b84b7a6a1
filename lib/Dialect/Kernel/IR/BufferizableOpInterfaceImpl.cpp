//===- BufferizableOpInterfaceImpl.cpp - Bufferizing snn_kernel ops --------===//
//
// snn_kernel.generic and snn_kernel.event_scatter are destination style:
// their outputs bufferize in place (One-Shot Bufferize copies them first
// where that would be wrong) and each op becomes the same op on buffers.
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/Kernel/IR/KernelOps.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/DstBufferizableOpInterfaceImpl.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace mlir::snn::kernel;

namespace {

struct GenericOpInterface
    : public DstBufferizableOpInterfaceExternalModel<GenericOpInterface, GenericOp> {
  bool bufferizesToMemoryRead(Operation *op, OpOperand &operand,
                              const AnalysisState &) const {
    auto generic = cast<GenericOp>(op);
    // An output the body never reads is only written: its old value is dead.
    return !generic.isDpsInit(&operand) || generic.payloadUsesValueFromOperand(&operand);
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto generic = cast<GenericOp>(op);
    SmallVector<Value> inputs, outputs;
    for (Value input : generic.getInputs()) {
      if (!isa<TensorType>(input.getType())) {
        inputs.push_back(input);
        continue;
      }
      FailureOr<Value> buffer = getBuffer(rewriter, input, options, state);
      if (failed(buffer))
        return failure();
      inputs.push_back(*buffer);
    }
    for (Value output : generic.getOutputs()) {
      FailureOr<Value> buffer = getBuffer(rewriter, output, options, state);
      if (failed(buffer))
        return failure();
      outputs.push_back(*buffer);
    }
    rewriter.setInsertionPoint(op);
    auto onBuffers = GenericOp::create(rewriter, op->getLoc(), TypeRange(), inputs,
                                       outputs, generic.getSymbols(),
                                       generic.getIndexingMaps(),
                                       generic.getIteratorTypes(), generic.getWindowed());
    onBuffers->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    rewriter.inlineRegionBefore(generic.getBody(), onBuffers.getBody(),
                                onBuffers.getBody().end());
    replaceOpWithBufferizedValues(rewriter, op, outputs);
    return success();
  }
};

struct EventScatterOpInterface
    : public DstBufferizableOpInterfaceExternalModel<EventScatterOpInterface,
                                                     EventScatterOp> {
  bool bufferizesToMemoryRead(Operation *, OpOperand &, const AnalysisState &) const {
    return true;
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto scatter = cast<EventScatterOp>(op);
    SmallVector<Value> buffers;
    for (Value tensor : {scatter.getInput(), scatter.getWeights(), scatter.getAcc()}) {
      FailureOr<Value> buffer = getBuffer(rewriter, tensor, options, state);
      if (failed(buffer))
        return failure();
      buffers.push_back(*buffer);
    }
    rewriter.setInsertionPoint(op);
    EventScatterOp::create(rewriter, op->getLoc(), Type(), buffers[0], buffers[1], buffers[2],
                           scatter.getPadRows(), scatter.getPadCols(),
                           scatter.getStrideAttr(), scatter.getDilationAttr());
    replaceOpWithBufferizedValues(rewriter, op, buffers[2]);
    return success();
  }
};

} // namespace

void mlir::snn::kernel::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, SNNKernelDialect *) {
    GenericOp::attachInterface<GenericOpInterface>(*ctx);
    EventScatterOp::attachInterface<EventScatterOpInterface>(*ctx);
  });
}
