// RUN: snn-opt %s --snn-step-cycles --split-input-file | FileCheck %s

// A LIF fed back its own spikes through a dense layer two steps later. The
// loop over the six steps carries the two outputs, the delay's history (the
// last two inputs, oldest first) and the membrane. Each step reads the delay's
// output from the history's oldest step, computes add, lif (explicit state)
// and dense on one step, then shifts the history: its newer step moves to
// the front and the dense output of this step goes last.
// CHECK-LABEL: func.func @lif_dense
// CHECK-SAME: (%[[X:.*]]: tensor<6x4xf32>, %[[W:.*]]: tensor<4x4xf32>)
// CHECK-DAG: %[[S0:.*]] = tensor.empty() : tensor<6x4xi1>
// CHECK-DAG: %[[Z0:.*]] = tensor.empty() : tensor<6x4xf32>
// CHECK-DAG: %[[H0:.*]] = arith.constant dense<0.000000e+00> : tensor<2x4xf32>
// CHECK-DAG: %[[V0:.*]] = arith.constant dense<0.000000e+00> : tensor<4xf32>
// CHECK-DAG: %[[C6:.*]] = arith.constant 6 : index
// CHECK: %[[LOOP:.*]]:4 = scf.for %[[T:.*]] = %{{.*}} to %[[C6]] step %{{.*}} iter_args(%[[S:.*]] = %[[S0]], %[[Z:.*]] = %[[Z0]], %[[H:.*]] = %[[H0]], %[[V:.*]] = %[[V0]])
// CHECK: %[[D:.*]] = tensor.extract_slice %[[H]][0, 0] [1, 4] [1, 1] : tensor<2x4xf32> to tensor<1x4xf32>
// CHECK: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[T]], 0] [1, 4] [1, 1] : tensor<6x4xf32> to tensor<1x4xf32>
// CHECK: %[[SUM:.*]] = snn.add %[[XT]], %[[D]] : tensor<1x4xf32>, tensor<1x4xf32> -> tensor<1x4xf32>
// CHECK: %[[SP:.*]], %[[VN:.*]] = snn.lif %[[SUM]] init(%[[V]])
// CHECK: %[[ZT:.*]] = snn.dense %[[SP]], %[[W]] : (tensor<1x4xi1>, tensor<4x4xf32>) -> tensor<1x4xf32>
// CHECK: %[[NEWER:.*]] = tensor.extract_slice %[[H]][1, 0] [1, 4] [1, 1]
// CHECK: %[[H1:.*]] = tensor.insert_slice %[[NEWER]] into %{{.*}}[0, 0] [1, 4] [1, 1]
// CHECK: %[[H2:.*]] = tensor.insert_slice %[[ZT]] into %[[H1]][1, 0] [1, 4] [1, 1]
// CHECK: %[[SN:.*]] = tensor.insert_slice %[[SP]] into %[[S]][%[[T]], 0] [1, 4] [1, 1]
// CHECK: %[[ZN:.*]] = tensor.insert_slice %[[ZT]] into %[[Z]][%[[T]], 0] [1, 4] [1, 1]
// CHECK: scf.yield %[[SN]], %[[ZN]], %[[H2]], %[[VN]]
// CHECK: return %[[LOOP]]#0, %[[LOOP]]#1
func.func @lif_dense(%x: tensor<6x4xf32>, %w: tensor<4x4xf32>) -> (tensor<6x4xi1>, tensor<6x4xf32>) {
  %0:2 = snn.cycle -> (tensor<6x4xi1>, tensor<6x4xf32>) {
    %d = snn.delay %z {steps = 2} : (tensor<6x4xf32>) -> tensor<6x4xf32>
    %s = snn.add %x, %d : tensor<6x4xf32>, tensor<6x4xf32> -> tensor<6x4xf32>
    %v = snn.lif %s {threshold = 1.0, state_type = f32} : (tensor<6x4xf32>) -> tensor<6x4xi1>
    %z = snn.dense %v, %w : (tensor<6x4xi1>, tensor<4x4xf32>) -> tensor<6x4xf32>
    snn.yield %v, %z : tensor<6x4xi1>, tensor<6x4xf32>
  }
  return %0#0, %0#1 : tensor<6x4xi1>, tensor<6x4xf32>
}

// -----

// A delay of one step: its new history is this step's input itself. Ops
// listed before what they read are computed after it (step order).
// CHECK-LABEL: func.func @one_step
// CHECK: scf.for %[[T:.*]] = {{.*}} iter_args(%[[OUT:.*]] = %{{.*}}, %[[H:.*]] = %{{.*}})
// CHECK: %[[D:.*]] = tensor.extract_slice %[[H]][0, 0] [1, 3] [1, 1]
// CHECK: %[[Y:.*]] = snn.add %{{.*}}, %[[D]] {mode = #snn.add_mode<or>}
// CHECK: %[[O:.*]] = tensor.insert_slice %[[Y]] into %[[OUT]][%[[T]], 0] [1, 3] [1, 1]
// CHECK: scf.yield %[[O]], %[[Y]] : tensor<5x3xi1>, tensor<1x3xi1>
func.func @one_step(%x: tensor<5x3xi1>) -> tensor<5x3xi1> {
  %0 = snn.cycle -> (tensor<5x3xi1>) {
    %y = snn.add %x, %d {mode = #snn.add_mode<or>} : tensor<5x3xi1>, tensor<5x3xi1> -> tensor<5x3xi1>
    %d = snn.delay %y {steps = 1} : (tensor<5x3xi1>) -> tensor<5x3xi1>
    snn.yield %y : tensor<5x3xi1>
  }
  return %0 : tensor<5x3xi1>
}
