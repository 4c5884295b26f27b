# Reference values from PyTorch for a many-to-one word classifier: nn.Embedding in front of
# nn.RNN / nn.LSTM / nn.GRU (batch_first), sequences of different lengths in one batch, the
# output layer reading each sequence's last real step or the mean of its real steps, and the mean
# cross-entropy of one label per sequence. Writes classifier_<case>.json and .safetensors here.
#
#   python classifier.py      (torch, safetensors, numpy)
import json
import os

import torch
import torch.nn as nn
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
TOKENS, EMBEDDING, HIDDEN, LABELS, LAYERS = 9, 4, 6, 3, 2
# Three sentences of 5, 3 and 2 tokens, padded with 0 to 5 steps.
SEQUENCES = [[3, 1, 8, 5, 2], [7, 4, 6], [2, 5]]
LENGTHS = [len(s) for s in SEQUENCES]
TARGETS = [1, 0, 2]


class Classifier(nn.Module):
    def __init__(self, cell, readout):
        super().__init__()
        self.embedding = nn.Embedding(TOKENS, EMBEDDING)
        self.rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell](EMBEDDING, HIDDEN, num_layers=LAYERS, batch_first=True)
        self.fc = nn.Linear(HIDDEN, LABELS)
        self.readout = readout

    def forward(self, tokens, lengths):
        out, _ = self.rnn(self.embedding(tokens))            # [batch][steps][hidden]
        mask = (torch.arange(tokens.shape[1])[None, :] < lengths[:, None]).double()
        if self.readout == "last-step":
            pooled = out[torch.arange(tokens.shape[0]), lengths - 1]
        else:
            pooled = (out * mask[:, :, None]).sum(1) / lengths[:, None].double()
        return self.fc(pooled), out


def number(x):
    return float(f"{x:.12g}")


def nested(t):
    return json.loads(json.dumps(t.detach().double().tolist()), parse_float=lambda s: number(float(s)))


def write(name, cell, readout, seed):
    torch.manual_seed(seed)
    model = Classifier(cell, readout)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, os.path.join(HERE, f"classifier_{name}.safetensors"),
              metadata={"readout": readout})
    model = model.double()  # float64 from the float32 weights
    padded = [s + [0] * (max(LENGTHS) - len(s)) for s in SEQUENCES]
    tokens, lengths = torch.tensor(padded), torch.tensor(LENGTHS)
    logits, out = model(tokens, lengths)
    loss = nn.functional.cross_entropy(logits, torch.tensor(TARGETS))
    loss.backward()
    reference = {
        "cell": cell, "readout": readout, "num_layers": LAYERS, "tokens": padded, "lengths": LENGTHS, "targets": TARGETS,
        "logits": nested(logits), "loss": number(loss.item()),
        "grads": {k: nested(p.grad) for k, p in model.named_parameters()},
    }
    with open(os.path.join(HERE, f"classifier_{name}.json"), "w") as f:
        json.dump(reference, f)


if __name__ == "__main__":
    write("lstm_last", "lstm", "last-step", 1)
    write("gru_mean", "gru", "mean", 2)
    write("rnn_mean", "rnn", "mean", 3)
