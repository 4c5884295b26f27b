"""Reference values from PyTorch for RNNLab's bidirectional encoder.

Writes, for each case, `<case>.safetensors` (the float32 state_dict of a
nn.GRU / nn.LSTM(bidirectional=True, batch_first=True) named `rnn`) and `<case>.json`:
the input, the sequence lengths (packed: the reverse direction starts at each
sequence's last real token), the outputs at real positions, h_n (and c_n), the
loss L = sum(w_out * output at real positions) + sum(w_h * h_n) (+ sum(w_c * c_n)),
and dL/d(every parameter) and dL/d(input). Run with PyTorch 2 and safetensors:
    python3 make_bidirectional_parity.py
"""
import json
import torch
import torch.nn as nn
from safetensors.torch import save_file

CASES = [("gru_bi_l1", nn.GRU, 1), ("lstm_bi_l2", nn.LSTM, 2)]
BATCH, STEPS, INPUT, HIDDEN = 3, 6, 5, 4
LENGTHS = [6, 4, 2]


def values(tensor):
    return [float(f"{v:.12g}") for v in tensor.detach().double().flatten().tolist()]


for name, kind, layers in CASES:
    torch.manual_seed(7 + layers)
    rnn = kind(INPUT, HIDDEN, num_layers=layers, batch_first=True, bidirectional=True)
    x = torch.randn(BATCH, STEPS, INPUT, requires_grad=True)
    packed = nn.utils.rnn.pack_padded_sequence(x, torch.tensor(LENGTHS), batch_first=True, enforce_sorted=True)
    out, state = rnn(packed)
    out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=STEPS)
    h_n, c_n = state if isinstance(state, tuple) else (state, None)
    mask = torch.zeros(BATCH, STEPS, 1)
    for b, length in enumerate(LENGTHS):
        mask[b, :length] = 1
    generator = torch.Generator().manual_seed(99)
    w_out = torch.rand(BATCH, STEPS, 2 * HIDDEN, generator=generator) * 2 - 1
    w_h = torch.rand(h_n.shape, generator=generator) * 2 - 1
    loss = (w_out * out * mask).double().sum() + (w_h * h_n).double().sum()
    w_c = None
    if c_n is not None:
        w_c = torch.rand(c_n.shape, generator=generator) * 2 - 1
        loss = loss + (w_c * c_n).double().sum()
    loss.backward()
    state_dict = {f"rnn.{key}": value.detach().contiguous() for key, value in rnn.state_dict().items()}
    save_file(state_dict, f"{name}.safetensors")
    document = {
        "cell": "gru" if kind is nn.GRU else "lstm", "num_layers": layers, "batch": BATCH, "seq_len": STEPS,
        "input_size": INPUT, "hidden_size": HIDDEN, "lengths": LENGTHS,
        "layout": "output[b][t] = [forward h_t ; reverse h_t] at real positions (t < length), zeros after; "
                  "h_n[2*layer + direction][b], direction 0 forward, 1 reverse",
        "input": values(x), "output": values(out), "h_n": values(h_n),
        "w_out": values(w_out), "w_h": values(w_h),
        "loss": float(f"{loss.item():.12g}"),
        "grads": {f"rnn.{key}": values(p.grad) for key, p in rnn.named_parameters()},
        "grad_input": values(x.grad),
    }
    if c_n is not None:
        document["c_n"] = values(c_n)
        document["w_c"] = values(w_c)
    with open(f"{name}.json", "w") as file:
        json.dump(document, file, indent=1)
    print(name, "loss", loss.item())
