print("rnnlab")
