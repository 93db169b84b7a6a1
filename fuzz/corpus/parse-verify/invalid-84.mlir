func.func private @level_bytes() attributes {l = #snn.level<name = "gb", kind = sram, serves = "W", bytes = -1>}
