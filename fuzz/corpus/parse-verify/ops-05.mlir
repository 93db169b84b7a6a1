module attributes {snn.hardware = #snn.hardware<name = "core", mac_units = 1024,
    mac_array = [32, 2, 16, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, levels = [
    #snn.level<name = "rf", kind = register, serves = "WOV">,
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 1024, read_pj = 0.13, write_pj = 0.175>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 64, read_pj = 10.9375, write_pj = 11.71875>]>} {
}
