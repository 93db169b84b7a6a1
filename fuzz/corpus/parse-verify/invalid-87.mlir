func.func private @hw_units() attributes {h = #snn.hardware<name = "h", mac_units = 0, mac_array = [1, 1, 1, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.1, levels = []>}
