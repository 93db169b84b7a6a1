func.func private @hw_levels() attributes {h = #snn.hardware<name = "h", mac_units = 4, mac_array = [1, 1, 2, 2], pj_per_op = 0.1, pj_per_op_multibit = 0.1, levels = []>}
