func.func private @bad_time_tile() attributes {s = #snn.schedule<time_tile = -1>}
