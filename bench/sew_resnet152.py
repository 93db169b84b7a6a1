"""SEW-ResNet-152 in the JSON form of the STEMS benchmark networks.

Not one of the published benchmarks: a network of the size the auto-scheduler
must handle quickly ("bottleneck blocks 3-8-36-3"), built like SEW-ResNet-18
of bench/stems: a DVS-style 2x128x128 input of 4-bit values, T = 16, every
convolution followed by a PLIF neuron (12-bit state, 4-bit weights), spike-OR
residuals. Stem: 7x7/2 convolution and 3x3/2 max pooling; four stages of
bottleneck blocks (1x1, 3x3, 1x1 convolutions; widths 64, 128, 256, 512,
outputs 4x wider), the first block of each stage downsampling with a 1x1
convolution on its shortcut. Each bottleneck block is one `block`.
"""

STAGES = [(3, 64, 1), (8, 128, 2), (36, 256, 2), (3, 512, 2)]


def _conv(name, inputs, cin, cout, kernel, stride, pad, hw, block, input_bits=1):
    return {"name": name, "op": "conv2d", "inputs": inputs, "out_channels": cout,
            "in_channels": cin, "kernel": [kernel, kernel], "stride": stride,
            "padding": pad, "out_hw": [hw, hw], "weight_bits": 4, "input_bits": input_bits,
            "neuron": {"kind": "plif", "state_bits": 12, "output_bits": 1}, "block": block}


def spec(time_steps: int = 16, size: int = 128) -> dict:
    layers = []
    hw = (size + 2 * 3 - 7) // 2 + 1
    layers.append(_conv("stem_conv", ["input"], 2, 64, 7, 2, 3, hw, 0, input_bits=4))
    hw = (hw + 2 * 1 - 3) // 2 + 1
    layers.append({"name": "stem_pool", "op": "maxpool2d", "inputs": ["stem_conv"],
                   "kernel": [3, 3], "stride": 2, "padding": 1, "out_hw": [hw, hw],
                   "block": 0})
    previous, channels, block = "stem_pool", 64, 1
    for stage, (count, width, stride) in enumerate(STAGES):
        for i in range(count):
            s = stride if i == 0 else 1
            out_hw = (hw - 1) // s + 1
            p = f"s{stage}b{i}_"
            layers.append(_conv(p + "conv1", [previous], channels, width, 1, 1, 0, hw, block))
            layers.append(_conv(p + "conv2", [p + "conv1"], width, width, 3, s, 1, out_hw,
                                block))
            layers.append(_conv(p + "conv3", [p + "conv2"], width, 4 * width, 1, 1, 0,
                                out_hw, block))
            shortcut = previous
            if i == 0:
                layers.append(_conv(p + "down", [previous], channels, 4 * width, 1, s, 0,
                                    out_hw, block))
                shortcut = p + "down"
            layers.append({"name": p + "add", "op": "add", "inputs": [p + "conv3", shortcut],
                           "mode": "or", "output_bits": 1, "block": block})
            previous, channels, hw, block = p + "add", 4 * width, out_hw, block + 1
    return {"name": "sew-resnet152", "time_steps": time_steps,
            "variant": "SEW-ResNet-152 (3-8-36-3 bottleneck blocks), for search-time checks",
            "input": {"name": "input", "shape": [2, size, size], "bits": 4},
            "layers": layers, "outputs": [previous]}
