print("switchboard-bench-tls: not written yet")
