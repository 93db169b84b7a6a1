func.func private @level_name() attributes {l = #snn.level<name = "", kind = sram, serves = "W">}
