/*===- snn-capi-test.c - Test of the C API (include/snn-c/SNN.h) ---------===*/
/* RUN: env SNN_HOST_CACHE_DIR=%S/../Analysis/Inputs/missing snn-capi-test 2>&1 | FileCheck %s
 *
 * Built as the test tool snn-capi-test (test/CAPI/CMakeLists.txt): registers
 * the snn dialect through its handle in a context of MLIR's C API, then, in a
 * context with every snn dialect, parses a module, attaches hardware from
 * JSON, schedules and lowers it with textual pipelines, reads the cost
 * report as JSON and as a table, and checks that every failure comes back
 * as a message. */

#include "snn-c/SNN.h"

#include "mlir-c/IR.h"

#include <stdio.h>
#include <string.h>

static const char *kNetwork =
    "func.func @main(%x: tensor<2x16xi1>, %w0: tensor<8x16xi4>) -> tensor<2x8xi1> {\n"
    "  %d0 = snn.dense %x, %w0 : (tensor<2x16xi1>, tensor<8x16xi4>) -> tensor<2x8xi8>\n"
    "  %s0 = snn.lif %d0 {threshold = 3.0, state_type = i8} : (tensor<2x8xi8>) -> tensor<2x8xi1>\n"
    "  return %s0 : tensor<2x8xi1>\n"
    "}\n";

static const char *kHardware =
    "{\"name\": \"capi-core\",\n"
    " \"mac\": {\"units\": 4, \"array\": {\"K\": 2, \"C\": 2, \"OY\": 1, \"OX\": 1},\n"
    "         \"pj_per_op\": 1.0, \"pj_per_op_multibit_input\": 2.0},\n"
    " \"levels\": [\n"
    "  {\"name\": \"gb\", \"kind\": \"sram\", \"operands\": [\"W\", \"I\", \"O\", \"V\"],\n"
    "   \"bytes\": 4096, \"bw_bits_per_cycle\": 64,\n"
    "   \"read_pj_per_bit\": 0.5, \"write_pj_per_bit\": 0.5},\n"
    "  {\"name\": \"dram\", \"kind\": \"dram\", \"operands\": [\"W\", \"I\", \"O\", \"V\"],\n"
    "   \"bytes\": null, \"bw_bits_per_cycle\": 8,\n"
    "   \"read_pj_per_bit\": 10.0, \"write_pj_per_bit\": 20.0}]}\n";

static MlirStringRef str(const char *text) { return mlirStringRefCreateFromCString(text); }

static void printCallback(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

/* Prints `what` and the module's text. */
static void printModule(const char *what, MlirModule module) {
  printf("%s:\n", what);
  mlirOperationPrint(mlirModuleGetOperation(module), printCallback, NULL);
  printf("\n");
}

/* A context of MLIR's C API with every snn dialect (and those the lowering
 * produces) registered. */
static MlirContext createContext(void) {
  MlirContext context = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  snnRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(context, registry);
  mlirDialectRegistryDestroy(registry);
  return context;
}

/* Prints `what` and the message of a call that must fail. */
static void expectFailure(const char *what, int failed, char *error) {
  printf("%s: %s\n%s\n", what, failed ? "failed" : "SUCCEEDED", error ? error : "(no message)");
  snnStringFree(error);
}

/* Parses `text`, which must fail, and prints the message. */
static void expectParseFailure(MlirContext context, const char *what, const char *text) {
  char *error = NULL;
  MlirModule module = snnModuleParse(context, str(text), str(""), &error);
  expectFailure(what, mlirModuleIsNull(module), error);
}

static MlirModule parse(MlirContext context, const char *text) {
  char *error = NULL;
  MlirModule module = snnModuleParse(context, str(text), str("<input>"), &error);
  if (mlirModuleIsNull(module)) {
    printf("unexpected parse error: %s\n", error);
    snnStringFree(error);
  }
  return module;
}

/* The snn dialect alone, registered through its dialect handle. */
static void testDialectHandle(void) {
  MlirContext context = mlirContextCreate();
  MlirDialectHandle snn = mlirGetDialectHandle__snn__();
  mlirDialectHandleRegisterDialect(snn, context);
  MlirStringRef name = mlirDialectHandleGetNamespace(snn);
  MlirDialect dialect = mlirContextGetOrLoadDialect(context, str("snn"));
  MlirAttribute schedule =
      mlirAttributeParseGet(context, str("#snn.schedule<tile_axis = cols, tile_size = 2>"));
  printf("handle of %.*s: loaded %d, attribute ", (int)name.length, name.data,
         !mlirDialectIsNull(dialect));
  mlirAttributePrint(schedule, printCallback, NULL);
  printf("\n");
  mlirContextDestroy(context);
}
// CHECK-LABEL: handle of snn: loaded 1, attribute #snn.schedule<tile_axis = cols, tile_size = 2>

int main(void) {
  testDialectHandle();

  MlirContext context = createContext();
  char *error = NULL;

  /* Round trip. */
  MlirModule module = parse(context, kNetwork);
  if (mlirModuleIsNull(module))
    return 1;
  printModule("parsed", module);
  // CHECK-LABEL: parsed:
  // CHECK: func.func @main
  // CHECK: snn.dense
  // CHECK: snn.lif

  /* Errors: a cost report needs hardware; bad JSON leaves the module as is. */
  expectFailure("report without hardware", snnCostReportJSON(module, str(""), &error) == NULL,
                error);
  // CHECK-LABEL: report without hardware: failed
  // CHECK-NEXT: the module has no snn.hardware: attach one with snnSetHardwareJSON

  expectFailure("truncated JSON", !snnSetHardwareJSON(module, str("{\"name\": "), &error), error);
  // CHECK-LABEL: truncated JSON: failed
  // CHECK-NEXT: invalid hardware description: invalid JSON:

  expectFailure("JSON without levels",
                !snnSetHardwareJSON(module,
                                    str("{\"name\": \"x\", \"mac\": {\"units\": 1, \"array\": "
                                        "{\"K\": 1, \"C\": 1, \"OY\": 1, \"OX\": 1}, "
                                        "\"pj_per_op\": 1, \"pj_per_op_multibit_input\": 1}}"),
                                    &error),
                error);
  // CHECK-LABEL: JSON without levels: failed
  // CHECK-NEXT: invalid hardware description: {{.*}}levels

  /* The host's caches, here read from a folder that does not exist. */
  expectFailure("host hardware", !snnSetHostHardware(module, &error), error);
  // CHECK-LABEL: host hardware: failed
  // CHECK-NEXT: hardware=host: cannot read the host's caches from '{{.*}}missing'

  /* Hardware, then the layer-by-layer cost as JSON. */
  if (!snnSetHardwareJSON(module, str(kHardware), &error)) {
    printf("unexpected: %s\n", error);
    return 1;
  }
  printModule("with hardware", module);
  // CHECK-LABEL: with hardware:
  // CHECK: module attributes {snn.hardware = #snn.hardware<name = "capi-core", mac_units = 4

  expectFailure("unknown accounting", snnCostReportJSON(module, str("everything"), &error) == NULL,
                error);
  // CHECK-LABEL: unknown accounting: failed
  // CHECK-NEXT: unknown accounting 'everything' (expected default or stems)

  char *text = snnCostReportJSON(module, str("stems"), &error);
  printf("json report:\n%s\n", text ? text : error);
  snnStringFree(text);
  // CHECK-LABEL: json report:
  // CHECK-NEXT: [
  // CHECK-NEXT:   {
  // CHECK:          "accounting": "stems",
  // CHECK:          "hardware": "capi-core",
  // CHECK:          "layers": [
  // CHECK:              "op": "dense",
  // CHECK:              "op": "lif",
  // CHECK:          "network": "main",

  /* Errors: pipelines that do not parse, and a pass that fails. */
  expectFailure("unknown pass", !snnRunPipeline(module, str("snn-no-such-pass"), &error), error);
  // CHECK-LABEL: unknown pass: failed
  // CHECK-NEXT: 'snn-no-such-pass' does not refer to a registered pass or pass pipeline

  expectFailure("unbalanced pipeline",
                !snnRunPipeline(module, str("builtin.module(func.func(canonicalize)"), &error),
                error);
  // CHECK-LABEL: unbalanced pipeline: failed
  // CHECK-NEXT: error: {{.*}}

  /* A value outside an option's list fails while the pipeline is parsed
     (the option parser also prints which option to stderr). */
  expectFailure("bad option value",
                !snnRunPipeline(module, str("func.func(snn-set-schedule{mode=sideways})"), &error),
                error);
  // CHECK-LABEL: bad option value: failed
  // CHECK: failed to add `snn-set-schedule` with options `mode=sideways`

  expectFailure("failing pass",
                !snnRunPipeline(module, str("func.func(snn-eliminate-state{layers=typo})"), &error),
                error);
  // CHECK-LABEL: failing pass: failed
  // CHECK-NEXT: <input>:1:1: error: {{.*}}typo
  // The context kept the module's text: the message quotes its line.
  // CHECK-NEXT: func.func @main(%x: tensor<2x16xi1>

  /* A hand-set schedule (anchored pipeline), its cost as a table. */
  if (!snnRunPipeline(module, str("builtin.module(func.func(snn-set-schedule{mode=st-lbl}))"),
                      &error)) {
    printf("unexpected: %s\n", error);
    return 1;
  }
  text = snnCostReportTable(module, str(""), &error);
  printf("table report:\n%s", text ? text : error);
  snnStringFree(text);
  // CHECK-LABEL: table report:
  // CHECK-NEXT: cost of @main on capi-core (global buffer 4,096 B), accounting default
  // CHECK:      groups:
  // CHECK:      steps/tile=1
  // CHECK:      off-chip traffic:

  /* Lowering with the named pipeline. */
  if (!snnRunPipeline(module, str("snn-to-llvm"), &error)) {
    printf("unexpected: %s\n", error);
    return 1;
  }
  printModule("lowered", module);
  // CHECK-LABEL: lowered:
  // CHECK: llvm.func @main
  // CHECK-NOT: snn.dense
  // CHECK-NOT: snn.lif
  mlirModuleDestroy(module);

  /* Errors: text that does not parse, or does not verify. */
  expectParseFailure(context, "bad IR", "func.func @f() {\n  %0 = snn.bogus\n}\n");
  // CHECK-LABEL: bad IR: failed
  // CHECK-NEXT: <input>:2:8: error: {{.*}}snn.bogus
  // CHECK-NEXT: %0 = snn.bogus

  expectParseFailure(context, "invalid IR",
                     "func.func @f(%x: tensor<f32>) -> tensor<f32> {\n"
                     "  %d = snn.dense %x, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
                     "  return %d : tensor<f32>\n}\n");
  // CHECK-LABEL: invalid IR: failed
  // CHECK-NEXT: <input>:2:8: error: 'snn.dense' op expects the input to have a leading time

  mlirContextDestroy(context);
  printf("done\n");
  // CHECK-LABEL: done
  return 0;
}
