/// `train.py` of a PyTorch export: reads `lesson.json`, `data.safetensors` and
/// `initial.safetensors` from its own folder and trains as `rnnlab run` does.
enum PyTorchScript {
    static let text = #"""
        #!/usr/bin/env python3
        """An RNNLab lesson, exported for PyTorch by `rnnlab export LESSON --pytorch DIR`.

        Trains the lesson's model -- an nn.RNN, nn.LSTM or nn.GRU named `rnn` and an nn.Linear named
        `fc`, starting from RNNLab's initial weights (initial.safetensors) -- on the same batches
        (data.safetensors) with the same optimizer, and prints every iteration's loss as `rnnlab run`
        numbers it: iteration k is the network after k optimizer steps; the last line, iteration N,
        is the trained network's final loss. Writes losses.json and model.safetensors, which RNNLab
        reads back:  rnnlab step LESSON --model DIR/model.safetensors

            python3 train.py                    # the lesson as it is
            python3 train.py --iterations 20    # fewer iterations
            python3 train.py --device cuda      # on a GPU

        Needs torch and safetensors (pip install torch safetensors).
        """
        import argparse
        import json
        import os

        import torch
        import torch.nn as nn
        import torch.nn.functional as F
        from safetensors.torch import load_file, save_file

        HERE = os.path.dirname(os.path.abspath(__file__))


        def read_lesson():
            with open(os.path.join(HERE, "lesson.json"), encoding="utf-8") as f:
                return json.load(f)


        class Model(nn.Module):
            """A recurrent stack `rnn` (batch first) and a linear layer `fc` on every step or the last."""

            def __init__(self, lesson):
                super().__init__()
                kind = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[lesson["cell"]]
                self.rnn = kind(lesson["input_size"], lesson["hidden"], num_layers=lesson["layers"], batch_first=True)
                self.fc = nn.Linear(lesson["hidden"], lesson["output_size"])
                self.last_step = lesson["readout"] == "last-step"

            def forward(self, x):
                out, _ = self.rnn(x)
                if self.last_step:
                    out = out[:, -1]
                return self.fc(out)


        class Data:
            """The examples: windows of a text, or windows of numbers with their targets."""

            def __init__(self, lesson, device):
                self.lesson = lesson
                self.device = device
                self.tensors = {name: tensor.to(device) for name, tensor in load_file(os.path.join(HERE, "data.safetensors")).items()}
                if lesson["data"] == "text":
                    self.text = self.tensors["text"].long()

            def examples(self, indices, held_out=False):
                """The inputs [batch, steps, features] and targets of examples `indices`."""
                lesson = self.lesson
                if lesson["data"] == "text":
                    start = lesson["validation_start"] if held_out else 0
                    length = lesson["validation_length"] if held_out else lesson["window"]
                    positions = start + indices[:, None] + torch.arange(length, device=indices.device)
                    x = F.one_hot(self.text[positions], lesson["input_size"]).float()
                    return x, self.text[positions + 1]
                prefix = "validation_" if held_out else ""
                return self.tensors[prefix + "inputs"][indices], self.tensors[prefix + "targets"][indices]

            def batch(self, iteration):
                """The examples training step `iteration` + 1 reads."""
                if self.lesson["full_batch"]:
                    return self.examples(torch.arange(self.lesson["examples"], device=self.device))
                return self.examples(self.tensors["batches"][iteration])


        def loss_of(lesson, output, target):
            """The lesson's loss, as RNNLab computes it."""
            if lesson["loss"] == "cross-entropy":
                return F.cross_entropy(output.reshape(-1, output.shape[-1]), target.reshape(-1))
            squares = (output.reshape(-1) - target.reshape(-1)) ** 2
            return squares.sum() if lesson["loss"] == "sum-squared" else squares.mean()


        @torch.no_grad()
        def evaluate(lesson, model, data, indices, held_out=False):
            """The loss on examples `indices`, a batch at a time: the mean over every prediction (a
            summed squared error as the sum over a batch of `sum_scale` examples)."""
            total, count = 0.0, 0
            for part in indices.split(max(lesson["evaluation_batch"], 1)):
                x, y = data.examples(part, held_out)
                output = model(x)
                if lesson["loss"] == "cross-entropy":
                    total += F.cross_entropy(output.reshape(-1, output.shape[-1]), y.reshape(-1), reduction="sum").item()
                else:
                    total += ((output.reshape(-1) - y.reshape(-1)) ** 2).sum().item()
                count += y.numel()
            mean = total / max(count, 1)
            return mean * lesson["sum_scale"] if lesson["loss"] == "sum-squared" else mean


        def main():
            lesson = read_lesson()
            parser = argparse.ArgumentParser(description=f"{lesson['name']}: {lesson['title']} (exported from RNNLab)")
            parser.add_argument("--iterations", type=int, default=lesson["iterations"], help="optimizer steps (default: the lesson's)")
            parser.add_argument("--device", default="cpu", help="cpu or cuda")
            arguments = parser.parse_args()
            iterations = min(arguments.iterations, lesson["iterations"])
            device = torch.device(arguments.device)

            model = Model(lesson)
            model.load_state_dict(load_file(os.path.join(HERE, "initial.safetensors")))
            model.to(device)
            data = Data(lesson, device)
            if lesson["optimizer"] == "adam":
                optimizer = torch.optim.Adam(model.parameters(), lr=lesson["learning_rate"])
            else:
                optimizer = torch.optim.SGD(model.parameters(), lr=lesson["learning_rate"], momentum=lesson["momentum"])
            validated = data.tensors.get("validated")
            measured = set(lesson["validation_iterations"]) | {iterations}
            losses, held_out = [], []

            def show(iteration, loss):
                """Prints iteration `iteration`'s loss, and its held-out loss where RNNLab measures one."""
                line = f"{lesson['name']}: iteration {iteration}/{iterations}, loss {loss:.6f}"
                if validated is not None and iteration in measured:
                    value = evaluate(lesson, model, data, validated, held_out=True)
                    held_out.append([iteration, value])
                    line += f", validation {value:.6f}"
                losses.append(loss)
                print(line, flush=True)

            # Iteration k's loss is the one step k + 1 computes before its update; iteration N's is
            # the trained network's final loss.
            for iteration in range(iterations):
                x, y = data.batch(iteration)
                optimizer.zero_grad()
                loss = loss_of(lesson, model(x), y)
                loss.backward()
                show(iteration, loss.item())
                if lesson.get("clip") is not None:
                    nn.utils.clip_grad_norm_(model.parameters(), lesson["clip"])
                optimizer.step()
            evaluated = data.tensors["evaluated"]
            if lesson["final_is_next_batch"] and iterations < lesson["iterations"]:
                evaluated = data.tensors["batches"][iterations]
            show(iterations, evaluate(lesson, model, data, evaluated))

            with open(os.path.join(HERE, "losses.json"), "w", encoding="utf-8") as f:
                json.dump({"loss": losses, "validation": held_out}, f)
            state = {name: tensor.detach().cpu().contiguous() for name, tensor in model.state_dict().items()}
            metadata = dict(lesson["metadata"], iterations=str(iterations))
            save_file(state, os.path.join(HERE, "model.safetensors"), metadata=metadata)
            print(f"wrote {os.path.join(HERE, 'model.safetensors')}")


        if __name__ == "__main__":
            main()

        """#
}
